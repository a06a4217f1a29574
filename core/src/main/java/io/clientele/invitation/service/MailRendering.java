package io.clientele.invitation.service;

import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.mail.model.Letterhead;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MailModel;
import io.clientele.mail.model.MessageTemplate;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SenderIdentity;
import io.clientele.mail.port.MailComposer;
import io.clientele.mail.port.MessageTemplates;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * The one way this context has a mail rendered: the dispatcher (with the personal links of the
 * tokens it has just issued) and the staff's preview (with placeholder links) both come here, so
 * what staff see is what clients get. It resolves whose mail it is from the tenant's settings and
 * template (the {@link Letterhead}: studio name, signature, sender identity with the platform's
 * address when the studio has none), fills the mail context's {@link MailModel}, and hands it to
 * the {@link MailComposer}, which knows nothing of invitations. Stateless and thread-safe.
 */
final class MailRendering {

    /**
     * The token of a preview's links: not a token anyone holds (a real one is 43 base64url
     * characters), so a preview link a staff member follows answers like any unknown link.
     */
    static final String PLACEHOLDER_TOKEN = "PREVIEW";

    /** What a mail says, apart from whose it is and its links. */
    record Content(MailKind kind, String language, String recipient, String firstName, String subject,
            String message) {
        Content {
            Validate.notNull("kind", kind);
            Validate.notNull("language", language);
            Validate.notNull("recipient", recipient);
            Validate.notNull("firstName", firstName);
            Validate.notNull("subject", subject);
            Validate.notNull("message", message);
        }
    }

    private final TenantSettingsProvider settings;
    private final MessageTemplates templates;
    private final MailComposer composer;
    private final InvitationConfig config;

    MailRendering(InvitationServices.Ports ports) {
        this.settings = ports.settings();
        this.templates = ports.templates();
        this.composer = ports.composer();
        this.config = ports.config();
    }

    /**
     * Whose mail of this kind and language from the tenant it is: two port calls (the tenant's
     * settings and template), so a batch asks once per tenant, kind and language.
     */
    Letterhead letterhead(TenantId tenant, MailKind kind, String language) {
        return letterhead(tenant, settings.settings(tenant), templates.template(tenant, kind, language));
    }

    /**
     * The letterhead from settings and a template already read: the studio's name and the
     * template's signature; the studio's default language; the studio's own address, or the platform's, under the studio's
     * display name, with the studio's reply-to address if it set one.
     */
    Letterhead letterhead(TenantId tenant, TenantSettings studio, MessageTemplate template) {
        SenderIdentity sender = new SenderIdentity(studio.senderName(),
                studio.senderAddress(config.platformSender()).value(),
                studio.sender().replyTo().map(EmailAddress::value));
        return new Letterhead(tenant, studio.studioName(), template.signature(), sender,
                studio.defaultLanguage().value());
    }

    /**
     * Renders the mail of outbox message {@code id} with its action link and (invitations only)
     * unsubscribe link; the link's validity is the configured lifetime of its kind. Fails if the
     * composer answers a mail with another id.
     */
    RenderedMail render(UUID id, Letterhead from, Content content, URI actionLink, Optional<URI> unsubscribeLink) {
        MailModel model = new MailModel(from, content.kind(), content.language(), content.recipient(),
                content.firstName(), content.subject(), content.message(), actionLink,
                TokenIssuer.lifetime(config, purposeOf(content.kind())).toDays(), unsubscribeLink);
        RenderedMail mail = composer.compose(id, model);
        if (!mail.id().equals(id)) {
            throw new IllegalStateException("the mail composer answered a mail with another id");
        }
        return mail;
    }

    /**
     * Renders the mail as {@link #render} does, with placeholder links in place of personal ones
     * (and an unsubscribe link for an invitation): nothing is issued or stored.
     */
    RenderedMail renderPreview(UUID id, Letterhead from, Content content) {
        TenantId tenant = from.tenantId();
        Optional<URI> unsubscribe = content.kind() == MailKind.INVITATION
                ? Optional.of(link(config.unsubscribeBaseUrl(), tenant, PLACEHOLDER_TOKEN))
                : Optional.empty();
        return render(id, from, content, link(actionBase(content.kind()), tenant, PLACEHOLDER_TOKEN), unsubscribe);
    }

    /** The page the action link of a mail of this kind opens. */
    URI actionBase(MailKind kind) {
        return kind == MailKind.INVITATION ? config.activationBaseUrl() : config.passwordResetBaseUrl();
    }

    /** The personal link: {@code base?tenant=<tenant id>&token=<token>}. */
    static URI link(URI base, TenantId tenant, String token) {
        // the configured base URL has no query or fragment (InvitationConfig checks it); a tenant
        // id (letters, digits, '.', '_', '-') and a base64url token need no escaping
        return URI.create(base + "?tenant=" + tenant.value() + "&token=" + token);
    }

    /** The token purpose of a mail's action link. */
    static TokenPurpose purposeOf(MailKind kind) {
        return kind == MailKind.INVITATION ? TokenPurpose.ACTIVATION : TokenPurpose.PASSWORD_RESET;
    }
}
