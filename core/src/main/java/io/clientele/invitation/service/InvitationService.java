package io.clientele.invitation.service;

import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.client.service.ClientProfileService;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.invitation.model.MessageTemplate;
import io.clientele.invitation.model.SkipReason;
import io.clientele.mail.model.MailKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
 * <p>Every operation requires {@link Permission#INVITE_CLIENTS} and is for staff (or the system),
 * never for a client acting for themself. Stateless and thread-safe.
 */
public final class InvitationService {

    /** How long after an invitation another individual invite is taken for a double submit. */
    public static final long DOUBLE_SUBMIT_GUARD_SECONDS = 60;

    private static final Duration DOUBLE_SUBMIT_GUARD = Duration.ofSeconds(DOUBLE_SUBMIT_GUARD_SECONDS);

    private final InvitationSupport support;
    private final ClientProfileService profiles;

    InvitationService(InvitationSupport support, ClientProfileService profiles) {
        this.support = support;
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
        return support.inTransaction(() -> inviteNow(actor, support.lock(tenant, client), custom));
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
        return support.inTransaction(() -> {
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
        return support.templates.template(tenant, MailKind.INVITATION, tag);
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
        if (support.outbox.hasPending(client.tenantId(), client.id(), MailKind.INVITATION)) {
            // an invitation is already on its way; a second one would only duplicate it
            return reason;
        }
        Instant guardStart = support.now().minus(DOUBLE_SUBMIT_GUARD);
        boolean doubleSubmit = support.outbox.lastEnqueuedAt(client.tenantId(), client.id(), MailKind.INVITATION)
                .map(last -> last.isAfter(guardStart))
                .orElse(false);
        return doubleSubmit ? reason : Optional.empty();
    }
}
