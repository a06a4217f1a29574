package io.clientele.invitation.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.EmailChangeParticipant;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.client.service.ClientLookups;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.ConsentSource;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.port.ConsentLog;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.SkipReason;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.invitation.port.CredentialStore;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MessageTemplate;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.port.MailOutbox;
import io.clientele.mail.port.MessageTemplates;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the invitation use cases share: the ports, token issuing, the eligibility rules of an
 * invitation, the invitations consent category, and enqueueing. One per {@code Clientele}.
 */
final class InvitationSupport {

    final ClientRepository clients;
    final AuditLog audit;
    final EventPublisher events;
    final TransactionRunner tx;
    final TenantSettingsProvider settings;
    final Clock clock;
    final Ids ids;
    final MailOutbox outbox;
    final TokenRepository tokens;
    final CredentialStore credentials;
    final CampaignRepository campaigns;
    final MessageTemplates templates;
    final PreferenceRepository preferences;
    final ConsentLog consents;
    final InvitationConfig config;
    private final SecureRandom random = new SecureRandom();

    /** The ports and settings, grouped so the constructor stays readable. */
    record Ports(ClientRepository clients, AuditLog audit, EventPublisher events, TransactionRunner tx,
            TenantSettingsProvider settings, Clock clock, Ids ids, MailOutbox outbox, TokenRepository tokens,
            CredentialStore credentials, CampaignRepository campaigns, MessageTemplates templates,
            PreferenceRepository preferences, ConsentLog consents, InvitationConfig config) {
    }

    InvitationSupport(Ports p) {
        this.clients = p.clients();
        this.audit = p.audit();
        this.events = p.events();
        this.tx = p.tx();
        this.settings = p.settings();
        this.clock = p.clock();
        this.ids = p.ids();
        this.outbox = p.outbox();
        this.tokens = p.tokens();
        this.credentials = p.credentials();
        this.campaigns = p.campaigns();
        this.templates = p.templates();
        this.preferences = p.preferences();
        this.consents = p.consents();
        this.config = p.config();
    }

    Instant now() {
        return clock.instant();
    }

    <T> T inTransaction(Supplier<T> work) {
        return tx.inTransaction(work);
    }

    /** The client of this tenant, erased or not, for reading; not found otherwise. */
    Client load(TenantId tenant, ClientId id) {
        return ClientLookups.find(clients, tenant, id);
    }

    /** The client of this tenant, erased or not, locked for a change (its links, mails, status); not found otherwise. */
    Client lock(TenantId tenant, ClientId id) {
        return ClientLookups.lock(clients, tenant, id);
    }

    /** Appends an audit entry. */
    void record(Actor actor, TenantId tenant, ClientId client, AuditAction action, List<FieldChange> changes) {
        audit.append(AuditEntry.of(ids.next(), tenant, client, actor, action, now(), changes));
    }

    /**
     * Issues a new token for the client and stores its hash. Revokes nothing: the cap on live
     * activation links applies only once a link is sent (the dispatcher's {@code
     * TokenRepository.capLive}), so a send that fails leaves the earlier links as they were.
     */
    RawToken issue(TenantId tenant, ClientId client, TokenPurpose purpose, Optional<String> category) {
        Instant now = now();
        RawToken token = newToken();
        tokens.insert(new IssuedToken(token.hash(), tenant, client, purpose, category, now,
                now.plus(lifetime(purpose)), Optional.empty(), Optional.empty()));
        return token;
    }

    /** A new random token (256 bits, base64url), not stored anywhere: the caller stores its hash. */
    RawToken newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new RawToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    Duration lifetime(TokenPurpose purpose) {
        return switch (purpose) {
            case ACTIVATION -> config.invitationLinkLifetime();
            case PASSWORD_RESET -> config.passwordResetLinkLifetime();
            case UNSUBSCRIBE -> config.unsubscribeLinkLifetime();
        };
    }

