package io.clientele.client.port;

import io.clientele.client.model.Client;
import io.clientele.common.ClientId;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.PassNumber;
import io.clientele.client.model.StatusCounts;
import io.clientele.common.ConflictException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores client aggregates. SPI; implementations must be thread-safe and must enforce, atomically
 * with the write: email unique per tenant among non-erased clients and pass numbers unique per
 * tenant (both answering {@link ConflictException} with reason {@code DUPLICATE}), and the
 * optimistic version check ({@code STALE_VERSION}).
 */
public interface ClientRepository {

    /** The client, if it exists in this tenant. */
    Optional<Client> find(TenantId tenant, ClientId id);

    /**
     * The clients of this tenant among {@code ids} (unknown ids are left out), in no particular
     * order. For bulk paths that hold a batch of ids; SQL: one {@code SELECT ... WHERE tenant_id =
     * ? AND id = ANY(?)}.
     */
    List<Client> findAll(TenantId tenant, Collection<ClientId> ids);

    /**
     * Up to {@code limit} clients matching every filter of the query, in client id order, starting
     * after the client id {@code after}. Campaigns walk their target with it and store the last id
     * as their position, so no personal data is kept and a walk is stable while clients are added
     * or renamed. The rows are whole clients, so a chunk needs no further read per client. SQL: one
     * {@code SELECT ... WHERE tenant_id = ? AND id > ? AND <filters> ORDER BY id LIMIT ?}, served
     * by the {@code (tenant_id, id)} key: the cost of a page does not grow with the rows before it.
     */
    List<Client> findMatching(TenantId tenant, ClientQuery query, ClientId after, int limit);

    /**
     * The first page of the walk of {@link #findMatching(TenantId, ClientQuery, ClientId, int)}:
     * up to {@code limit} clients matching the query, from the lowest client id. SQL: as above,
     * without {@code id > ?}.
     */
    List<Client> findMatching(TenantId tenant, ClientQuery query, int limit);

    /**
     * As {@link #findMatching(TenantId, ClientQuery, ClientId, int)}, each client returned locked
     * until the current unit of work ends (as by {@link #findForUpdate}) and read once locked: the
     * chunks of a bulk change walk their clients with it (a label's delete takes the label off the
     * next chunk of its holders). The locks are taken in client id order, the lock order; a client
     * that no longer matches once locked is left out. SQL: one {@code SELECT ... WHERE tenant_id =
     * ? AND id > ? AND <filters> ORDER BY id LIMIT ? FOR UPDATE} (PostgreSQL re-checks the filters
     * of a row it had to wait for), served by the index of the most selective filter (for a label
     * or group, the {@code (tenant_id, label_id, client_id)} key of the table that holds them).
     */
    List<Client> findMatchingForUpdate(TenantId tenant, ClientQuery query, ClientId after, int limit);

    /**
     * The first chunk of the walk of {@link #findMatchingForUpdate(TenantId, ClientQuery, ClientId,
     * int)}, from the lowest client id. SQL: as above, without {@code id > ?}.
     */
    List<Client> findMatchingForUpdate(TenantId tenant, ClientQuery query, int limit);

    /**
     * The clients of this tenant among {@code ids} (unknown ids are left out), each locked until the
     * current unit of work ends, as by {@link #findForUpdate}, and read once locked; returned in
     * client id order. The locks are taken in client id order (the lock order below), so two units
     * of work locking overlapping sets never deadlock. For bulk paths (a campaign chunk locks its
     * clients with it, the mail dispatcher its batch's). SQL: one {@code SELECT ... WHERE tenant_id = ? AND id = ANY(?) ORDER BY id
     * FOR UPDATE}.
     */
    List<Client> findAllForUpdate(TenantId tenant, Collection<ClientId> ids);

