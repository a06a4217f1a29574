package io.clientele.credit.port;

import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.CreditSummary;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores credits and their append-only change lines. SPI; thread-safe; {@link #update} is
 * version-checked ({@code ConflictException} STALE_VERSION), which makes concurrent redemptions of
 * one credit safe: only one update of a version wins.
 */
public interface CreditRepository {

    /** The credit, if it exists in this tenant. */
    Optional<Credit> find(TenantId tenant, CreditId id);

    /** Stores new credits (version 0). */
    void insertAll(List<Credit> credits);

    /** Stores a changed credit if its version is current; returns it with the version incremented. */
    Credit update(Credit credit);

    /** Appends a ledger line. */
    void append(CreditChange change);

    /**
     * Appends ledger lines, all or none, in list order, in the caller's unit of work: a bulk path
     * (the expiry sweep) records all its lines with one call. SQL: one batch insert (a multi-row
     * {@code INSERT} or a JDBC batch of the same statement).
     */
    void appendAll(List<CreditChange> changes);

    /**
     * The client's credits as stored, newest issued first. In SQL one statement: {@code WHERE
     * tenant_id = ? AND client_id = ? ORDER BY issued_at DESC, id DESC}.
     */
    List<Credit> listForClient(TenantId tenant, ClientId client);

    /**
     * The client's credits as stored, newest issued first, only those whose effective state at
     * {@code now} ({@link Credit#stateAt}) is {@code state}: {@code EXPIRED} takes the stored
     * expired credits and the stored redeemable ones past their expiry, {@code REDEEMABLE} only the
     * redeemable ones not past it. In SQL one statement: {@code WHERE tenant_id = ? AND client_id =
     * ? AND (CASE WHEN state = 'REDEEMABLE' AND expires_at <= :now THEN 'EXPIRED' ELSE state END) =
     * ?}.
     */
    List<Credit> listForClient(TenantId tenant, ClientId client, CreditState state, Instant now);

    /**
     * One keyset page of the client's credits as stored, newest issued first (issue time, then id,
     * both descending). The page's position holds the last credit's issue time and id; a position
     * that is not one is a {@code ValidationException} on field {@code cursor}. In SQL one
     * statement: {@code WHERE tenant_id = ? AND client_id = ? AND (issued_at, id) < (?, ?) ORDER BY
     * issued_at DESC, id DESC LIMIT ?} (the page size plus one, to know whether more follow), on an
     * index {@code (tenant_id, client_id, issued_at, id)}.
     */
    Page<Credit> pageForClient(TenantId tenant, ClientId client, PageRequest page);

    /**
     * As {@link #pageForClient(TenantId, ClientId, PageRequest)}, only the credits whose effective
     * state at {@code now} ({@link Credit#stateAt}) is {@code state}, with the state condition of
     * {@link #listForClient(TenantId, ClientId, CreditState, Instant)} added to the same statement.
     */
    Page<Credit> pageForClient(TenantId tenant, ClientId client, CreditState state, Instant now, PageRequest page);

    /**
     * How many of the client's credits are in each effective state at {@code now} ({@link
     * Credit#stateAt}): a redeemable credit past its expiry counts as {@code EXPIRED}. States
     * without credits may be missing from the map. The profile's balances are this one call,
     * however many credits the client holds. In SQL one statement, served by the index on {@code
     * (tenant_id, client_id)}: {@code SELECT CASE WHEN state = 'REDEEMABLE' AND expires_at <= :now
     * THEN 'EXPIRED' ELSE state END, count(*) ... WHERE tenant_id = ? AND client_id = ? GROUP BY
     * 1}.
     */
    Map<CreditState, Long> countByState(TenantId tenant, ClientId client, Instant now);

    /**
     * The profile's credits section in one call: {@link #countByState} at {@code now} and the
     * client's newest issued credits, at most {@code limit} (1 to 200), as stored. SQL: one
     * statement, for example {@code SELECT *, count(*) FILTER (WHERE <effective state> = ...) OVER
     * () ... FROM (SELECT ..., row_number() OVER (ORDER BY issued_at DESC, id DESC) AS n FROM credit
     * WHERE tenant_id = ? AND client_id = ?) c WHERE n <= ?}, on the {@code (tenant_id, client_id)}
     * index; with no credit at all, every count is zero.
     */
    CreditSummary summaryForClient(TenantId tenant, ClientId client, Instant now, int limit);

    /**
     * The client's redeemable credits not past their expiry at {@code now}, in redemption order:
     * soonest expiry first, credits without expiry last, then oldest issued, then id.
     */
    List<Credit> redeemable(TenantId tenant, ClientId client, Instant now, int limit);

    /** The credits currently redeemed for the booking. */
    List<Credit> redeemedFor(TenantId tenant, String bookingRef);

    /** The credits from this source (for example every credit of an order). */
    List<Credit> fromSource(TenantId tenant, CreditSource source);

    /**
     * Credits stored {@code REDEEMABLE} and past their expiry at {@code now} (expiry at or before
     * it), across tenants, at most {@code limit}, soonest expiry first, then by tenant and id. The
     * expiry sweep's batch; it reads only, the sweep then locks and expires them with {@link
     * #expireDue}. SQL: one {@code SELECT ... WHERE state = 'REDEEMABLE' AND expires_at <= ? ORDER
     * BY expires_at, tenant_id, id LIMIT ?}, served by a partial index on {@code (expires_at,
     * tenant_id, id) WHERE state = 'REDEEMABLE'}, so its cost does not grow with the credits that
     * are not due.
     */
    List<Credit> dueForExpiry(Instant now, int limit);

    /**
     * Records the expiry of those of the credits {@code ids} of this tenant that are still stored
     * {@code REDEEMABLE} and past their expiry at {@code now}, as {@link Credit#expire} does (state
     * {@code EXPIRED}, changed by {@code actor} at {@code now}, reason {@code "expired"}, version
     * raised by one), and returns them as stored, in id order. Every other credit among {@code
     * ids} (redeemed, revoked or expired meanwhile, not yet due, unknown, of another tenant) is
     * left as it is and left out of the answer, so a credit whose state another unit of work
     * changed after {@link #dueForExpiry} read it is never expired, and a second call changes
     * nothing. Joins the caller's unit of work; the caller holds the credits' clients' locks.
     *
     * <p>SQL: one conditional statement, {@code UPDATE credit SET state = 'EXPIRED', changed_by =
     * ?, reason = 'expired', changed_at = ?, version = version + 1 WHERE tenant_id = ? AND id =
     * ANY(?) AND state = 'REDEEMABLE' AND expires_at <= ? RETURNING *}.
     */
    List<Credit> expireDue(TenantId tenant, Collection<CreditId> ids, Instant now, String actor);

    /**
     * Marks a source closed (for example, its order was cancelled): a credit from it that a
     * cancelled booking gives back is revoked instead of becoming redeemable again.
     */
    void closeSource(TenantId tenant, CreditSource source);

    /** True when the source was closed. */
    boolean isSourceClosed(TenantId tenant, CreditSource source);

    /**
     * Erasure: replaces the staff's free-text reasons on the client's credits and ledger lines by
     * {@code "[erased]"}; states, times and actors stay.
     */
    void eraseReasons(TenantId tenant, ClientId client);

    /** The client's ledger lines, oldest first. */
    List<CreditChange> changes(TenantId tenant, ClientId client);
}