    /**
     * Why the client cannot be sent an invitation now, if they cannot. The same rules serve the
     * preview, campaigns and individual invites, so a preview's counts match what a run does.
     */
    Optional<SkipReason> skipReason(Client client) {
        if (client.erased()) {
            return Optional.of(SkipReason.ERASED);
        }
        if (client.invitationStatus() == InvitationStatus.ACCEPTED) {
            return Optional.of(SkipReason.ACCEPTED);
        }
        if (client.details().email().isEmpty()) {
            return Optional.of(SkipReason.NO_EMAIL);
        }
        if (client.emailBounced()) {
            return Optional.of(SkipReason.BOUNCED);
        }
        if (unsubscribedFromInvitations(client.tenantId(), client.id())) {
            return Optional.of(SkipReason.UNSUBSCRIBED);
        }
        Instant cooldownStart = now().minus(config.resendCooldown());
        // a mail still waiting in the outbox (a long, rate-limited campaign) counts however old it is
        boolean inCooldown = outbox.hasPending(client.tenantId(), client.id(), MailKind.INVITATION)
                || outbox.lastEnqueuedAt(client.tenantId(), client.id(), MailKind.INVITATION)
                        .map(last -> last.isAfter(cooldownStart)).orElse(false);
        return inCooldown ? Optional.of(SkipReason.IN_COOLDOWN) : Optional.empty();
    }

    /**
     * Of {@code clients}, those whose latest decision for the invitations category is an opt-out:
     * {@link #unsubscribedFromInvitations(TenantId, ClientId)} for a batch, in two port calls.
     */
    Set<ClientId> unsubscribedFromInvitations(TenantId tenant, Set<ClientId> clients) {
        if (clients.isEmpty()) {
            return Set.of();
        }
        return preferences.findByKey(tenant, MarketingPreference.INVITATIONS)
                .map(p -> consents.optedOut(tenant, p.id(), clients))
                .orElse(Set.of());
    }

    /** True when the client's latest decision for the invitations category is an opt-out. */
    boolean unsubscribedFromInvitations(TenantId tenant, ClientId client) {
        return preferences.findByKey(tenant, MarketingPreference.INVITATIONS)
                .flatMap(p -> consents.latest(tenant, client, p.id()))
                .map(r -> r.decision() == ConsentDecision.OPT_OUT)
                .orElse(false);
    }

    /** The tenant's built-in invitations category, created on first use. */
    MarketingPreference invitationsPreference(TenantId tenant) {
        // a first use in another unit of work may be creating it at this very moment: insert it
        // unless it exists, and take whichever is stored
        return preferences.findByKey(tenant, MarketingPreference.INVITATIONS).orElseGet(
                () -> preferences.insertIfAbsent(MarketingPreference.invitations(new PreferenceId(ids.next()), tenant)));
    }

    /** Records an opt-out of invitations, with its proof, and audits it. */
    void recordUnsubscribe(Actor actor, TenantId tenant, ClientId client, ConsentSource source,
            Optional<String> ipAddress, Optional<String> userAgent) {
        MarketingPreference preference = invitationsPreference(tenant);
        consents.append(new ConsentRecord(ids.next(), tenant, client, preference.id(), ConsentDecision.OPT_OUT, now(),
                actor.describe(), source, preference.version(), preference.wordingHash(), ipAddress, userAgent));
        record(actor, tenant, client, AuditAction.CONSENT_RECORDED, List.of(new FieldChange(preference.key(),
                Optional.empty(), Optional.of(ConsentDecision.OPT_OUT.name()))));
        events.publish(new InvitationEvents.UnsubscribedFromInvitations(tenant, client, now()));
    }

    /** The language a mail to the client is written in: theirs, or the tenant's default. */
    String languageOf(Client client) {
        return client.details().preferredLanguage()
                .orElseGet(() -> settings.settings(client.tenantId()).defaultLanguage())
                .value();
    }

