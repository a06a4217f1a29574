package io.clientele.invitation.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.service.ClientLookups;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import io.clientele.mail.port.MailComposer;
import io.clientele.mail.port.MailSender;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the mail outbox holds: claims due rows in batches, generates each mail's personal
 * tokens at that moment (they are never stored raw, not even in the outbox), renders the mails with
 * the {@link MailComposer} (from the studio's sender identity, signed with its name or its
 * template's signature; see {@code MailRendering}, the one path to the composer),
 * hands each batch to the {@link MailSender} in one call (one connection), then marks rows sent
 * and invited clients {@code INVITED}. The host calls {@link #dispatchDue()}
 * or {@link #dispatchAll()} from a scheduled job; neither may be called inside a unit of work.
 *
 * <p>Each batch runs in short units of work: one claims the rows (which pushes their due time past
 * a lease), one per row checks the client and issues its tokens, none is open while the sender
 * runs, and one records the results, locking the clients in (tenant, client id) order, the lock
 * order every unit of work that locks several clients follows. A row is checked again when it is
 * sent, not only when it was enqueued: an erased client's row is cancelled; an invitation to a
 * client who has accepted or unsubscribed meanwhile, or any mail to a client without a deliverable
 * address, fails without sending. The mail goes to the client's current address. A row cancelled
 * while its mail was on its way (an erasure, a change of the client's address, an unsubscribe) has
 * that mail's links revoked when the result is recorded, whether or not it was sent. A "forgot
 * password" request (a row naming no client yet) is resolved when it is claimed: it becomes the
 * reset mail of the client holding its address, audited and published then, or, for an unknown
 * address or a client who may not be sent one (see {@link ActivationService#forgotPassword}), it is
 * cancelled with its address blanked and counted as cancelled. A transient failure (or a sender
 * that throws, which counts as a transient failure of the whole batch) revokes the tokens issued
 * for the mail and retries it after {@code retryBackoffBase * 2^attempts}, capped at {@code
 * retryBackoffMax}, until {@code maxSendAttempts} attempts have been made; a permanent failure
 * revokes its tokens, fails the row and flags the address as rejected. Delivery is at-least-once: a
 * dispatcher that dies after claiming leaves its rows due again once the lease is over, so a mail
 * can be sent twice but is never lost.
 *
 * <p>With {@code maxMessagesPerSecond} above zero, a batch holds at most one second's worth of
 * mails (at least one) and batches start sending no closer together than their size allows, so
 * the mails sent never exceed the rate on average; the wait goes through the {@link Pacer}
 * (by default {@link Pacer#sleeping()}). The limit is per dispatcher: several host instances
 * dispatching at once share the provider's quota between them. By default (from {@link
 * InvitationConfig#withLinks}) batches hold 100 mails, leases last 5 minutes, 8 attempts are made
 * with backoff from 1 minute to 6 hours, and there is no rate limit.
 *
 * <p>Logs counts only, never an address, a token or a mail body. Thread-safe: several threads
 * (and host instances) may dispatch at once; the outbox's claiming keeps them from sending a row
 * twice within its lease.
 */
public final class MailDispatcher {

    /** The actor audit entries written by the dispatcher name. */
    public static final Actor ACTOR = new Actor.SystemActor("mail-dispatcher");

    /** The most batches one {@link #dispatchAll()} call runs, so a call always ends. */
    public static final int MAX_BATCHES_PER_RUN = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);

    private final InvitationSupport support;
    private final InvitationConfig config;
    private final MailSender sender;
    private final MailRendering rendering;
    private final Pacer pacer;

    private final ReentrantLock paceLock = new ReentrantLock();
    /** When the next batch may start sending; guarded by {@link #paceLock}. */
    private Instant nextSendAt = Instant.MIN;

    MailDispatcher(InvitationSupport support, MailSender sender, MailComposer composer, Pacer pacer) {
        this.support = Validate.notNull("support", support);
        this.config = support.config;
        this.sender = Validate.notNull("mailSender", sender);
        this.rendering = new MailRendering(support, composer);
        this.pacer = Validate.notNull("pacer", pacer);
    }

    /** Claims one batch of due mails and sends it; answers what happened to the claimed rows. */
    public DispatchReport dispatchDue() {
        if (rateLimited()) {
            // the slot is booked before claiming, so no wait falls between the eligibility check
            // of a row and its sending (an acceptance meanwhile must still stop the mail)
            reserveSlot(batchLimit());
            if (Thread.currentThread().isInterrupted()) {
                return DispatchReport.EMPTY;
            }
        }
        List<OutboxMessage> claimed = support.inTransaction(
                () -> support.outbox.claimDue(support.now(), batchLimit(), config.dispatchLease()));
        if (claimed.isEmpty()) {
            return DispatchReport.EMPTY;
        }
        Tally tally = new Tally(claimed.size());
        List<Attempt> attempts = new ArrayList<>(claimed.size());
        List<Ready> ready = new ArrayList<>(claimed.size());
        for (OutboxMessage row : claimed) {
            Preparation preparation = prepare(row);
            if (preparation instanceof Ready r) {
                ready.add(r);
            } else if (preparation instanceof Broken b) {
                attempts.add(new Attempt(b.row(), Optional.empty(), List.of(),
                        new SendResult.TransientFailure(b.row().id(), b.reason())));
            } else if (preparation instanceof Settled s) {
                tally.add(s.outcome());
            }
        }
        attempts.addAll(send(ready));
        record(attempts, tally);
        DispatchReport report = tally.report();
        LOG.info("mail dispatch batch: claimed={} sent={} retried={} failed={} cancelled={}", report.claimed(),
                report.sent(), report.retried(), report.failed(), report.cancelled());
        return report;
    }

    /**
     * Dispatches batches until none is due, at most {@value #MAX_BATCHES_PER_RUN} of them, or until
     * the thread is interrupted; answers the sum of their reports.
     */
    public DispatchReport dispatchAll() {
        DispatchReport total = DispatchReport.EMPTY;
        for (int i = 0; i < MAX_BATCHES_PER_RUN && !Thread.currentThread().isInterrupted(); i++) {
            DispatchReport batch = dispatchDue();
            total = total.plus(batch);
            if (batch.claimed() == 0) {
                break;
            }
        }
        return total;
    }

    // ---- preparing: one unit of work per row ------------------------------------------------

    /** What checking and rendering a claimed row gave. */
    private sealed interface Preparation permits Ready, Settled, Broken {
    }

    /**
     * Rendered and ready to send; {@code tokenHashes} are the tokens issued for this mail, its
     * activation or reset link first.
     */
    private record Ready(OutboxMessage row, RenderedMail mail, String recipient, List<String> tokenHashes)
            implements Preparation {
    }

    /** Settled without sending (cancelled, failed, or no longer pending); nothing left to record. */
    private record Settled(Outcome outcome) implements Preparation {
    }

    /** Preparing threw; nothing it wrote remains, and the row is retried like a transient failure. */
    private record Broken(OutboxMessage row, String reason) implements Preparation {
    }

    private Preparation prepare(OutboxMessage row) {
        try {
            return support.inTransaction(() -> prepareNow(row));
        } catch (RuntimeException e) {
            LOG.warn("mail dispatch: preparing outbox message {} failed ({})", row.id(), e.getClass().getName());
            return new Broken(row, "preparation failed: " + e.getClass().getSimpleName());
        }
    }

    private Preparation prepareNow(OutboxMessage claimed) {
        TenantId tenant = claimed.tenantId();
        // a "forgot password" request names no client yet: the address's holder, if any, is the one
        Optional<ClientId> clientId = claimed.clientId().or(() -> holderOf(claimed));
        // the client's lock before the row is read again, in the order an erasure or an email
        // change takes them: a change that committed meanwhile has cancelled the row by now
        Optional<Client> found = clientId.flatMap(id -> support.clients.findForUpdate(tenant, id));
        Optional<OutboxMessage> current = support.outbox.find(tenant, claimed.id());
        if (current.isEmpty() || current.get().status() != OutboxStatus.PENDING
                || current.get().isUnresolvedRequest() != claimed.isUnresolvedRequest()) {
            // cancelled (an erasure, an email change, an unsubscribe), or settled (or resolved) by
            // another dispatcher after this one's lease ran out
            return new Settled(current.map(m -> m.status() == OutboxStatus.CANCELLED ? Outcome.CANCELLED
                    : Outcome.NONE).orElse(Outcome.NONE));
        }
        OutboxMessage row = current.get();
        if (row.isUnresolvedRequest()) {
            Optional<Client> requester = found.filter(c -> mayBeSentRequestedReset(c, row));
            if (requester.isEmpty()) {
                // an unknown address, or a client who gets no reset mail now: nothing is sent, and
                // the address typed is not kept
                support.outbox.cancel(tenant, row.id());
                return new Settled(Outcome.CANCELLED);
            }
            return prepareMail(resolve(row, requester.get()), requester.get());
        }
        if (found.isEmpty()) {
            support.outbox.markFailed(tenant, row.id(), "client not found");
            return new Settled(Outcome.FAILED);
        }
        Client client = found.get();
        if (client.erased()) {
            support.outbox.anonymize(tenant, client.id());
            return new Settled(Outcome.CANCELLED);
        }
        Optional<String> refusal = refusal(row.kind(), client);
        if (refusal.isPresent()) {
            support.outbox.markFailed(tenant, row.id(), refusal.get());
            return new Settled(Outcome.FAILED);
        }
        return prepareMail(row, client);
    }

    /** The non-erased client holding a request's address, if any. */
    private Optional<ClientId> holderOf(OutboxMessage request) {
        Optional<EmailAddress> address;
        try {
            address = Optional.of(EmailAddress.of(request.recipient()));
        } catch (ValidationException e) {
            // a blanked or unreadable address belongs to nobody
            address = Optional.empty();
        }
        return address.flatMap(a -> support.clients.findIdByEmail(request.tenantId(), a));
    }

    /**
     * True when a "forgot password" request may become a reset mail to the client: still the
     * address's holder, not erased, with an activated account and a deliverable address, and not
     * sent (or queued) a reset mail within the interval.
     */
    private boolean mayBeSentRequestedReset(Client client, OutboxMessage request) {
        Instant intervalStart = support.now().minus(ActivationService.FORGOT_PASSWORD_INTERVAL);
        return !client.erased() && client.invitationStatus() == InvitationStatus.ACCEPTED
                && client.hasDeliverableEmail()
                && client.details().email().map(EmailAddress::value).equals(Optional.of(request.recipient()))
                && support.outbox.lastEnqueuedAt(client.tenantId(), client.id(), MailKind.PASSWORD_RESET)
                        .map(last -> !last.isAfter(intervalStart)).orElse(true);
    }

    /**
     * Makes a request the client's reset mail, in their language with the tenant's text, and
     * writes what a reset request by the client writes: the audit entry and the event.
     */
    private OutboxMessage resolve(OutboxMessage request, Client client) {
        TenantId tenant = client.tenantId();
        String language = support.languageOf(client);
        InvitationMessage text = support.defaultText(tenant, MailKind.PASSWORD_RESET, language);
        support.outbox.attachClient(tenant, request.id(), client.id(), language, text.subject(), text.message());
        support.record(ActivationService.FORGOT_PASSWORD, tenant, client.id(), AuditAction.PASSWORD_RESET_REQUESTED,
                List.of());
        support.events.publish(new InvitationEvents.PasswordResetRequested(tenant, client.id(), support.now()));
        LOG.info("forgot-password request resolved: tenant={} client={}", tenant, client.id());
        return request.attachedTo(client.id(), language, text.subject(), text.message());
    }

    /** Issues the mail's tokens and renders it to the client's current address. */
    private Preparation prepareMail(OutboxMessage row, Client client) {
        TenantId tenant = row.tenantId();
        TokenPurpose purpose = MailRendering.purposeOf(row.kind());
        List<String> hashes = new ArrayList<>(2);
        RawToken action = support.issue(tenant, client.id(), purpose, Optional.empty());
        hashes.add(action.hash());
        Optional<URI> unsubscribe = Optional.empty();
        if (row.kind() == MailKind.INVITATION) {
            RawToken optOut = support.issue(tenant, client.id(), TokenPurpose.UNSUBSCRIBE,
                    Optional.of(MarketingPreference.INVITATIONS));
            hashes.add(optOut.hash());
            unsubscribe = Optional.of(MailRendering.link(config.unsubscribeBaseUrl(), tenant, optOut.value()));
        }
        String recipient = client.details().email().orElseThrow().value();
        RenderedMail mail = rendering.render(row.id(), rendering.letterhead(tenant, row.kind(), row.language()),
                new MailRendering.Content(row.kind(), row.language(), recipient,
                        client.details().name().firstName(), row.subject(), row.message()),
                MailRendering.link(rendering.actionBase(row.kind()), tenant, action.value()), unsubscribe);
        return new Ready(row, mail, recipient, List.copyOf(hashes));
    }

    /** Why the mail must not go to the client now, if it must not. */
    private Optional<String> refusal(MailKind kind, Client client) {
        if (kind == MailKind.INVITATION) {
            if (client.invitationStatus() == InvitationStatus.ACCEPTED) {
                return Optional.of("client has already accepted");
            }
            if (support.unsubscribedFromInvitations(client.tenantId(), client.id())) {
                return Optional.of("client unsubscribed from invitations");
            }
        }
        if (!client.hasDeliverableEmail()) {
            return Optional.of("client has no deliverable email address");
        }
        return Optional.empty();
    }

    // ---- sending: outside any unit of work --------------------------------------------------

    /**
     * A mail that was (or could not be) sent, with what the results unit of work needs; {@code
     * tokenHashes} as in {@link Ready} (empty when preparing failed).
     */
    private record Attempt(OutboxMessage row, Optional<String> recipient, List<String> tokenHashes,
            SendResult result) {
    }

    private List<Attempt> send(List<Ready> ready) {
        if (ready.isEmpty()) {
            return List.of();
        }
        List<RenderedMail> batch = ready.stream().map(Ready::mail).toList();
        Map<UUID, SendResult> answers = new HashMap<>();
        String missing = "no answer from the mail sender";
        try {
            for (SendResult answer : sender.send(batch)) {
                answers.putIfAbsent(answer.id(), answer);
            }
        } catch (RuntimeException e) {
            // nothing in the batch is known to be sent: every mail is retried (at-least-once)
            LOG.warn("mail dispatch: the mail sender failed on a batch of {} mails ({}); all will be retried",
                    batch.size(), e.getClass().getName());
            answers.clear();
            missing = "mail sender failed: " + e.getClass().getSimpleName();
        }
        List<Attempt> attempts = new ArrayList<>(ready.size());
        for (Ready r : ready) {
            SendResult answer = answers.get(r.row().id());
            if (answer == null) {
                answer = new SendResult.TransientFailure(r.row().id(), missing);
            }
            attempts.add(new Attempt(r.row(), Optional.of(r.recipient()), r.tokenHashes(), answer));
        }
        return attempts;
    }

    // ---- recording the results: one unit of work --------------------------------------------

    /**
     * The lock order of {@code ClientRepository.findForUpdate}: recording a row locks its client,
     * so a batch's rows are recorded by (tenant, client id), not in claim order, or this unit of
     * work and another that locks the same clients in id order (a campaign chunk, another
     * dispatcher, a cancelled booking) could each hold a client the other waits for. A request
     * that names no client takes no lock.
     */
    private static final Comparator<Attempt> LOCK_ORDER = Comparator
            .comparing((Attempt a) -> a.row().tenantId(), ClientLookups.TENANT_ORDER)
            .thenComparing(a -> a.row().clientId().orElse(null), Comparator.nullsFirst(ClientLookups.ID_ORDER));

    private void record(List<Attempt> claimOrder, Tally tally) {
        if (claimOrder.isEmpty()) {
            return;
        }
        List<Attempt> attempts = claimOrder.stream().sorted(LOCK_ORDER).toList();
        try {
            List<Outcome> outcomes = support.inTransaction(() -> {
                Instant now = support.now();
                return attempts.stream().map(a -> recordOne(a, now)).toList();
            });
            outcomes.forEach(tally::add);
        } catch (RuntimeException batchFailure) {
            // one bad row (a concurrent edit of its client, say) must not send the whole batch again
            // after the lease: record the rows one by one instead
            LOG.warn("mail dispatch: recording {} results at once failed ({}); recording them one by one",
                    attempts.size(), batchFailure.getClass().getName());
            for (Attempt attempt : attempts) {
                try {
                    tally.add(support.inTransaction(() -> recordOne(attempt, support.now())));
                } catch (RuntimeException e) {
                    LOG.warn("mail dispatch: recording the result of outbox message {} failed ({}); it comes back"
                            + " after its lease", attempt.row().id(), e.getClass().getName());
                }
            }
        }
    }

    private Outcome recordOne(Attempt attempt, Instant now) {
        OutboxMessage row = attempt.row();
        TenantId tenant = row.tenantId();
        // the client's lock before its rows, in the order an erasure takes them (a request that
        // could not be prepared names no client yet); the client as read then serves below
        Optional<Client> client = row.clientId().flatMap(id -> support.clients.findForUpdate(tenant, id));
        Optional<OutboxMessage> current = support.outbox.find(tenant, row.id());
        if (current.isEmpty() || current.get().status() != OutboxStatus.PENDING) {
            boolean cancelled = current.map(m -> m.status() == OutboxStatus.CANCELLED).orElse(true);
            if (cancelled || !(attempt.result() instanceof SendResult.Sent)) {
                // withdrawn while the mail was on its way (an erasure, a change of address, an
                // unsubscribe): its links must not open anything, even one issued after the
                // withdrawal revoked the client's links
                revoke(tenant, attempt.tokenHashes(), now);
            }
            // a mail sent after another dispatcher settled the row (lease run out) keeps its links
            return cancelled && current.isPresent() ? Outcome.CANCELLED : Outcome.NONE;
        }
        SendResult result = attempt.result();
        if (result instanceof SendResult.Sent) {
            support.outbox.markSent(tenant, row.id(), now);
            if (row.kind() == MailKind.INVITATION) {
                // the live-links cap applies to links that went out, never to a send that failed
                support.capLiveActivationLinks(tenant, row.clientId().orElseThrow(), attempt.tokenHashes().get(0),
                        now);
                markInvited(row, client, now);
            }
            return Outcome.SENT;
        }
        revoke(tenant, attempt.tokenHashes(), now);
        if (!current.get().nextAttemptAt().equals(row.nextAttemptAt())) {
            // this dispatcher outlived its lease and another one claimed the row meanwhile: a
            // failure here must not overwrite what the new claimer records (a success above is
            // still recorded: the mail did go out, and the new claimer then skips it)
            return Outcome.NONE;
        }
        if (result instanceof SendResult.PermanentFailure failure) {
            support.outbox.markFailed(tenant, row.id(), "permanent failure: " + failure.reason());
            attempt.recipient().ifPresent(recipient -> flagRejected(row, client, recipient, now));
            return Outcome.FAILED;
        }
        String reason = ((SendResult.TransientFailure) result).reason();
        int attemptsMade = current.get().attempts() + 1;
        if (attemptsMade >= config.maxSendAttempts()) {
            support.outbox.markFailed(tenant, row.id(),
                    "gave up after " + attemptsMade + " attempts; last: " + reason);
            return Outcome.FAILED;
        }
        support.outbox.markRetry(tenant, row.id(),
                now.plus(backoff(config.retryBackoffBase(), config.retryBackoffMax(), attemptsMade - 1)), reason);
        return Outcome.RETRIED;
    }

    /** Marks the (locked) client of a sent invitation {@code INVITED}, unless erased or accepted meanwhile. */
    private void markInvited(OutboxMessage row, Optional<Client> found, Instant now) {
        if (found.isEmpty() || found.get().erased()
                || found.get().invitationStatus() == InvitationStatus.ACCEPTED) {
            return;
        }
        Client client = found.get();
        InvitationStatus before = client.invitationStatus();
        // INVITED -> INVITED is a legal resend; it still stamps the update time
        support.clients.update(client.withInvitationStatus(InvitationStatus.INVITED, now));
        List<FieldChange> changes = new ArrayList<>(2);
        if (before != InvitationStatus.INVITED) {
            changes.add(FieldChange.plain("invitationStatus", Optional.of(before),
                    Optional.of(InvitationStatus.INVITED)));
        }
        changes.add(FieldChange.plain("outboxMessage", Optional.empty(), Optional.of(row.id())));
        support.record(ACTOR, row.tenantId(), client.id(), AuditAction.INVITATION_SENT, changes);
        support.events.publish(new InvitationEvents.InvitationSent(row.tenantId(), client.id(), row.id(), now));
    }

    /** Flags the address the mail went to, unless the client has changed it since. */
    private void flagRejected(OutboxMessage row, Optional<Client> found, String recipient, Instant now) {
        if (found.isEmpty() || found.get().erased() || found.get().emailRejectedAt().isPresent()
                || !found.get().details().email().map(EmailAddress::value).equals(Optional.of(recipient))) {
            return;
        }
        Client client = found.get();
        support.clients.update(client.withEmailRejected(now));
        support.record(ACTOR, row.tenantId(), client.id(), AuditAction.EMAIL_REJECTED,
                List.of(FieldChange.plain("emailRejectedAt", Optional.empty(), Optional.of(now))));
        support.events.publish(new InvitationEvents.EmailRejected(row.tenantId(), client.id(), now));
    }

    private void revoke(TenantId tenant, List<String> tokenHashes, Instant now) {
        tokenHashes.forEach(hash -> support.tokens.revoke(tenant, hash, now));
    }

    /** {@code base * 2^attempts}, capped at {@code max}. */
    static Duration backoff(Duration base, Duration max, int attempts) {
        Duration delay = base;
        for (int i = 0; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    // ---- rate limit ------------------------------------------------------------------------

    private boolean rateLimited() {
        return config.maxMessagesPerSecond() > 0;
    }

    /** The batch size: with a rate limit, at most one second's worth of mails, at least one. */
    private int batchLimit() {
        if (!rateLimited()) {
            return config.dispatchBatchSize();
        }
        return (int) Math.max(1, Math.min(config.dispatchBatchSize(), Math.floor(config.maxMessagesPerSecond())));
    }

    /**
     * Waits until the next batch may be sent and books the time {@code mails} take at the rate.
     * Starts are counted from the booked slot even when a pause ended early, so the average holds.
     */
    private void reserveSlot(int mails) {
        paceLock.lock();
        try {
            Instant now = support.now();
            if (now.isBefore(nextSendAt)) {
                pacer.pause(Duration.between(now, nextSendAt));
                now = support.now();
            }
            Instant start = now.isAfter(nextSendAt) ? now : nextSendAt;
            nextSendAt = start.plusNanos(Math.round(mails * 1e9 / config.maxMessagesPerSecond()));
        } finally {
            paceLock.unlock();
        }
    }

    // ---- counting ---------------------------------------------------------------------------

    /** What became of one claimed row. */
    private enum Outcome { SENT, RETRIED, FAILED, CANCELLED, NONE }

    /** Counts outcomes of one batch; confined to the dispatching thread. */
    private static final class Tally {
        private final int claimed;
        private int sent;
        private int retried;
        private int failed;
        private int cancelled;

        Tally(int claimed) {
            this.claimed = claimed;
        }

        void add(Outcome outcome) {
            switch (outcome) {
                case SENT -> sent++;
                case RETRIED -> retried++;
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                case NONE -> { }
            }
        }

        DispatchReport report() {
            return new DispatchReport(claimed, sent, retried, failed, cancelled);
        }
    }
}
