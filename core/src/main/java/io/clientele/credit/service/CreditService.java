package io.clientele.credit.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.client.service.ClientGuard;
import io.clientele.client.service.ClientLookups;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.ConflictException;
import io.clientele.common.CursorSeal;
import io.clientele.common.MembershipId;
import io.clientele.common.NotFoundException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.Text;
import io.clientele.common.TimeBounds;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.RedeemResult;
import io.clientele.credit.port.CreditRepository;
import io.clientele.credit.port.MembershipStandings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credits section of a client's profile: staff issue membership credits by
 * hand and revoke redeemable ones; the host's booking flow redeems a credit for a booking and
 * reinstates it when the booking is cancelled; a job expires overdue credits; staff list the
 * credits, their balances per state and the ledger. Every change is a ledger line with its actor
 * and reason, an audit entry ({@code CREDITS_ISSUED}, {@code CREDIT_REVOKED}, {@code
 * CREDIT_REDEEMED}, {@code CREDIT_REINSTATED}, {@code CREDIT_EXPIRED}: the credit id and states,
 * never the reason) and a {@code CreditChanged} event, all through {@link CreditGrants}.
 *
 * <p>Rules: package credits only come from orders, never by hand ({@link #issuePackageCredits});
 * credits issued by hand for a membership name an active membership of the client; only a
 * redeemable credit can be revoked; an expiry is set at issue and never edited; redemption takes
 * the credit that expires soonest (credits without expiry last, then the oldest issued). Another
 * tenant's client or credit is answered as not found; an erased client's ledger stays readable but
 * takes no new credits, revocations or redemptions.
 *
 * <p><b>A credit past its expiry is expired</b>, from its expiry instant on, whether or not the
 * {@link #expireDue sweep} has recorded it yet: it is never redeemable; listings, their state
 * filter, balances, the ledger and the data export show it {@code EXPIRED} ({@link
 * Credit#stateAt}); revoking it, or cancelling its order, records its expiry ({@code
 * CREDIT_EXPIRED}) rather than a revocation.
 *
 * <p>Every use case on a client passes the {@link ClientGuard} (permission, tenant, not-found, the
 * client's lock and erasure); reads run in read-only units of work.
 *
 * <p>Defaults: at most {@value #MAX_MANUAL_ISSUE} credits per manual issue, manual expiries at most
 * {@value TimeBounds#MAX_YEARS_AHEAD} years ahead, reasons of at most {@value #MAX_REASON}
 * characters, booking references of at most {@value #MAX_BOOKING_REF} characters, up to {@value
 * #MAX_REDEEM_ATTEMPTS} attempts per redemption under contention; lists are pages of {@link
 * PageRequest} (at most {@value PageRequest#MAX_SIZE} credits), newest issued first.
 *
 * <p>Stateless apart from its ports; thread-safe when they are.
 */
public final class CreditService {

    /** The most credits staff may issue in one manual issue. */
    public static final int MAX_MANUAL_ISSUE = 100;
    /** The longest reason accepted, in characters. */
    public static final int MAX_REASON = 200;
    /** The longest booking reference accepted, in characters. */
    public static final int MAX_BOOKING_REF = 100;
    /** The most credits one run of the expiry sweep may handle. */
    public static final int MAX_SWEEP_BATCH = 10_000;
    /**
     * How many times a redemption tries again after losing a credit to a concurrent change before
     * it gives up with a {@code STALE_VERSION} conflict.
     */
    public static final int MAX_REDEEM_ATTEMPTS = 16;
    /** The actor the expiry sweep records on the credits it expires. */
    public static final Actor.SystemActor EXPIRY_JOB = new Actor.SystemActor("credit-expiry");

    private static final Logger LOG = LoggerFactory.getLogger(CreditService.class);

    /** Why a change to an erased client's credits is refused. */
    private static final String READ_ONLY = "its credits are read-only";

    /**
     * The ports the credit use cases need. {@code grants} must be built on the same {@code credits}
     * repository (and the same clock), so its ledger lines land next to the credits they describe.
     * {@code guard} is the gate of every use case on a client, and takes the locks of the expiry
     * sweep; {@code cursors} seal the list pages.
     */
    public record Ports(
            CreditRepository credits,
            MembershipStandings memberships,
            TransactionRunner tx,
            Clock clock,
            CreditGrants grants,
            ClientGuard guard,
            CursorSeal cursors) {

        public Ports {
            ConfigurationException.requirePort("CreditService.Ports", "credits", credits);
            ConfigurationException.requirePort("CreditService.Ports", "memberships", memberships);
            ConfigurationException.requirePort("CreditService.Ports", "tx", tx);
            ConfigurationException.requirePort("CreditService.Ports", "clock", clock);
            ConfigurationException.requirePort("CreditService.Ports", "grants", grants);
            ConfigurationException.requirePort("CreditService.Ports", "guard", guard);
            ConfigurationException.requirePort("CreditService.Ports", "cursors", cursors);
        }
    }

    private final CreditRepository credits;
    private final MembershipStandings memberships;
    private final TransactionRunner tx;
    private final Clock clock;
    private final CreditGrants grants;
    private final ClientGuard guard;
    private final CursorSeal cursors;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public CreditService(Ports ports) {
        Validate.notNull("ports", ports);
        this.credits = ports.credits();
        this.memberships = ports.memberships();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.grants = ports.grants();
        this.guard = ports.guard();
        this.cursors = ports.cursors();
    }

    // ---- issuing and revoking (staff, from the profile) ----

    /**
     * The profile's "+Issue" button: issues {@code issue.count()} redeemable membership credits
     * (validated by {@link CreditIssue}), for the membership it names, if any, and with its expiry,
     * if any, which must lie in the future (field {@code expiresAt}, rule {@code in_future}) and at
     * most {@value TimeBounds#MAX_YEARS_AHEAD} years ahead (rule {@code range}), and can never be
     * edited afterwards. An erased client gets no credits ({@link ConflictException} {@code
     * ILLEGAL_STATE}). Requires {@link Permission#ISSUE_CREDITS}, staff only.
     *
     * <p>A membership, when given, must be an active membership of this client: an unknown id,
     * another client's or another tenant's membership is {@link NotFoundException} ("membership",
     * id), exactly as if it did not exist; a paused, cancelled or ended membership of the client is
     * {@link ConflictException} {@code ILLEGAL_STATE}. It is checked under the client's lock, which
     * every membership change takes too.
     *
     * @return the issued credits, as stored
     */
    public List<Credit> issueMembershipCredits(Actor actor, TenantId tenant, ClientId clientId, CreditIssue issue) {
        Validate.notNull("clientId", clientId);
        Validate.notNull("issue", issue);
        CreditSource source = issue.membershipId().map(CreditSource::membership).orElseGet(CreditSource::membership);
        return tx.inTransaction(() -> {
            guard.writeAsStaff(actor, Permission.ISSUE_CREDITS, tenant, clientId, READ_ONLY);
            Instant now = clock.instant();
            issue.expiresAt().ifPresent(expiry -> TimeBounds.requireFutureWithin("expiresAt", expiry, now));
            issue.membershipId().ifPresent(membership -> requireActiveMembership(tenant, clientId, membership));
            List<Credit> issued = grants.grant(actor, tenant, clientId, source, issue.count(), issue.expiresAt(),
                    issue.reason());
            LOG.info("credits issued by hand: tenant={} client={} count={} by={}", tenant, clientId, issue.count(),
                    actor.describe());
            return issued;
        });
    }

    /**
     * Always refuses: package credits come only from an order (placing an order with a package
     * line grants them through {@link CreditGrants}), never from the profile. The refusal is a
     * {@link ValidationException} on field {@code source} with rule {@code
     * package_credits_come_from_orders}, whoever asks and whatever the arguments, so a host UI that
     * offers the button anyway gets a stable code to show. Nothing is read or changed. It takes
     * the same {@link CreditIssue} as {@link #issueMembershipCredits}, so a host can route its
     * issue form to either.
     *
     * @return never returns normally
     */
    public List<Credit> issuePackageCredits(Actor actor, TenantId tenant, ClientId clientId, CreditIssue issue) {
        throw new ValidationException("source", "package_credits_come_from_orders",
                "package credits cannot be issued by hand; place an order with the package instead");
    }

    /**
     * Revokes one redeemable credit ({@link ConflictException} {@code ILLEGAL_STATE} for a credit
     * in any other state, or of an erased client). A credit past its expiry that the sweep has not
     * recorded yet is expired already: the call records its expiry (ledger line to {@code EXPIRED},
     * reason {@code "expired"}, audit {@code CREDIT_EXPIRED}, by the calling actor) and returns it
     * {@code EXPIRED}, so the ledger never shows an expired credit revoked. The reason is
     * required, one line of at most {@value #MAX_REASON} characters. Requires {@link
     * Permission#REVOKE_CREDITS}, staff only.
     *
     * @return the credit, as stored: {@code REVOKED}, or {@code EXPIRED} when it was past its expiry
     */
    public Credit revoke(Actor actor, TenantId tenant, CreditId creditId, String reason) {
        Validate.notNull("creditId", creditId);
        Access.requireStaff(actor, Permission.REVOKE_CREDITS, tenant, "credit", creditId);
        String why = reason(reason);
        return tx.inTransaction(() -> {
            guard.lockActive(tenant, loadCredit(tenant, creditId).clientId(), READ_ONLY);
            Credit credit = loadCredit(tenant, creditId);
            Instant now = clock.instant();
            return grants.revokeOrExpire(actor, credit, why, now);
        });
    }

    // ---- bookings (the host's booking flow) ----

    /**
     * Pays for a booking with one of the client's credits: the redeemable one that expires soonest
     * (credits without expiry last, then the oldest issued), never one past its expiry even if the
     * sweep has not marked it yet. A booking may take several credits (call once per credit); the
     * reference is the host's own, one line of 1 to {@value #MAX_BOOKING_REF} characters (field
     * {@code bookingRef}). An erased client cannot redeem ({@link ConflictException} {@code
     * ILLEGAL_STATE}).
     *
     * <p>Safe under concurrency: each attempt is its own unit of work, and the credit's version
     * check lets only one of several simultaneous redemptions of a credit win. A loser moves on to
     * the next candidate, up to {@value #MAX_REDEEM_ATTEMPTS} attempts; after that it gives up
     * with {@link ConflictException} {@code STALE_VERSION}, having changed nothing, and the caller
     * may retry.
     *
     * <p>Who may redeem: staff holding {@link Permission#EDIT_CLIENTS} (booking at the front
     * desk), or an {@link Actor.SystemActor} (the host's booking flow acting on the client's
     * behalf). A client acting for themself books through the host, never directly.
     *
     * @return {@link RedeemResult.Redeemed} with the credit, or {@link
     *         RedeemResult.NoCreditAvailable} (nothing changed)
     */
    public RedeemResult redeem(Actor actor, TenantId tenant, ClientId clientId, String bookingRef) {
        Validate.notNull("clientId", clientId);
        Set<CreditId> lost = new HashSet<>();
        for (int attempt = 1; attempt <= MAX_REDEEM_ATTEMPTS; attempt++) {
            AtomicReference<CreditId> tried = new AtomicReference<>();
            try {
                return tx.inTransaction(() -> redeemOnce(actor, tenant, clientId, bookingRef, lost, tried));
            } catch (ConflictException e) {
                if (e.reason() != ConflictException.Reason.STALE_VERSION || tried.get() == null) {
                    throw e;
                }
                lost.add(tried.get());
                LOG.debug("credit redemption lost a race, trying the next candidate: tenant={} client={} attempt={}",
                        tenant, clientId, attempt);
            }
        }
        LOG.warn("credit redemption gave up under contention: tenant={} client={} attempts={}", tenant, clientId,
                MAX_REDEEM_ATTEMPTS);
        throw new ConflictException(ConflictException.Reason.STALE_VERSION, "the client's credits changed "
                + MAX_REDEEM_ATTEMPTS + " times during this redemption; retry");
    }

    /**
     * One attempt: the first candidate in redemption order that this redemption has not yet lost
     * a race for (or, when only such ones are left, the first of them: re-read now, it is free).
     * The gate comes first, so an actor who may not redeem learns nothing from the booking
     * reference being checked.
     */
    private RedeemResult redeemOnce(Actor actor, TenantId tenant, ClientId clientId, String bookingRef,
            Set<CreditId> lost, AtomicReference<CreditId> tried) {
        guard.writeAsStaff(actor, Permission.EDIT_CLIENTS, tenant, clientId, READ_ONLY);
        String booking = bookingRef(bookingRef);
        String why = "redeemed for booking " + booking;
        Instant now = clock.instant();
        List<Credit> candidates = credits.redeemable(tenant, clientId, now, lost.size() + 1);
        Optional<Credit> pick = candidates.stream().filter(c -> !lost.contains(c.id())).findFirst()
                .or(() -> candidates.stream().findFirst());
        if (pick.isEmpty()) {
            return new RedeemResult.NoCreditAvailable();
        }
        Credit credit = pick.get();
        tried.set(credit.id());
        Credit redeemed = credits.update(credit.redeem(booking, actor.describe(), why, now));
        grants.record(credit, redeemed, AuditAction.CREDIT_REDEEMED, actor, why, now);
        return new RedeemResult.Redeemed(redeemed);
    }

    /**
     * The booking was cancelled: every credit redeemed for it (in this tenant) is reinstated,
     * redeemable again, or {@code EXPIRED} when its expiry passed meanwhile. A booking no credit
     * paid for reinstates nothing (an empty list, so cancelling twice is harmless). The reason is
     * required, one line of at most {@value #MAX_REASON} characters. The ledger of an erased client
     * is kept true as well. One unit of work; a concurrent change to one of the credits fails the
     * whole call with {@link ConflictException} {@code STALE_VERSION}, changing nothing. Who may:
     * as for {@link #redeem}.
     *
     * @return the reinstated credits, as stored, in id order
     */
    public List<Credit> cancelBooking(Actor actor, TenantId tenant, String bookingRef, String reason) {
        Access.requireStaff(actor, Permission.EDIT_CLIENTS, tenant);
        String booking = bookingRef(bookingRef);
        String why = reason(reason);
        return tx.inTransaction(() -> {
            // lock every client the booking's credits belong to, in the lock order (client id, as
            // every unit of work locking several clients does: no deadlock), then read the credits
            // again: they are current from here on
            credits.redeemedFor(tenant, booking).stream().map(Credit::clientId).distinct()
                    .sorted(ClientLookups.ID_ORDER)
                    .forEach(client -> guard.lock(tenant, client));
            Instant now = clock.instant();
            List<Credit> reinstated = new ArrayList<>();
            List<Credit> paid = new ArrayList<>(credits.redeemedFor(tenant, booking));
            paid.sort(Comparator.comparing(Credit::id));
            for (Credit credit : paid) {
                Credit after = credits.update(credit.reinstate(actor.describe(), why, now));
                grants.record(credit, after, AuditAction.CREDIT_REINSTATED, actor, why, now);
                if (after.state() == CreditState.REDEEMABLE && credits.isSourceClosed(tenant, credit.source())) {
                    // its order was cancelled: the credit does not come back to the client
                    Credit revoked = credits.update(after.revoke(actor.describe(), "its order was cancelled", now));
                    grants.record(after, revoked, AuditAction.CREDIT_REVOKED, actor, "its order was cancelled", now);
                    after = revoked;
                }
                reinstated.add(after);
            }
            return reinstated;
        });
    }

    // ---- the expiry sweep (a job the host schedules) ----

    /**
     * What erasure does to the client's credits: the ledger stays (it is the studio's accounting)
     * but the staff's free-text reasons, which may name the person, go.
     */
    public ErasureParticipant eraser() {
        return credits::eraseReasons;
    }

    /**
     * Marks up to {@code limit} (1 to {@value #MAX_SWEEP_BATCH}) redeemable credits past their
     * expiry {@code EXPIRED}, across tenants, as {@link #EXPIRY_JOB}; returns how many it marked.
     * Idempotent: a credit already expired, or changed meanwhile (revoked, say), is left alone, so
     * a second run changes nothing. Run it periodically; while it returns {@code limit}, more are
     * due. Nothing else depends on it: a credit past its expiry is not redeemable, and lists,
     * counts and exports as {@code EXPIRED}, either way; the sweep only records the expiry in the
     * ledger.
     *
     * <p>Set-based: one read of the due credits, then one short unit of work per tenant among them
     * (in tenant order) that locks the credits' clients in one call (in id order, the lock order,
     * as every change to a client's credits takes the client's lock first), expires the credits
     * that are still due in one conditional call ({@link CreditRepository#expireDue}), and records
     * the ledger lines, the {@code CREDIT_EXPIRED} audit entries and the events with one call each:
     * the port calls of a run depend on the number of tenants in it, never on the number of
     * credits.
     */
    public int expireDue(int limit) {
        Validate.range("limit", limit, 1, MAX_SWEEP_BATCH);
        Instant now = clock.instant();
        List<Credit> due = tx.inReadOnlyTransaction(() -> credits.dueForExpiry(now, limit));
        Map<TenantId, List<Credit>> byTenant = new TreeMap<>(ClientLookups.TENANT_ORDER);
        due.forEach(credit -> byTenant.computeIfAbsent(credit.tenantId(), t -> new ArrayList<>()).add(credit));
        int expired = 0;
        for (Map.Entry<TenantId, List<Credit>> tenantDue : byTenant.entrySet()) {
            expired += tx.inTransaction(() -> expireAll(tenantDue.getKey(), tenantDue.getValue(), now));
        }
        if (!due.isEmpty()) {
            LOG.info("credit expiry sweep: due={} expired={} tenants={}", due.size(), expired, byTenant.size());
        }
        return expired;
    }

    /**
     * One tenant's share of a sweep, in one unit of work: the clients' locks, then the credits
     * that are still due once they are held (one revoked meanwhile is not), then their records.
     */
    private int expireAll(TenantId tenant, List<Credit> due, Instant now) {
        guard.lockAll(tenant, due.stream().map(Credit::clientId).collect(Collectors.toSet()));
        List<Credit> expired = credits.expireDue(tenant, due.stream().map(Credit::id).toList(), now,
                EXPIRY_JOB.describe());
        grants.recordExpiries(expired, EXPIRY_JOB, now);
        if (expired.size() < due.size()) {
            LOG.debug("credits changed before the expiry sweep reached them, left alone: tenant={} count={}", tenant,
                    due.size() - expired.size());
        }
        return expired.size();
    }

    // ---- reading ----

    /**
     * One keyset page of the client's credits, newest issued first (then newest id first), each in
     * its effective state now ({@link Credit#asSeenAt}): a credit past its expiry lists as {@code
     * EXPIRED} before the sweep has recorded it. Also answers for an erased client. The cursor is
     * sealed and bound to the tenant and the client ({@link CursorSeal}): one made for another
     * client's credits or another state filter, or not by Clientele, is a {@link
     * ValidationException} on field {@code cursor}. {@link #balances} counts them. Requires {@link
     * Permission#VIEW_CLIENTS}, or the client themself. Read-only.
     */
    public Page<Credit> list(Actor actor, TenantId tenant, ClientId clientId, PageRequest page) {
        Validate.notNull("page", page);
        return tx.inReadOnlyTransaction(() -> {
            guard.read(actor, Permission.VIEW_CLIENTS, tenant, clientId);
            CursorSeal.Bound list = cursors.bind(tenant, "credits", CursorSeal.fingerprint(clientId.toString(), ""));
            Instant now = clock.instant();
            return list.seal(credits.pageForClient(tenant, clientId, list.open(page))).map(c -> c.asSeenAt(now));
        });
    }

    /**
     * One keyset page of the client's credits in effective state {@code state} now, newest issued
     * first, as {@link #list(Actor, TenantId, ClientId, PageRequest)} shows them: a credit past its
     * expiry filters as {@code EXPIRED}, not {@code REDEEMABLE}, before the sweep has recorded it.
     * The cursor is bound to the state as well. Same permissions. Read-only.
     */
    public Page<Credit> list(Actor actor, TenantId tenant, ClientId clientId, CreditState state, PageRequest page) {
        Validate.notNull("state", state);
        Validate.notNull("page", page);
        return tx.inReadOnlyTransaction(() -> {
            guard.read(actor, Permission.VIEW_CLIENTS, tenant, clientId);
            CursorSeal.Bound list = cursors.bind(tenant, "credits",
                    CursorSeal.fingerprint(clientId.toString(), state.name()));
            Instant now = clock.instant();
            return list.seal(credits.pageForClient(tenant, clientId, state, now, list.open(page)))
                    .map(c -> c.asSeenAt(now));
        });
    }

    /**
     * How many of the client's credits are in each state: every state present, zeros included,
     * counting effective states as {@link #list} shows them (a credit past its expiry counts as
     * {@code EXPIRED}, not {@code REDEEMABLE}). Requires {@link
     * Permission#VIEW_CLIENTS}, or the client themself. Read-only.
     *
     * @return an unmodifiable map in {@link CreditState} order
     */
    public Map<CreditState, Long> balances(Actor actor, TenantId tenant, ClientId clientId) {
        return tx.inReadOnlyTransaction(() -> {
            guard.read(actor, Permission.VIEW_CLIENTS, tenant, clientId);
            EnumMap<CreditState, Long> counts = new EnumMap<>(CreditState.class);
            for (CreditState state : CreditState.values()) {
                counts.put(state, 0L);
            }
            counts.putAll(credits.countByState(tenant, clientId, clock.instant()));
            return Collections.unmodifiableMap(counts);
        });
    }

    /**
     * The client's ledger lines, oldest first: every issue and state change with its actor and
     * reason, and, for a credit past its expiry that the sweep has not recorded yet, the line its
     * expiry will record, dated at the expiry ({@link CreditChange#asSeenAt}), so the ledger agrees
     * with {@link #list} and {@link #balances}. Staff only (lines name staff ids and carry staff's
     * reasons), with {@link Permission#VIEW_CLIENTS}. Read-only.
     */
    public List<CreditChange> ledger(Actor actor, TenantId tenant, ClientId clientId) {
        Validate.notNull("clientId", clientId);
        return tx.inReadOnlyTransaction(() -> {
            guard.readAsStaff(actor, Permission.VIEW_CLIENTS, tenant, clientId);
            Instant now = clock.instant();
            return CreditChange.asSeenAt(credits.changes(tenant, clientId),
                    credits.listForClient(tenant, clientId, CreditState.EXPIRED, now), now,
                    EXPIRY_JOB.describe());
        });
    }

    // ---- internals ----

    /**
     * The membership credits by hand name: an active membership of this client (not found for an
     * unknown id or another client's, illegal state for one not active).
     */
    private void requireActiveMembership(TenantId tenant, ClientId clientId, MembershipId membershipId) {
        MembershipStandings.Standing standing = memberships.standing(tenant, clientId, membershipId)
                .orElseThrow(() -> new NotFoundException("membership", membershipId));
        if (standing != MembershipStandings.Standing.ACTIVE) {
            throw ConflictException.illegalState("membership " + membershipId
                    + " is not active; credits are issued only for an active membership");
        }
    }

    private Credit loadCredit(TenantId tenant, CreditId creditId) {
        return credits.find(tenant, creditId).orElseThrow(() -> new NotFoundException("credit", creditId));
    }

    /** A required single-line reason. */
    private static String reason(String value) {
        return Text.singleLine("reason", Validate.notBlank("reason", value), MAX_REASON);
    }

    /** A required single-line booking reference. */
    private static String bookingRef(String value) {
        return Text.singleLine("bookingRef", Validate.notBlank("bookingRef", value), MAX_BOOKING_REF);
    }
}
