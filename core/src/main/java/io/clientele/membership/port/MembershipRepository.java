package io.clientele.membership.port;

import io.clientele.common.ClientId;
import io.clientele.common.MembershipId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.membership.model.Membership;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Stores clients' memberships. SPI; implementations must be thread-safe; {@link #update} is
 * version-checked ({@code ConflictException} {@code STALE_VERSION}).
 */
public interface MembershipRepository {

    /** The membership, if it exists in this tenant. */
    Optional<Membership> find(TenantId tenant, MembershipId id);

    /** Stores a new membership (version 0) and returns it as stored. */
    Membership insert(Membership membership);

    /** Stores a changed membership if its version is current; returns it with the version incremented. */
    Membership update(Membership membership);

    /**
     * Every membership of the client, oldest start date first, then by id (erasure and the data
     * export read them all).
     */
    List<Membership> listForClient(TenantId tenant, ClientId client);

    /**
     * One keyset page of the client's memberships, newest start date first (start date, then id,
     * both descending). The page's position holds the last membership's start date and id; a
     * position that is not one is a {@code ValidationException} on field {@code cursor}. In SQL one
     * statement: {@code WHERE tenant_id = ? AND client_id = ? AND (start_date, id) < (?, ?) ORDER BY
     * start_date DESC, id DESC LIMIT ?} (the page size plus one, to know whether more follow), on an
     * index {@code (tenant_id, client_id, start_date, id)}.
     */
    Page<Membership> pageForClient(TenantId tenant, ClientId client, PageRequest page);

    /**
     * Across tenants, at most {@code limit} memberships the issuance job has work for on {@code
     * today} (those for which {@link Membership#isDueOn} is true), ordered by tenant then id in the
     * store's own order, starting after {@code after}. An SQL store answers this from an index on
     * {@code status}, the next period's start date and the end date.
     *
     * <p>Studios are in different time zones, but the query takes one date: the job passes the
     * latest date any zone can be on at this instant ({@code LocalDate.ofInstant(now,
     * ZoneOffset.MAX)}, UTC+18:00), so no membership due anywhere is missed, then settles each
     * membership returned with its own studio's today and leaves alone those with nothing due there
     * yet (a membership in Los Angeles may be returned up to a day early; it is simply returned
     * again by later runs). A store needs no time zone of its own.
     *
     * <p>This form reads the first page; {@link #due(LocalDate, Position, int)} the pages after it.
     */
    List<Membership> due(LocalDate today, int limit);

    /**
     * As {@link #due(LocalDate, int)}, the page after {@code after}: memberships in a later tenant,
     * or in its tenant with a greater id (in SQL a row comparison {@code (tenant_id, id) > (?, ?)}
     * on the same index).
     */
    List<Membership> due(LocalDate today, Position after, int limit);

    /** Where a page of {@link #due} ended: the last membership returned. */
    record Position(TenantId tenant, MembershipId id) {
        public Position {
            Validate.notNull("tenantId", tenant);
            Validate.notNull("membershipId", id);
        }

        /** The position of this membership. */
        public static Position of(Membership membership) {
            return new Position(membership.tenantId(), membership.id());
        }
    }
}