    /**
     * The tenant's template text for the kind in {@code language} (or its fallback), as staff's
     * text: a template's subject and message obey the limits of an {@link InvitationMessage}.
     */
    InvitationMessage defaultText(TenantId tenant, MailKind kind, String language) {
        return textOf(templates.template(tenant, kind, language));
    }

    /** A template's subject and message as staff's text. */
    static InvitationMessage textOf(MessageTemplate template) {
        return new InvitationMessage(template.subject(), template.message());
    }

    /**
     * Puts an invitation for the client in the outbox (the caller checked {@link #skipReason}),
     * with the custom text or the tenant's template in the client's language, and audits it.
     */
    OutboxMessage enqueueInvitation(Actor actor, Client client, Optional<UUID> campaignId,
            Optional<InvitationMessage> custom) {
        String language = languageOf(client);
        InvitationMessage text = custom.orElseGet(() -> defaultText(client.tenantId(), MailKind.INVITATION, language));
        OutboxMessage message = OutboxMessage.pending(ids.next(), client.tenantId(), client.id(),
                MailKind.INVITATION, campaignId, client.details().email().orElseThrow().value(), language,
                text.subject(), text.message(), now());
        outbox.enqueue(message);
        record(actor, client.tenantId(), client.id(), AuditAction.INVITATION_ENQUEUED,
                List.of(FieldChange.plain("campaign", Optional.empty(), campaignId)));
        events.publish(new InvitationEvents.InvitationEnqueued(client.tenantId(), client.id(), campaignId, now()));
        return message;
    }

    /**
     * Forgets what the invitation context holds about an erased client: live links are revoked,
     * credentials removed, pending mails cancelled and every mail's recipient and text blanked, and
     * so are the "forgot password" requests for the client's address, which name no client yet
     * (found with the client as it was before anonymization); the custom message of every campaign
     * aimed at the client by id is dropped.
     */
    ErasureParticipant eraser() {
        return new ErasureParticipant() {
            @Override
            public void erase(TenantId tenant, ClientId client) {
                tokens.revokeAll(tenant, client, now());
                credentials.remove(tenant, client);
                outbox.anonymize(tenant, client);
                campaigns.dropCustomMessagesTargeting(tenant, client);
            }

            @Override
            public void erase(Client before) {
                erase(before.tenantId(), before.id());
                before.details().email()
                        .ifPresent(email -> outbox.anonymizeRequests(before.tenantId(), email.value()));
            }
        };
    }

    /**
     * What a change of a client's email address does in this context, in the edit's unit of work
     * and under the client's lock: every live link of the client is revoked, unsubscribe links
     * included (whoever holds the old mailbox is not necessarily the client, and the client's
     * opt-out stays recorded), pending invitation and reset mails are cancelled, and, when anything
     * was, a {@code LINKS_REVOKED} audit entry by the editor records how many (counts only). A mail
     * the dispatcher has already rendered is stopped too: its row is cancelled, so recording its
     * result revokes its links.
     */
    EmailChangeParticipant emailChangeParticipant() {
        return (actor, before, after) -> {
            TenantId tenant = after.tenantId();
            ClientId client = after.id();
            int links = tokens.revokeAll(tenant, client, now());
            int invitations = outbox.cancelPending(tenant, client, MailKind.INVITATION);
            int resets = outbox.cancelPending(tenant, client, MailKind.PASSWORD_RESET);
            if (links + invitations + resets > 0) {
                record(actor, tenant, client, AuditAction.LINKS_REVOKED, List.of(
                        FieldChange.plain("liveLinks", Optional.of(links), Optional.of(0)),
                        FieldChange.plain("pendingInvitations", Optional.of(invitations), Optional.of(0)),
                        FieldChange.plain("pendingPasswordResets", Optional.of(resets), Optional.of(0))));
            }
        };
    }

    /** A client's language as a tag, for templates. */
    static LanguageTag tag(String language) {
        return LanguageTag.of(language);
    }
}
