package io.clientele.invitation.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.client.service.ClientLookups;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.DomainEvent;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.mail.model.Letterhead;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MessageTemplate;
import io.clientele.mail.model.OutboxClaim;
import io.clientele.mail.model.OutboxMark;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import io.clientele.mail.port.MailComposer;
import io.clientele.mail.port.MailOutbox;
import io.clientele.mail.port.MailSender;
import io.clientele.mail.port.MessageTemplates;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
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
 * <p>A batch is set-based: three short units of work whatever its size, and a fixed number of port
 * calls in each per tenant in the batch, never one per mail (rendering aside: the composer renders
 * mail by mail). One unit claims the rows under a new {@link OutboxClaim} (which pushes their due
 * time past a lease); one prepares them: it locks their clients in (tenant, client id) order, the
 * lock order every unit of work that locks several clients follows, reads the rows again, checks
 * them against the clients as loaded, and stores the batch's tokens in one call; none is open
 * while the sender runs; and one records the results, again locking the clients first. A row is
 * checked again when it is sent, not only when it was enqueued: an erased client's row is
 * cancelled; an invitation to a client who has accepted or unsubscribed meanwhile, or any mail to
 * a client without a deliverable address, fails without sending. The mail goes to the client's
 * current address. A row cancelled while its mail was on its way (an erasure, a change of the
 * client's address, an unsubscribe) has that mail's links revoked when the result is recorded,
 * whether or not it was sent. A "forgot password" request (a row naming no client yet) is resolved
 * when it is prepared: it becomes the reset mail of the client holding its address, audited and
 * published then, or, for an unknown address or a client who may not be sent one (see {@link
 * ActivationService#forgotPassword}), it is cancelled with its address blanked and counted as
 * cancelled. A transient failure (or a sender that throws, which counts as a transient failure of
 * the whole batch) revokes the tokens issued for the mail and retries it after {@code
 * retryBackoffBase * 2^attempts}, capped at {@code retryBackoffMax}, until {@code maxSendAttempts}
 * attempts have been made; a permanent failure revokes its tokens, fails the row and flags the
 * address as rejected. A failure to prepare one mail (its rendering) retries that mail alone.
 *
 * <p>Every mark of a row is conditional on this dispatcher's claim: a dispatcher that outlives its
 * lease, and whose rows another dispatcher has claimed meanwhile, changes nothing with its late
 * marks, does not mark those rows' clients, and counts the rows as {@link DispatchReport#lost()}.
 * Delivery is at-least-once: a dispatcher that dies after claiming leaves its rows due again once
 * the lease is over, so a mail can be sent twice but is never lost.
 *
 * <p>With {@code maxMessagesPerSecond} above zero, a batch holds at most one second's worth of
 * mails (at least one) and batches start sending no closer together than their size allows, so
 * the mails sent never exceed the rate on average; the wait goes through the {@link Pacer}
 * (by default {@link Pacer#sleeping()}). The limit is per dispatcher: several host instances
 * dispatching at once share the provider's quota between them. By default (from {@link
 * InvitationConfig#withLinks}) batches hold 100 mails, leases last 5 minutes, 8 attempts are made
 * with backoff from 1 minute to 6 hours, and there is no rate limit.
 *
 * <p>{@link #dispatchAll()} pipelines its batches: while one is sent, the database work of the
 * batches before and after it runs on a second thread the call starts and ends, so the sending
 * does not wait for the database (see the method for what runs on that thread, and when the
 * pipeline stays off).
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

    /** The longest a new dispatch thread may take to run its first task before a call gives up on it. */
    private static final Duration THREAD_START_LIMIT = Duration.ofSeconds(5);

    /**
     * The name of the thread {@link #dispatchAll()} runs the units of work of its pipeline on, when
     * made by {@link #defaultThreads()}.
     */
    public static final String DB_THREAD = "clientele-dispatch-db";

    private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);

    private final ClientRepository clients;
    private final MailOutbox outbox;
    private final TokenRepository tokens;
    private final AuditLog audit;
    private final EventPublisher events;
    private final TenantSettingsProvider settings;
    private final MessageTemplates templates;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Ids ids;
    private final InvitationConfig config;
    private final MailSender sender;
    private final Pacer pacer;
    private final ThreadFactory threads;
    private final InvitationSupport support;
    private final TokenIssuer issuer;
    private final MailRendering rendering;

    private final ReentrantLock paceLock = new ReentrantLock();
    /** When the next batch may start sending; guarded by {@link #paceLock}. */
    private Instant nextSendAt = Instant.MIN;

    /** The dispatcher on the context's ports; {@link InvitationServices} builds it for the facade. */
    MailDispatcher(InvitationServices.Ports ports) {
        this.clients = ports.clients();
        this.outbox = ports.outbox();
        this.tokens = ports.tokens();
        this.audit = ports.audit();
        this.events = ports.events();
        this.settings = ports.settings();
        this.templates = ports.templates();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.ids = ports.ids();
        this.config = ports.config();
        this.sender = ports.sender();
        this.pacer = ports.pacer();
        this.threads = ports.dispatchThreads();
        this.support = new InvitationSupport(ports);
        this.issuer = new TokenIssuer(ports);
        this.rendering = new MailRendering(ports);
    }

    /**
     * The default maker of {@link #dispatchAll()}'s second thread: a daemon thread named {@value
     * #DB_THREAD}. Stateless and thread-safe.
     */
    public static ThreadFactory defaultThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, DB_THREAD);
            thread.setDaemon(true);
            return thread;
        };
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
        Batch batch = claimAndPrepare();
        return batch == null ? DispatchReport.EMPTY : record(batch, sendBatch(batch));
    }

    /**
     * Dispatches batches until none is due, at most {@value #MAX_BATCHES_PER_RUN} of them, or until
     * the thread is interrupted; answers the sum of their reports. Must not be called inside a unit
     * of work (the call would wait on its own locks: see below).
     *
     * <p>When the first batch is full and there is no rate limit, the batches are pipelined: while
     * one batch is being sent (on the calling thread), the previous one's results are recorded and
     * the next one is claimed and prepared on a second thread, which this call starts and ends.
     * Every unit of work still runs whole on one thread, one at a time; the units of work of every
     * batch but the first, the ports they call (outbox, clients, tokens, audit, templates,
     * settings, composer) and the events published after their commits run on that thread. The
     * thread comes from the {@link ThreadFactory} given to {@code Clientele.Builder.dispatchThreads}
     * (by default {@link #defaultThreads()}: a daemon thread named {@value #DB_THREAD}), asked once
     * per pipelined call, on the calling thread, before the first batch is sent: a factory that
     * copies the caller's thread-locals into the thread it makes (a logging MDC, a security
     * context, a tenant routing key) gives the pipeline the caller's context. Without such a
     * factory that context is not there; a host that needs it and writes no factory calls {@link
     * #dispatchDue()} in a loop. A factory that throws (or whose thread cannot start), answers no
     * thread, or makes one that does not run its task within a quarter of the lease (at most 5 s)
     * makes the call run its batches one after the other on the calling thread, with a warning in
     * the log. Each batch is exactly what {@link #dispatchDue()} would send, but claimed and checked
     * up to one batch's sending earlier, so its rows must stay leased for two batches' sending:
     * the pipeline starts after the first batch has been sent, and runs only while a batch's
     * sending takes less than a quarter of the dispatch lease (a slow or rate-limited sender turns
     * it off: the next batch is then claimed after the last one is recorded). An interrupt stops
     * the claiming: a batch already claimed still goes to the sender, with the interrupt set (a
     * sender that stops on an interrupt answers its mails transient failures), and every batch sent
     * is recorded before the call returns. A failure to claim (the database is down) ends the call
     * with that exception, after the batches already sent are recorded; an {@link Error} while
     * sending leaves a batch claimed ahead to come back after its lease, as a crash would. No wait
     * for the second thread lasts longer than the dispatch lease: a call made inside a unit of work
     * (whose locks the second thread waits for) fails then with an {@link IllegalStateException}.
     * With a rate limit the batches run one after the other on the calling thread (the rate wait,
     * not the database, sets the pace then), as they do when the first batch is not full.
     */
    public DispatchReport dispatchAll() {
        if (rateLimited()) {
            return oneAfterTheOther(0);
        }
        if (Thread.currentThread().isInterrupted()) {
            return DispatchReport.EMPTY;
        }
        Batch first = claimAndPrepare();
        if (first == null) {
            return DispatchReport.EMPTY;
        }
        // a small first batch suggests nothing more is due: no second thread for it
        ExecutorService db = first.full() ? startSecondThread() : null;
        if (db == null) {
            return record(first, sendBatch(first)).plus(oneAfterTheOther(1));
        }
        return pipelined(first, db);
    }

    /**
     * The pipeline's executor with its one thread made and seen running a task (so that a batch is
     * never sent without a thread to record it), or null when the thread factory threw, made no
     * thread, or made one that did not run its task within {@link #threadStartLimit()}.
     */
    private ExecutorService startSecondThread() {
        ThreadPoolExecutor db = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threads);
        try {
            if (!db.prestartCoreThread()) {
                LOG.warn("the dispatch thread factory made no thread: batches one after the other");
            } else {
                awaitUninterruptibly(db.submit(() -> { }), threadStartLimit());
                return db;
            }
        } catch (TimeoutException e) {
            LOG.warn("the dispatch thread made by the thread factory did not run within {}: "
                    + "batches one after the other", threadStartLimit());
        } catch (RuntimeException | OutOfMemoryError e) {
            // OutOfMemoryError: "unable to create native thread", from Thread.start
            LOG.warn("the dispatch thread factory failed ({}): batches one after the other", e.getClass().getName());
        }
        db.shutdownNow();
        return null;
    }

    /** How long a new dispatch thread may take to run its first task: a quarter of the lease, at most 5 s. */
    private Duration threadStartLimit() {
        Duration quarter = config.dispatchLease().dividedBy(4);
        return quarter.compareTo(THREAD_START_LIMIT) < 0 ? quarter : THREAD_START_LIMIT;
    }

    /** Batches one after the other, on the calling thread, after {@code done} batches already dispatched. */
    private DispatchReport oneAfterTheOther(int done) {
        DispatchReport total = DispatchReport.EMPTY;
        for (int i = done; i < MAX_BATCHES_PER_RUN && !Thread.currentThread().isInterrupted(); i++) {
            DispatchReport batch = dispatchDue();
            total = total.plus(batch);
            if (batch.claimed() == 0) {
                break;
            }
        }
        return total;
    }

    /**
     * The pipeline of {@link #dispatchAll()}: the calling thread sends; a single-threaded executor
     * runs the units of work in the order they were handed to it (claim and prepare batch n+1 while
     * batch n is sent, then record batch n), so at most one of this call's units of work is open at
     * a time. The next batch is claimed ahead only while the last sending took less than a quarter
     * of the lease; otherwise after the last batch is recorded. Every batch sent is recorded, and
     * every unit of work handed over has ended, before this returns, whatever ends the run.
     */
    private DispatchReport pipelined(Batch first, ExecutorService db) {
        Duration quarterLease = config.dispatchLease().dividedBy(4);
        List<Future<DispatchReport>> recordings = new ArrayList<>();
        Future<Batch> next = null;
        Throwable failure = null;
        try {
            Batch batch = first;
            int claimed = 1;
            boolean ahead = false;
            while (batch != null) {
                if (ahead && mayClaim(claimed)) {
                    next = db.submit(this::claimAndPrepare);
                    claimed++;
                }
                Instant start = clock.instant();
                Batch sending = batch;
                List<Attempt> attempts = sendBatch(sending);
                ahead = Duration.between(start, clock.instant()).compareTo(quarterLease) < 0;
                recordings.add(db.submit(() -> record(sending, attempts)));
                if (next == null && mayClaim(claimed)) {
                    // the first batch, or after a slow sending: claimed after the last batch is recorded
                    next = db.submit(this::claimAndPrepare);
                    claimed++;
                }
                // a batch claimed is sent, even when an interrupt came meanwhile
                Future<Batch> claim = next;
                next = null;
                batch = claim == null ? null : await(claim);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        DispatchReport total = DispatchReport.EMPTY;
        try {
            if (next != null) {
                // claimed ahead of a sending that failed: its rows come back after the lease
                try {
                    await(next);
                } catch (RuntimeException | Error e) {
                    failure = firstOf(failure, e);
                }
            }
            for (Future<DispatchReport> recording : recordings) {
                try {
                    total = total.plus(await(recording));
                } catch (RuntimeException | Error e) {
                    failure = firstOf(failure, e);
                }
            }
        } finally {
            db.shutdown();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return total;
    }

    /** True when the pipeline may claim another batch: the run's bound not reached, no interrupt. */
    private static boolean mayClaim(int claimed) {
        return claimed < MAX_BATCHES_PER_RUN && !Thread.currentThread().isInterrupted();
    }

    /** The run's first failure, {@code later} added to it as suppressed (or the first itself, if none yet). */
    private static Throwable firstOf(Throwable first, Throwable later) {
        if (first == null) {
            return later;
        }
        if (later != first) {
            first.addSuppressed(later);
        }
        return first;
    }

    /**
     * A unit of work's result from the pipeline's thread, waited for through interrupts and for at
     * most the dispatch lease (a call inside a unit of work would otherwise wait for good on its own
     * locks).
     */
    private <T> T await(Future<T> task) {
        try {
            return awaitUninterruptibly(task, config.dispatchLease());
        } catch (TimeoutException e) {
            throw new IllegalStateException("mail dispatch: a unit of work on the dispatch thread made no progress"
                    + " within the dispatch lease; dispatchAll() must not be called inside a unit of work", e);
        }
    }

    /**
     * The task's result, waited for through interrupts (the thread's interrupt status is set again
     * afterwards) and for at most {@code limit}; the task's own exception is rethrown as it was.
     */
    private static <T> T awaitUninterruptibly(Future<T> task, Duration limit) throws TimeoutException {
        boolean interrupted = false;
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                try {
                    return task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("a dispatch unit of work failed", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A claimed batch after its preparing unit of work: the claim, how many rows it asked for, the
     * tally of the rows claimed and settled so far, and what is ready to send. Handed between the
     * dispatching thread and the pipeline's thread through the executor (which orders the
     * hand-overs).
     */
    private record Batch(OutboxClaim claim, int limit, Tally tally, Prepared prepared) {

        /** True when the claim took as many rows as it asked for: more are likely due. */
        boolean full() {
            return tally.claimed >= limit;
        }
    }

    /** Claims a batch of due rows and prepares it (two units of work); null when none is due. */
    private Batch claimAndPrepare() {
        OutboxClaim claim = new OutboxClaim(ids.next());
        int limit = batchLimit();
        List<OutboxMessage> claimed = tx.inTransaction(
                () -> outbox.claimDue(claim, clock.instant(), limit, config.dispatchLease()));
        if (claimed.isEmpty()) {
            return null;
        }
        Tally tally = new Tally(claimed.size());
        Prepared prepared = prepare(claim, claimed);
        prepared.outcomes.forEach(tally::add);
        return new Batch(claim, limit, tally, prepared);
    }

    /** Sends the batch's ready mails; answers them with the rows whose preparation failed. */
    private List<Attempt> sendBatch(Batch batch) {
        List<Attempt> attempts = new ArrayList<>(batch.prepared().broken);
        attempts.addAll(send(batch.prepared().ready));
        return attempts;
    }

    /** Records the batch's results (one unit of work) and answers its report. */
    private DispatchReport record(Batch batch, List<Attempt> attempts) {
        record(batch.claim(), attempts, batch.tally());
        DispatchReport report = batch.tally().report();
        LOG.info("mail dispatch batch: claimed={} sent={} retried={} failed={} cancelled={} lost={}",
                report.claimed(), report.sent(), report.retried(), report.failed(), report.cancelled(),
                report.lost());
        return report;
    }

    // ---- preparing: one unit of work per batch ----------------------------------------------

    /**
     * A mail rendered and ready to send; {@code tokenHashes} are the tokens issued for it, its
     * activation or reset link first.
     */
    private record Ready(OutboxMessage row, RenderedMail mail, String recipient, List<String> tokenHashes) {
    }

    /** A row that passed the checks, with its (locked) client; {@code claimed} is the row as claimed. */
    private record Eligible(OutboxMessage claimed, OutboxMessage row, Client client) {

        /** True when this mail resolves a "forgot password" request. */
        boolean resolvesRequest() {
            return claimed.isUnresolvedRequest();
        }
    }

    /**
     * What preparing a batch gave: mails ready to send, rows to retry without sending (preparing
     * them failed), and what became of the rows settled without sending. Filled in the preparing
     * unit of work, with the writes it makes at its end; used by one thread at a time (handed over
     * through the pipeline's executor, see {@link #pipelined}).
     */
    private static final class Prepared {
        private final List<Ready> ready = new ArrayList<>();
        private final List<Attempt> broken = new ArrayList<>();
        private final List<Outcome> outcomes = new ArrayList<>();
        private final List<IssuedToken> tokens = new ArrayList<>();
        private final List<AuditEntry> audit = new ArrayList<>();
        private final List<DomainEvent> events = new ArrayList<>();
    }

    /**
     * Prepares the batch in one unit of work, tenant by tenant in tenant order, with a fixed number
     * of port calls per tenant whatever the batch size (see {@link #prepareTenant}); then stores
     * every token issued, audit entry and event in one call each. If the unit of work fails,
     * nothing it wrote remains and every row is retried like a transient failure.
     */
    private Prepared prepare(OutboxClaim claim, List<OutboxMessage> claimed) {
        try {
            return tx.inTransaction(() -> {
                Instant now = clock.instant();
                Prepared out = new Prepared();
                byTenant(claimed, OutboxMessage::tenantId)
                        .forEach((tenant, rows) -> prepareTenant(claim, tenant, rows, now, out));
                if (!out.tokens.isEmpty()) {
                    tokens.insertAll(out.tokens);
                }
                if (!out.audit.isEmpty()) {
                    audit.appendAll(out.audit);
                }
                if (!out.events.isEmpty()) {
                    events.publishAll(out.events);
                }
                return out;
            });
        } catch (RuntimeException e) {
            LOG.warn("mail dispatch: preparing a batch of {} mails failed ({}); all will be retried", claimed.size(),
                    e.getClass().getName());
            Prepared out = new Prepared();
            for (OutboxMessage row : claimed) {
                out.broken.add(broken(row, e));
            }
            return out;
        }
    }

    /**
     * One tenant's rows of the batch. The clients' locks come first, all in one call and in client
     * id order (the lock order), then the rows are read again: an erasure, an email change or an
     * unsubscribe that committed meanwhile has cancelled its row by now, and one that comes later
     * waits for these locks, sees the tokens issued here, and revokes them. A "forgot password"
     * request names no client yet: the holder of its address is looked up first (one call for
     * every request) and locked with the others. Then every check runs on the rows as loaded (the
     * consent check with one call for every invitation, the reset interval with one call for every
     * request), the rows that get no mail are marked in one call, the mails are rendered, and the
     * resolved requests are attached in one call. Template look-ups are made once per kind and
     * language.
     */
    private void prepareTenant(OutboxClaim claim, TenantId tenant, List<OutboxMessage> rows, Instant now,
            Prepared out) {
        Map<UUID, ClientId> holders = holders(tenant, rows);
        Set<ClientId> clientIds = new HashSet<>(holders.values());
        rows.forEach(row -> row.clientId().ifPresent(clientIds::add));
        Map<ClientId, Client> locked = clientIds.isEmpty() ? Map.of()
                : byKey(clients.findAllForUpdate(tenant, clientIds), Client::id);
        Map<UUID, OutboxMessage> current = byKey(
                outbox.findAll(tenant, rows.stream().map(OutboxMessage::id).toList()), OutboxMessage::id);

        List<OutboxMessage> pending = new ArrayList<>(rows.size());
        for (OutboxMessage claimed : rows) {
            OutboxMessage row = current.get(claimed.id());
            if (row == null) {
                out.outcomes.add(Outcome.NONE);
            } else if (row.status() == OutboxStatus.CANCELLED) {
                // an erasure, an email change or an unsubscribe withdrew it
                out.outcomes.add(Outcome.CANCELLED);
            } else if (row.status() != OutboxStatus.PENDING
                    || row.isUnresolvedRequest() != claimed.isUnresolvedRequest()) {
                // settled (or resolved) by another dispatcher after this one's lease ran out
                out.outcomes.add(Outcome.LOST);
            } else {
                pending.add(row);
            }
        }
        Set<ClientId> unsubscribed = support.unsubscribedFromInvitations(tenant, pending.stream()
                .filter(row -> row.kind() == MailKind.INVITATION)
                .flatMap(row -> row.clientId().stream())
                .filter(locked::containsKey)
                .collect(Collectors.toSet()));
        Set<ClientId> requesters = pending.stream().filter(OutboxMessage::isUnresolvedRequest)
                .map(row -> holders.get(row.id())).filter(Objects::nonNull).collect(Collectors.toSet());
        Map<ClientId, Instant> lastResets = new HashMap<>();
        if (!requesters.isEmpty()) {
            outbox.activity(tenant, MailKind.PASSWORD_RESET, requesters)
                    .forEach((client, activity) -> lastResets.put(client, activity.lastEnqueuedAt()));
        }

        TenantTexts texts = new TenantTexts(tenant);
        List<OutboxMark> settled = new ArrayList<>();
        List<Eligible> eligible = new ArrayList<>(pending.size());
        for (OutboxMessage row : pending) {
            if (row.isUnresolvedRequest()) {
                Optional<Client> requester = Optional.ofNullable(holders.get(row.id())).map(locked::get)
                        .filter(c -> mayBeSentRequestedReset(c, row, lastResets, now));
                if (requester.isEmpty()) {
                    // an unknown address, or a client who gets no reset mail now: nothing is sent,
                    // and the address typed is not kept
                    settled.add(new OutboxMark.Cancelled(row.id()));
                } else {
                    Client client = requester.get();
                    String language = texts.languageOf(client);
                    InvitationMessage text = InvitationSupport.textOf(texts.template(MailKind.PASSWORD_RESET, language));
                    eligible.add(new Eligible(row, row.attachedTo(client.id(), language, text.subject(),
                            text.message()), client));
                }
                continue;
            }
            Client client = locked.get(row.clientId().orElseThrow());
            if (client == null) {
                settled.add(new OutboxMark.Failed(row.id(), "client not found"));
            } else if (client.erased()) {
                // erased without its rows being cancelled (a host's own erasure, say): the row's
                // personal data goes now
                settled.add(new OutboxMark.Cancelled(row.id()));
            } else {
                Optional<String> refusal = refusal(row.kind(), client, unsubscribed);
                if (refusal.isPresent()) {
                    settled.add(new OutboxMark.Failed(row.id(), refusal.get()));
                } else {
                    eligible.add(new Eligible(row, row, client));
                }
            }
        }
        if (!settled.isEmpty()) {
            Set<UUID> marked = outbox.mark(tenant, claim, settled);
            for (OutboxMark mark : settled) {
                out.outcomes.add(!marked.contains(mark.id()) ? Outcome.LOST
                        : mark instanceof OutboxMark.Cancelled ? Outcome.CANCELLED : Outcome.FAILED);
            }
        }

        List<OutboxMessage> resolved = new ArrayList<>();
        for (Eligible e : eligible) {
            List<IssuedToken> issued = new ArrayList<>(2);
            Ready ready;
            try {
                ready = render(e, texts, now, issued);
            } catch (RuntimeException failure) {
                // this mail alone is retried; nothing of it is stored (no token, no resolution)
                LOG.warn("mail dispatch: preparing outbox message {} failed ({})", e.row().id(),
                        failure.getClass().getName());
                out.broken.add(broken(e.claimed(), failure));
                continue;
            }
            out.ready.add(ready);
            out.tokens.addAll(issued);
            if (e.resolvesRequest()) {
                resolved.add(e.row());
                // what a reset request by the client writes: the audit entry and the event
                out.audit.add(AuditEntry.of(ids.next(), tenant, e.client().id(),
                        ActivationService.FORGOT_PASSWORD, AuditAction.PASSWORD_RESET_REQUESTED, now, List.of()));
                out.events.add(new InvitationEvents.PasswordResetRequested(tenant, e.client().id(), now));
                LOG.info("forgot-password request resolved: tenant={} client={}", tenant, e.client().id());
            }
        }
        if (!resolved.isEmpty()) {
            outbox.attachClients(tenant, resolved);
        }
    }

    /** The non-erased client holding each request's address, by request id; one call for all requests. */
    private Map<UUID, ClientId> holders(TenantId tenant, List<OutboxMessage> rows) {
        Map<UUID, EmailAddress> addresses = new HashMap<>();
        for (OutboxMessage row : rows) {
            if (row.isUnresolvedRequest()) {
                try {
                    addresses.put(row.id(), EmailAddress.of(row.recipient()));
                } catch (ValidationException e) {
                    // a blanked or unreadable address belongs to nobody
                }
            }
        }
        if (addresses.isEmpty()) {
            return Map.of();
        }
        Map<EmailAddress, ClientId> holders = clients.findIdsByEmail(tenant, Set.copyOf(addresses.values()));
        Map<UUID, ClientId> byRequest = new HashMap<>();
        addresses.forEach((id, address) -> {
            ClientId holder = holders.get(address);
            if (holder != null) {
                byRequest.put(id, holder);
            }
        });
        return byRequest;
    }

    /**
     * True when a "forgot password" request may become a reset mail to the client: still the
     * address's holder, not erased, with an activated account and a deliverable address, and not
     * sent (or queued) a reset mail within the interval ({@code lastResets}, loaded for the batch).
     */
    private static boolean mayBeSentRequestedReset(Client client, OutboxMessage request,
            Map<ClientId, Instant> lastResets, Instant now) {
        Instant intervalStart = now.minus(ActivationService.FORGOT_PASSWORD_INTERVAL);
        Instant lastReset = lastResets.get(client.id());
        return !client.erased() && client.invitationStatus() == InvitationStatus.ACCEPTED
                && client.hasDeliverableEmail()
                && client.details().email().map(EmailAddress::value).equals(Optional.of(request.recipient()))
                && (lastReset == null || !lastReset.isAfter(intervalStart));
    }

    /** Why the mail must not go to the client now, if it must not; {@code unsubscribed} as loaded for the batch. */
    private static Optional<String> refusal(MailKind kind, Client client, Set<ClientId> unsubscribed) {
        if (kind == MailKind.INVITATION) {
            if (client.invitationStatus() == InvitationStatus.ACCEPTED) {
                return Optional.of("client has already accepted");
            }
            if (unsubscribed.contains(client.id())) {
                return Optional.of("client unsubscribed from invitations");
            }
        }
        if (!client.hasDeliverableEmail()) {
            return Optional.of("client has no deliverable email address");
        }
        return Optional.empty();
    }

    /**
     * Generates the mail's tokens (added to {@code issued}, stored by the caller with the batch's)
     * and renders it to the client's current address.
     */
    private Ready render(Eligible e, TenantTexts texts, Instant now, List<IssuedToken> issued) {
        OutboxMessage row = e.row();
        Client client = e.client();
        TenantId tenant = row.tenantId();
        TokenPurpose purpose = MailRendering.purposeOf(row.kind());
        RawToken action = issuer.newToken();
        issued.add(issuer.stored(action, client.tenantId(), client.id(), purpose, Optional.empty(), now));
        Optional<URI> unsubscribe = Optional.empty();
        if (row.kind() == MailKind.INVITATION) {
            RawToken optOut = issuer.newToken();
            issued.add(issuer.stored(optOut, client.tenantId(), client.id(), TokenPurpose.UNSUBSCRIBE,
                    Optional.of(MarketingPreference.INVITATIONS), now));
            unsubscribe = Optional.of(MailRendering.link(config.unsubscribeBaseUrl(), tenant, optOut.value()));
        }
        String recipient = client.details().email().orElseThrow().value();
        RenderedMail mail = rendering.render(row.id(), texts.letterhead(row.kind(), row.language()),
                new MailRendering.Content(row.kind(), row.language(), recipient, client.details().name().firstName(),
                        row.subject(), row.message()),
                MailRendering.link(rendering.actionBase(row.kind()), tenant, action.value()), unsubscribe);
        return new Ready(row, mail, recipient, issued.stream().map(IssuedToken::hash).toList());
    }

    /**
     * The tenant's settings, templates and letterheads, each read at most once per batch (per kind
     * and language), so the number of reads does not grow with the batch.
     */
    private final class TenantTexts {
        private final TenantId tenant;
        private final Map<List<Object>, MessageTemplate> templatesRead = new HashMap<>();
        private final Map<List<Object>, Letterhead> letterheads = new HashMap<>();
        private Optional<TenantSettings> settingsRead = Optional.empty();

        TenantTexts(TenantId tenant) {
            this.tenant = tenant;
        }

        MessageTemplate template(MailKind kind, String language) {
            return templatesRead.computeIfAbsent(List.of(kind, language),
                    k -> templates.template(tenant, kind, language));
        }

        /** Who the mail is from: the studio's name, signature and sender identity. */
        Letterhead letterhead(MailKind kind, String language) {
            return letterheads.computeIfAbsent(List.of(kind, language),
                    k -> rendering.letterhead(tenant, settings(), template(kind, language)));
        }

        /** The language a mail to the client is written in: theirs, or the tenant's default. */
        String languageOf(Client client) {
            return client.details().preferredLanguage().map(LanguageTag::value)
                    .orElseGet(() -> settings().defaultLanguage().value());
        }

        private TenantSettings settings() {
            if (settingsRead.isEmpty()) {
                settingsRead = Optional.of(settings.settings(tenant));
            }
            return settingsRead.get();
        }
    }

    // ---- sending: outside any unit of work --------------------------------------------------

    /**
     * A mail that was (or could not be) sent, with what the results unit of work needs; {@code
     * tokenHashes} as in {@link Ready} (empty when preparing failed).
     */
    private record Attempt(OutboxMessage row, Optional<String> recipient, List<String> tokenHashes,
            SendResult result) {
    }

    /** A row whose preparation failed: retried like a transient failure, with nothing issued. */
    private static Attempt broken(OutboxMessage row, RuntimeException failure) {
        return new Attempt(row, Optional.empty(), List.of(), new SendResult.TransientFailure(row.id(),
                "preparation failed: " + failure.getClass().getSimpleName()));
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
     * The order results are recorded in within a tenant: by client id, the lock order (a request
     * that names no client first). The locks themselves are taken in one call per tenant, which
     * sorts them (see {@code ClientRepository.findAllForUpdate}); this order only makes the audit
     * trail and the events come out in the same order as the locks.
     */
    private static final Comparator<Attempt> LOCK_ORDER = Comparator
            .comparing((Attempt a) -> a.row().clientId().orElse(null), Comparator.nullsFirst(ClientLookups.ID_ORDER));

    /**
     * Records the batch's results in one unit of work. If it fails (one bad row: a concurrent edit
     * of its client, say), the rows are recorded one by one instead, so the rest of the batch is
     * not sent again after the lease.
     */
    private void record(OutboxClaim claim, List<Attempt> attempts, Tally tally) {
        if (attempts.isEmpty()) {
            return;
        }
        try {
            tx.inTransaction(() -> recordAll(claim, attempts)).forEach(tally::add);
        } catch (RuntimeException batchFailure) {
            LOG.warn("mail dispatch: recording {} results at once failed ({}); recording them one by one",
                    attempts.size(), batchFailure.getClass().getName());
            for (Attempt attempt : attempts) {
                try {
                    tx.inTransaction(() -> recordAll(claim, List.of(attempt))).forEach(tally::add);
                } catch (RuntimeException e) {
                    LOG.warn("mail dispatch: recording the result of outbox message {} failed ({}); it comes back"
                            + " after its lease", attempt.row().id(), e.getClass().getName());
                }
            }
        }
    }

    /** The audit entries and events a unit of work that records results writes at its end. */
    private static final class Effects {
        private final List<AuditEntry> audit = new ArrayList<>();
        private final List<DomainEvent> events = new ArrayList<>();
    }

    /**
     * Records results tenant by tenant, in tenant order (the lock order), then appends the audit
     * entries and publishes the events of all tenants in one call each; answers the outcomes.
     */
    private List<Outcome> recordAll(OutboxClaim claim, List<Attempt> attempts) {
        Instant now = clock.instant();
        Effects effects = new Effects();
        List<Outcome> outcomes = new ArrayList<>(attempts.size());
        byTenant(attempts, a -> a.row().tenantId())
                .forEach((tenant, rows) -> outcomes.addAll(recordTenant(claim, tenant, rows, now, effects)));
        if (!effects.audit.isEmpty()) {
            audit.appendAll(effects.audit);
        }
        if (!effects.events.isEmpty()) {
            events.publishAll(effects.events);
        }
        return outcomes;
    }

    /**
     * One tenant's results, with a fixed number of port calls whatever their number: the clients'
     * locks first (one call, in client id order, the order an erasure or a campaign chunk takes
     * them), then every row's mark conditional on this dispatcher's claim (one call). A row not
     * marked was cancelled while its mail was on its way (an erasure, a change of address, an
     * unsubscribe: its links are revoked, sent or not) or lost to another dispatcher after this
     * one's lease ran out (its links are revoked unless the mail went out; its client is not
     * marked): one call reads those rows back to tell which. Then the links of failed mails are
     * revoked (one call), the live-links cap applies to the invitations that went out (one call),
     * and the clients sent an invitation become {@code INVITED}, or have a rejected address flagged,
     * in one update.
     */
    private List<Outcome> recordTenant(OutboxClaim claim, TenantId tenant, List<Attempt> unordered, Instant now,
            Effects effects) {
        List<Attempt> attempts = unordered.stream().sorted(LOCK_ORDER).toList();
        Set<ClientId> clientIds = attempts.stream().flatMap(a -> a.row().clientId().stream())
                .collect(Collectors.toSet());
        Map<ClientId, Client> locked = clientIds.isEmpty() ? Map.of()
                : byKey(clients.findAllForUpdate(tenant, clientIds), Client::id);
        List<OutboxMark> marks = attempts.stream().map(a -> markFor(a, now)).toList();
        Set<UUID> marked = outbox.mark(tenant, claim, marks);
        List<UUID> notMarked = attempts.stream().map(a -> a.row().id()).filter(id -> !marked.contains(id)).toList();
        Map<UUID, OutboxMessage> unmarked = notMarked.isEmpty() ? Map.of()
                : byKey(outbox.findAll(tenant, notMarked), OutboxMessage::id);

        List<Outcome> outcomes = new ArrayList<>(attempts.size());
        List<String> revoke = new ArrayList<>();
        Map<ClientId, String> justSent = new HashMap<>();
        Map<ClientId, Client> changed = new LinkedHashMap<>();
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            OutboxMessage row = attempt.row();
            boolean sent = attempt.result() instanceof SendResult.Sent;
            if (!marked.contains(row.id())) {
                OutboxMessage current = unmarked.get(row.id());
                boolean cancelled = current == null || current.status() == OutboxStatus.CANCELLED;
                if (cancelled || !sent) {
                    // withdrawn while the mail was on its way: its links must not open anything,
                    // even one issued after the withdrawal revoked the client's links; a mail sent
                    // after another dispatcher took the row keeps its links (it did go out)
                    revoke.addAll(attempt.tokenHashes());
                }
                outcomes.add(current == null ? Outcome.NONE : cancelled ? Outcome.CANCELLED : Outcome.LOST);
                continue;
            }
            if (sent) {
                outcomes.add(Outcome.SENT);
                if (row.kind() == MailKind.INVITATION) {
                    ClientId client = row.clientId().orElseThrow();
                    // the live-links cap applies to links that went out, never to a send that failed
                    justSent.put(client, attempt.tokenHashes().get(0));
                    markInvited(row, client, locked, changed, now, effects);
                }
                continue;
            }
            revoke.addAll(attempt.tokenHashes());
            if (marks.get(i) instanceof OutboxMark.Retry) {
                outcomes.add(Outcome.RETRIED);
            } else {
                outcomes.add(Outcome.FAILED);
                if (attempt.result() instanceof SendResult.PermanentFailure) {
                    attempt.recipient().ifPresent(to -> flagRejected(row, to, locked, changed, now, effects));
                }
            }
        }
        if (!revoke.isEmpty()) {
            tokens.revoke(tenant, revoke, now);
        }
        if (!justSent.isEmpty()) {
            tokens.capLive(tenant, TokenPurpose.ACTIVATION, justSent, config.maxLiveInvitationLinks(), now);
        }
        if (!changed.isEmpty()) {
            // only their invitation state changed here: the set-based write of just that
            clients.updateInvitationStates(List.copyOf(changed.values()));
        }
        return outcomes;
    }

    /** The mark a result asks for: sent; failed for good; or a retry after the backoff, until attempts run out. */
    private OutboxMark markFor(Attempt attempt, Instant now) {
        OutboxMessage row = attempt.row();
        SendResult result = attempt.result();
        if (result instanceof SendResult.Sent) {
            return new OutboxMark.Sent(row.id(), now);
        }
        if (result instanceof SendResult.PermanentFailure failure) {
            return new OutboxMark.Failed(row.id(), "permanent failure: " + failure.reason());
        }
        String reason = ((SendResult.TransientFailure) result).reason();
        // the row as claimed: a mark applies only while this claim holds, so no attempt was made since
        int attemptsMade = row.attempts() + 1;
        if (attemptsMade >= config.maxSendAttempts()) {
            return new OutboxMark.Failed(row.id(), "gave up after " + attemptsMade + " attempts; last: " + reason);
        }
        return new OutboxMark.Retry(row.id(),
                now.plus(backoff(config.retryBackoffBase(), config.retryBackoffMax(), attemptsMade - 1)), reason);
    }

    /** The client as this unit of work has it so far: changed above, or as locked; empty if not found. */
    private static Optional<Client> latest(ClientId id, Map<ClientId, Client> locked, Map<ClientId, Client> changed) {
        return Optional.ofNullable(changed.getOrDefault(id, locked.get(id)));
    }

    /**
     * Marks the (locked) client of a sent invitation {@code INVITED} (a resend keeps them so and
     * still stamps the update time), unless erased or accepted meanwhile; audits and publishes it.
     */
    private void markInvited(OutboxMessage row, ClientId id, Map<ClientId, Client> locked,
            Map<ClientId, Client> changed, Instant now, Effects effects) {
        Optional<Client> found = latest(id, locked, changed)
                .filter(c -> !c.erased() && c.invitationStatus() != InvitationStatus.ACCEPTED);
        if (found.isEmpty()) {
            return;
        }
        Client client = found.get();
        InvitationStatus before = client.invitationStatus();
        Client invited = client.markInvited(now);
        changed.put(id, invited);
        List<FieldChange> changes = new ArrayList<>(2);
        changes.add(FieldChange.plain("invitationStatus", Optional.of(before),
                Optional.of(invited.invitationStatus())));
        changes.add(FieldChange.plain("outboxMessage", Optional.empty(), Optional.of(row.id())));
        effects.audit.add(AuditEntry.of(ids.next(), row.tenantId(), id, ACTOR, AuditAction.INVITATION_SENT,
                now, changes));
        effects.events.add(new InvitationEvents.InvitationSent(row.tenantId(), id, row.id(), now));
    }

    /** Flags the address the mail went to, unless the client has changed it since. */
    private void flagRejected(OutboxMessage row, String recipient, Map<ClientId, Client> locked,
            Map<ClientId, Client> changed, Instant now, Effects effects) {
        Optional<Client> found = row.clientId().flatMap(id -> latest(id, locked, changed))
                .filter(c -> !c.erased() && c.emailRejectedAt().isEmpty()
                        && c.details().email().map(EmailAddress::value).equals(Optional.of(recipient)));
        if (found.isEmpty()) {
            return;
        }
        Client client = found.get();
        changed.put(client.id(), client.withEmailRejected(now));
        effects.audit.add(AuditEntry.of(ids.next(), row.tenantId(), client.id(), ACTOR,
                AuditAction.EMAIL_REJECTED,
                now, List.of(FieldChange.plain("emailRejectedAt", Optional.empty(), Optional.of(now)))));
        effects.events.add(new InvitationEvents.EmailRejected(row.tenantId(), client.id(), now));
    }

    /** Items grouped by tenant, tenants in the lock order, each tenant's items in the given order. */
    private static <T> SortedMap<TenantId, List<T>> byTenant(List<T> items, Function<T, TenantId> tenantOf) {
        SortedMap<TenantId, List<T>> groups = new TreeMap<>(ClientLookups.TENANT_ORDER);
        for (T item : items) {
            groups.computeIfAbsent(tenantOf.apply(item), t -> new ArrayList<>()).add(item);
        }
        return groups;
    }

    private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
        Map<K, V> map = new HashMap<>(values.size() * 2);
        for (V value : values) {
            map.put(key.apply(value), value);
        }
        return map;
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
            Instant now = clock.instant();
            if (now.isBefore(nextSendAt)) {
                pacer.pause(Duration.between(now, nextSendAt));
                now = clock.instant();
            }
            Instant start = now.isAfter(nextSendAt) ? now : nextSendAt;
            nextSendAt = start.plusNanos(Math.round(mails * 1e9 / config.maxMessagesPerSecond()));
        } finally {
            paceLock.unlock();
        }
    }

    // ---- counting ---------------------------------------------------------------------------

    /** What became of one claimed row. */
    private enum Outcome { SENT, RETRIED, FAILED, CANCELLED, LOST, NONE }

    /** Counts outcomes of one batch; used by one thread at a time, like {@link Prepared}. */
    private static final class Tally {
        private final int claimed;
        private int sent;
        private int retried;
        private int failed;
        private int cancelled;
        private int lost;

        Tally(int claimed) {
            this.claimed = claimed;
        }

        void add(Outcome outcome) {
            switch (outcome) {
                case SENT -> sent++;
                case RETRIED -> retried++;
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                case LOST -> lost++;
                case NONE -> { }
            }
        }

        DispatchReport report() {
            return new DispatchReport(claimed, sent, retried, failed, cancelled, lost);
        }
    }
}