    /**
     * The client, if it exists in this tenant, locked until the current unit of work ends: another
     * unit of work asking for the same lock waits until then. SQL: {@code SELECT ... FOR UPDATE}.
     *
     * <p>This is the one rule that keeps a client's sections consistent with the client: every
     * write to a client's sections (notes, addresses, passes, photo, labels, groups, intake forms,
     * credits, orders, memberships, payment methods, consents, invitations and links) takes this
     * lock before it touches the client (a label or group assignment takes the catalog entry's lock
     * before it, see the lock order below) and then reads the client, and so does the erasure,
     * before it removes anything. A
     * write and an erasure of the same client therefore never interleave: the write either commits
     * before the erasure starts (and the erasure removes what it wrote) or sees the erased client
     * and refuses.
     *
     * <p>Lock order, so that no two units of work ever wait for each other in a cycle (a
     * deadlock): a unit of work that locks several clients locks them in (tenant, client id) order
     * (tenant ids as strings, client ids as UUIDs; Clientele's UUIDv7 ids sort the same way in SQL),
     * and a unit of work that locks a catalog entry (a label, {@link LabelRepository#findForShare}
     * or {@link LabelRepository#delete}; a group, likewise) locks it before any client. The mail
     * dispatcher records a batch's results, a campaign chunk enqueues, a cancelled booking
     * reinstates credits and a label or group delete rewrites each chunk of its clients ({@link
     * #findMatchingForUpdate}) in that order; the service helpers are in {@code
     * io.clientele.client.service.ClientLookups}.
     */
    Optional<Client> findForUpdate(TenantId tenant, ClientId id);

    /** Stores a new client (version 0) and returns it as stored. */
    Client insert(Client client);

    /**
     * Stores a changed client if the stored version equals {@code client.version()}; returns it with
     * the version incremented.
     */
    Client update(Client client);

    /**
     * Stores changed clients, as {@link #update} each, all or none: if any stored version differs
     * from the client's, nothing is stored and the answer is {@link ConflictException} ({@code
     * STALE_VERSION}), and the uniqueness rules hold as for {@link #update}. Answers the clients as
     * stored (versions incremented), in the given order. SQL: one batched {@code UPDATE ... WHERE
     * tenant_id = ? AND id = ? AND version = ?}, each answering one row.
     */
    List<Client> updateAll(List<Client> clients);

    /**
     * Stores the invitation state of clients changed in nothing else since they were read: their
     * invitation status, when their address was rejected, and their update time, as {@link
     * #updateAll} stores them: all or none ({@code STALE_VERSION} if any stored version differs
     * from the client's), versions raised by one, answered in the given order. Nothing else of a
     * client is written, so a caller passes only clients whose other fields it has not changed
     * (the mail dispatcher records a batch's results with it: {@link Client#markInvited} and
     * {@link Client#withEmailRejected}). The default is {@link #updateAll}; SQL: one {@code SELECT
     * id, version ... FOR UPDATE} of the clients, then one {@code UPDATE ... FROM (VALUES ...)} of
     * those three columns and the version, instead of the whole rows and their collections.
     */
    default List<Client> updateInvitationStates(List<Client> clients) {
        return updateAll(clients);
    }

    /**
     * The non-erased client holding this email, if any. SQL: one {@code SELECT id} served by the
     * unique index on {@code (tenant_id, email) WHERE erased_at IS NULL} that enforces the rule.
     */
    Optional<ClientId> findIdByEmail(TenantId tenant, EmailAddress email);

    /**
     * {@link #findIdByEmail} for many addresses at once: the non-erased client holding each of
     * {@code emails} that one holds. SQL: one {@code SELECT email, id ... WHERE tenant_id = ? AND
     * email = ANY(?) AND erased_at IS NULL}, by the unique index on (tenant, email).
     */
    Map<EmailAddress, ClientId> findIdsByEmail(TenantId tenant, Collection<EmailAddress> emails);

    /**
     * The client this pass is linked to, if any (erasure unlinks every pass of the client). SQL: one
     * {@code SELECT client_id} served by the unique index on {@code (tenant_id, pass_number)}.
     */
    Optional<ClientId> findIdByPass(TenantId tenant, PassNumber pass);

    /**
     * One page of clients matching the query, sorted by {@link ClientSummary#sortKey()} then id.
     */
    Page<ClientSummary> search(TenantId tenant, ClientQuery query, PageRequest page);

    /**
     * How many clients match the query, per invitation status, with the erased clients the query
     * includes counted under {@link StatusCounts#erased()} only, whatever their status. SQL: one
     * {@code GROUP BY} over {@code erased_at IS NOT NULL} and the status.
     */
    StatusCounts countByStatus(TenantId tenant, ClientQuery query);

}
