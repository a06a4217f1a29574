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
import java.time.Instant;
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
     * without credits may be missing from the map. In SQL one statement: {@code SELECT CASE WHEN
     * state = 'REDEEMABLE' AND expires_at <= :now THEN 'EXPIRED' ELSE state END, count(*) ...
     * GROUP BY 1}.
     */
    Map<CreditState, Long> countByState(TenantId tenant, ClientId client, Instant now);

    /**
     * The client's redeemable credits not past their expiry at {@code now}, in redemption order:
     * soonest expiry first, credits without expiry last, then oldest issued, then id.
     */
    List<Credit> redeemable(TenantId tenant, ClientId client, Instant now, int limit);

    /** The credits currently redeemed for the booking. */
    List<Credit> redeemedFor(TenantId tenant, String bookingRef);

    /** The credits from this source (for example every credit of an order). */
    List<Credit> fromSource(TenantId tenant, CreditSource source);

    /** Redeemable credits past their expiry at {@code now}, across tenants, at most {@code limit}. */
    List<Credit> dueForExpiry(Instant now, int limit);

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
