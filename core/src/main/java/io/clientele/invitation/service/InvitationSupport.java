package io.clientele.invitation.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Actor;
import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.TenantId;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.ConsentSource;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.port.ConsentLog;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.SkipReason;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MessageTemplate;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.port.MailOutbox;
import io.clientele.mail.port.MessageTemplates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The invitation rules the use cases share: the eligibility rules of an invitation (the skip
 * reasons), the state of the built-in invitations consent category and its opt-out, the language
 * and the tenant's text of a client's mail, enqueueing invitations, and audit recording. Built
 * from the context's {@link InvitationServices.Ports} like every service; stateless apart from its
 * ports and thread-safe. Every method runs inside the caller's unit of work.
 */
final class InvitationSupport {

    private final AuditLog audit;
    private final EventPublisher events;
    private final TenantSettingsProvider settings;
    private final Clock clock;
    private final Ids ids;
    private final MailOutbox outbox;
    private final MessageTemplates templates;
    private final PreferenceRepository preferences;
    private final ConsentLog consents;
    private final InvitationConfig config;

    InvitationSupport(InvitationServices.Ports ports) {
        this.audit = ports.audit();
        this.events = ports.events();
        this.settings = ports.settings();
        this.clock = ports.clock();
        this.ids = ports.ids();
        this.outbox = ports.outbox();
        this.templates = ports.templates();
        this.preferences = ports.preferences();
        this.consents = ports.consents();
        this.config = ports.config();
    }

    private Instant now() {
        return clock.instant();
    }

    /** Appends an audit entry. */
    void record(Actor actor, TenantId tenant, ClientId client, AuditAction action, List<FieldChange> changes) {
        audit.append(AuditEntry.of(ids.next(), tenant, client, actor, action, now(), changes));
    }

    /**
     * Why the client cannot be sent an invitation now, if they cannot. The same rules serve the
     * preview, campaigns and individual invites ({@link #skipReasons} for many clients at once), so
     * a preview's counts match what a run does.
     */
    Optional<SkipReason> skipReason(Client client) {
        return Optional.ofNullable(skipReasons(client.tenantId(), List.of(client)).get(client.id()));
    }

    /**
     * Why each of the clients (of one tenant) cannot be sent an invitation now; the clients who can
     * are left out. The rules, in order: erased, accepted, no email, bounced (from the rows), then
     * unsubscribed (one consent read for all of them) and in the resend cooldown (one outbox read
     * for all of them), so a campaign chunk of any size costs the same few port calls.
     */
    Map<ClientId, SkipReason> skipReasons(TenantId tenant, Collection<Client> clients) {
        Map<ClientId, SkipReason> reasons = new HashMap<>();
        Set<ClientId> rest = new HashSet<>();
        for (Client client : clients) {
            rowSkipReason(client).ifPresentOrElse(r -> reasons.put(client.id(), r), () -> rest.add(client.id()));
        }
        if (rest.isEmpty()) {
            return reasons;
        }
        for (ClientId unsubscribed : unsubscribedFromInvitations(tenant, rest)) {
            reasons.put(unsubscribed, SkipReason.UNSUBSCRIBED);
            rest.remove(unsubscribed);
        }
        if (rest.isEmpty()) {
            return reasons;
        }
        Instant cooldownStart = now().minus(config.resendCooldown());
        outbox.activity(tenant, MailKind.INVITATION, rest).forEach((client, activity) -> {
            // a mail still waiting in the outbox (a long, rate-limited campaign) counts however old it is
            if (activity.pending() || activity.lastEnqueuedAt().isAfter(cooldownStart)) {
                reasons.put(client, SkipReason.IN_COOLDOWN);
            }
        });
        return reasons;
    }

    /** The rules a client's own row decides, without another read. */
    private static Optional<SkipReason> rowSkipReason(Client client) {
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
        return Optional.empty();
    }

    /**
     * Of {@code clients}, those whose latest decision for the invitations category is an opt-out:
     * the batch form of the rule, in two port calls (the one-client form asks it for one client).
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
        return unsubscribedFromInvitations(tenant, Set.of(client)).contains(client);
    }

    /** The tenant's built-in invitations category, created on first use. */
    private MarketingPreference invitationsPreference(TenantId tenant) {
        // a first use in another unit of work may be creating it at this very moment: insert it
        // unless it exists, and take whichever is stored
        return preferences.findByKey(tenant, MarketingPreference.INVITATIONS).orElseGet(
                () -> preferences.insertIfAbsent(MarketingPreference.invitations(new PreferenceId(ids.next()),
                        tenant)));
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
    OutboxMessage enqueueInvitation(Actor actor, Client client, Optional<CampaignId> campaignId,
            Optional<InvitationMessage> custom) {
        return enqueueInvitations(actor, client.tenantId(), List.of(client), campaignId, custom).get(0);
    }

    /**
     * Puts an invitation for each of the clients (of one tenant, all eligible: the caller checked
     * {@link #skipReasons}) in the outbox, with the custom text or the tenant's template in each
     * client's language, audits and publishes them; returns the rows in the order of the clients.
     * A fixed number of port calls whatever the number of clients: the tenant's settings and each
     * language's template are read once, and the rows, audit entries and events go out in one call
     * each.
     */
    List<OutboxMessage> enqueueInvitations(Actor actor, TenantId tenant, List<Client> clients,
            Optional<CampaignId> campaignId, Optional<InvitationMessage> custom) {
        Instant now = now();
        Map<String, InvitationMessage> templateByLanguage = new HashMap<>();
        String defaultLanguage = null;
        List<OutboxMessage> rows = new ArrayList<>(clients.size());
        List<AuditEntry> entries = new ArrayList<>(clients.size());
        List<InvitationEvents.InvitationEnqueued> enqueued = new ArrayList<>(clients.size());
        for (Client client : clients) {
            String language;
            if (client.details().preferredLanguage().isPresent()) {
                language = client.details().preferredLanguage().get().value();
            } else {
                if (defaultLanguage == null) {
                    defaultLanguage = settings.settings(tenant).defaultLanguage().value();
                }
                language = defaultLanguage;
            }
            InvitationMessage text = custom.orElseGet(() -> templateByLanguage.computeIfAbsent(language,
                    l -> textOf(templates.template(tenant, MailKind.INVITATION, l))));
            rows.add(OutboxMessage.pending(ids.next(), tenant, client.id(), MailKind.INVITATION, campaignId,
                    client.details().email().orElseThrow().value(), language, text.subject(), text.message(), now));
            entries.add(AuditEntry.of(ids.next(), tenant, client.id(), actor, AuditAction.INVITATION_ENQUEUED, now,
                    List.of(FieldChange.plain("campaign", Optional.empty(), campaignId))));
            enqueued.add(new InvitationEvents.InvitationEnqueued(tenant, client.id(), campaignId, now));
        }
        outbox.enqueueAll(rows);
        audit.appendAll(entries);
        events.publishAll(enqueued);
        return rows;
    }

    /** A client's language as a tag, for templates. */
    static LanguageTag tag(String language) {
        return LanguageTag.of(language);
    }
}
