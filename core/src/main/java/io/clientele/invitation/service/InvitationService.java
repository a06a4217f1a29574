package io.clientele.invitation.service;

import io.clientele.client.model.Client;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.client.service.ClientDetails;
import io.clientele.client.service.ClientGuard;
import io.clientele.client.service.ClientProfileService;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.invitation.model.SkipReason;
import io.clientele.mail.model.Letterhead;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MailPreview;
import io.clientele.mail.model.MessageTemplate;
import io.clientele.mail.port.MailOutbox;
import io.clientele.mail.port.MessageTemplates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Invites single clients to activate their self-service account, on their own or right when they
 * are created, and gives staff the tenant's default text to start from.
 *
 * <p>A client is invited while {@code ADDED} or {@code INVITED}; a client who accepted,
 * unsubscribed from invitations, has no email, whose address bounced or was erased is answered {@link
 * InviteOutcome.Skipped} with the reason, and never gets a mail. The invitation is written to the
 * mail outbox in the same unit of work as its audit entry; the dispatcher adds the personal link
 * when it sends.
 *
 * <p>An individual invite is a deliberate staff decision, so the campaign resend cooldown (default
 * 24 hours) does not block it. Only a second invitation within {@value #DOUBLE_SUBMIT_GUARD_SECONDS}
 * seconds of the previous one (from any source; or within the resend cooldown, if that is shorter)
 * is answered {@code Skipped(IN_COOLDOWN)}, so a double-submitted form sends one mail.
 *
 * <p>Staff can see the invitation before sending it: {@link #preview} renders the mail one client
 * would get (or says why they would get none), {@link #previewSamples} the mail a sample client
 * would get in each language the tenant offers. A preview goes through the same rendering as the
 * real mail (the same letterhead, the same composer), with placeholder links: it issues no token,
 * writes nothing to the outbox, the audit trail or the events, and changes nothing. Previews and
 * {@link #defaultMessage} read in a read-only unit of work ({@link
 * TransactionRunner#inReadOnlyTransaction}), so a SQL adapter can mark it read-only; the mails are
 * rendered after it ends.
 *
 * <p>Every operation requires {@link Permission#INVITE_CLIENTS} and is for staff (or the system),
 * never for a client acting for themself. Stateless and thread-safe.
 */
public final class InvitationService {

    /** How long after an invitation another individual invite is taken for a double submit. */
    public static final long DOUBLE_SUBMIT_GUARD_SECONDS = 60;

    /** The first name of the sample client of {@link #previewSamples}. */
    public static final String SAMPLE_FIRST_NAME = "Alex";

    /** The address of the sample client of {@link #previewSamples}, on a domain reserved for examples (RFC 2606). */
    public static final String SAMPLE_RECIPIENT = "alex@example.com";

    private static final Duration DOUBLE_SUBMIT_GUARD = Duration.ofSeconds(DOUBLE_SUBMIT_GUARD_SECONDS);

    /** The id a preview is rendered under, the nil UUID: never an outbox message's (those are UUIDv7). */
    private static final UUID PREVIEW_ID = new UUID(0, 0);

    private final ClientGuard guard;
    private final MailOutbox outbox;
    private final TenantSettingsProvider settings;
    private final MessageTemplates templates;
    private final TransactionRunner tx;
    private final Clock clock;
    private final InvitationSupport support;
    private final MailRendering rendering;
    private final ClientProfileService profiles;

    /** The service on the context's ports; {@code profiles} creates the clients of {@link #createAndInvite}. */
    InvitationService(InvitationServices.Ports ports, ClientProfileService profiles) {
        this.guard = new ClientGuard(ports.clients(), ports.settings());
        this.outbox = ports.outbox();
        this.settings = ports.settings();
        this.templates = ports.templates();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.support = new InvitationSupport(ports);
        this.rendering = new MailRendering(ports);
        this.profiles = profiles;
    }

    /** The client and what happened to their invitation, as answered by {@link #createAndInvite}. */
    public record CreatedAndInvited(Client client, InviteOutcome outcome) {
        public CreatedAndInvited {
            Validate.notNull("client", client);
            Validate.notNull("outcome", outcome);
        }
    }

    /**
     * Invites the client: an invitation mail with the tenant's template in the client's language
     * goes to the outbox; or the client is skipped with the reason. A client of another tenant is
     * not found.
     */
    public InviteOutcome invite(Actor actor, TenantId tenant, ClientId client) {
        return invite(actor, tenant, client, Optional.empty());
    }

    /**
     * Invites the client: an invitation mail with the staff's {@code custom} subject and message
     * goes to the outbox; or the client is skipped with the reason. A client of another tenant is
     * not found.
     */
    public InviteOutcome invite(Actor actor, TenantId tenant, ClientId client, InvitationMessage custom) {
        Validate.notNull("message", custom);
        return invite(actor, tenant, client, Optional.of(custom));
    }

    private InviteOutcome invite(Actor actor, TenantId tenant, ClientId client, Optional<InvitationMessage> custom) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("clientId", client);
        Access.requireStaff(actor, Permission.INVITE_CLIENTS, tenant, client);
        // an erased client is locked too, and answered Skipped(ERASED) rather than refused
        return tx.inTransaction(() -> inviteNow(actor, guard.lock(tenant, client), custom));
    }

    /**
     * Creates a client (as {@link ClientProfileService#create} does, which also requires {@link
     * Permission#EDIT_CLIENTS}) and invites them, in one unit of work: when the invitation cannot be
     * written, the client is not created either. A client without email is created and answered
     * {@code Skipped(NO_EMAIL)}.
     */
    public CreatedAndInvited createAndInvite(Actor actor, TenantId tenant, ClientDetails details,
            Optional<InvitationMessage> custom) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("details", details);
        Validate.notNull("message", custom);
        Access.requireStaff(actor, Permission.INVITE_CLIENTS, tenant);
        return tx.inTransaction(() -> {
            Client created = profiles.create(actor, tenant, details);
            return new CreatedAndInvited(created, inviteNow(actor, created, custom));
        });
    }

    /**
     * The tenant's invitation subject and message in {@code language} (a BCP 47 tag; the tenant's
     * default language when there is no template in it), to prefill the staff's form.
     */
    public MessageTemplate defaultMessage(Actor actor, TenantId tenant, String language) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("language", language);
        Access.requireStaff(actor, Permission.INVITE_CLIENTS, tenant);
        String tag;
        try {
            tag = InvitationSupport.tag(language).value();
        } catch (ValidationException e) {
            throw new ValidationException("language", e.rule(), "not a BCP 47 language tag");
        }
        return tx.inReadOnlyTransaction(() -> templates.template(tenant, MailKind.INVITATION, tag));
    }

    /**
     * What inviting the client with the tenant's template would do, without doing it: the mail
     * the client would get ({@link InvitationPreview.Rendered}: in their language, to their
     * address, with their first name, from the studio's sender identity, with placeholder links),
     * or the reason {@link #invite} would skip them ({@link InvitationPreview.Skipped}). Issues no
     * token, enqueues, audits and changes nothing. A client of another tenant is not found.
     */
    public InvitationPreview preview(Actor actor, TenantId tenant, ClientId client) {
        return previewClient(actor, tenant, client, Optional.empty());
    }

    /** As {@link #preview(Actor, TenantId, ClientId)}, with the staff's own subject and message. */
    public InvitationPreview preview(Actor actor, TenantId tenant, ClientId client, InvitationMessage custom) {
        return previewClient(actor, tenant, client, Optional.of(Validate.notNull("message", custom)));
    }

    /**
     * The invitation a sample client ({@value #SAMPLE_FIRST_NAME}, {@value #SAMPLE_RECIPIENT})
     * would get in each language the tenant offers, default language first: the tenant's template
     * in that language (or its fallback), the composer's sentences in that language, placeholder
     * links. Issues no token, enqueues, audits and changes nothing; one port call for the
     * settings and one for the template per language.
     */
    public List<MailPreview> previewSamples(Actor actor, TenantId tenant) {
        return samples(actor, tenant, Optional.empty());
    }

    /** As {@link #previewSamples(Actor, TenantId)}, with the staff's own subject and message in every language. */
    public List<MailPreview> previewSamples(Actor actor, TenantId tenant, InvitationMessage custom) {
        return samples(actor, tenant, Optional.of(Validate.notNull("message", custom)));
    }

    private InvitationPreview previewClient(Actor actor, TenantId tenant, ClientId clientId,
            Optional<InvitationMessage> custom) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("clientId", clientId);
        // everything the mail needs is read in one read-only unit of work; it is rendered outside
        PreviewRead read = tx.inReadOnlyTransaction(() -> {
            Client client = guard.readAsStaff(actor, Permission.INVITE_CLIENTS, tenant, clientId);
            Optional<SkipReason> reason = individualSkipReason(client);
            if (reason.isPresent()) {
                return new WouldSkip(reason.get());
            }
            String language = support.languageOf(client);
            InvitationMessage text = custom.orElseGet(() -> support.defaultText(tenant, MailKind.INVITATION, language));
            MailRendering.Content content = new MailRendering.Content(MailKind.INVITATION, language,
                    client.details().email().orElseThrow().value(), client.details().name().firstName(),
                    text.subject(), text.message());
            return new Draft(rendering.letterhead(tenant, MailKind.INVITATION, language), content);
        });
        if (read instanceof Draft draft) {
            return new InvitationPreview.Rendered(clientId, render(draft));
        }
        return new InvitationPreview.Skipped(clientId, ((WouldSkip) read).reason());
    }

    private List<MailPreview> samples(Actor actor, TenantId tenant, Optional<InvitationMessage> custom) {
        Validate.notNull("tenantId", tenant);
        Access.requireStaff(actor, Permission.INVITE_CLIENTS, tenant);
        // the settings and one template per language are read in one read-only unit of work; the
        // mails are rendered outside it
        List<Draft> drafts = tx.inReadOnlyTransaction(() -> {
            TenantSettings studio = settings.settings(tenant);
            List<Draft> read = new ArrayList<>(studio.languages().size());
            for (LanguageTag tag : new LinkedHashSet<>(studio.languages())) {
                String language = tag.value();
                MessageTemplate template = templates.template(tenant, MailKind.INVITATION, language);
                InvitationMessage text = custom.orElseGet(() -> InvitationSupport.textOf(template));
                read.add(new Draft(rendering.letterhead(tenant, studio, template),
                        new MailRendering.Content(MailKind.INVITATION, language, SAMPLE_RECIPIENT, SAMPLE_FIRST_NAME,
                                text.subject(), text.message())));
            }
            return read;
        });
        return drafts.stream().map(this::render).toList();
    }

    /** What the read of a preview found: why the client would be skipped, or the mail to render. */
    private sealed interface PreviewRead permits WouldSkip, Draft {
    }

    /** The client would not be sent an invitation, for this reason. */
    private record WouldSkip(SkipReason reason) implements PreviewRead {
    }

    /** A mail to render as a preview: who it is from and what it says. */
    private record Draft(Letterhead from, MailRendering.Content content) implements PreviewRead {
    }

    /** The preview of a draft, with placeholder links; no port but the composer is called. */
    private MailPreview render(Draft draft) {
        return MailPreview.of(draft.content().language(), rendering.renderPreview(PREVIEW_ID, draft.from(),
                draft.content()));
    }

    private InviteOutcome inviteNow(Actor actor, Client client, Optional<InvitationMessage> custom) {
        Optional<SkipReason> reason = individualSkipReason(client);
        if (reason.isPresent()) {
            return new InviteOutcome.Skipped(client.id(), reason.get());
        }
        support.enqueueInvitation(actor, client, Optional.empty(), custom);
        return new InviteOutcome.Enqueued(client.id());
    }

    /**
     * The shared eligibility rule, with the resend cooldown narrowed to the double-submit guard; an
     * invitation still waiting in the outbox always counts.
     * {@link InvitationSupport#skipReason} checks the cooldown last, so {@code IN_COOLDOWN} means
     * every other rule passed and only the timing is left to decide here.
     */
    Optional<SkipReason> individualSkipReason(Client client) {
        Optional<SkipReason> reason = support.skipReason(client);
        if (reason.isEmpty() || reason.get() != SkipReason.IN_COOLDOWN) {
            return reason;
        }
        if (outbox.hasPending(client.tenantId(), client.id(), MailKind.INVITATION)) {
            // an invitation is already on its way; a second one would only duplicate it
            return reason;
        }
        Instant guardStart = clock.instant().minus(DOUBLE_SUBMIT_GUARD);
        boolean doubleSubmit = outbox.lastEnqueuedAt(client.tenantId(), client.id(), MailKind.INVITATION)
                .map(last -> last.isAfter(guardStart))
                .orElse(false);
        return doubleSubmit ? reason : Optional.empty();
    }
}
