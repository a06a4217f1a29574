package io.clientele.adapter.jpa;

import io.clientele.adapter.jpa.ClientTables.AddressRow;
import io.clientele.adapter.jpa.ClientTables.ClientRow;
import io.clientele.adapter.jpa.ClientTables.GroupRow;
import io.clientele.adapter.jpa.ClientTables.LabelRow;
import io.clientele.adapter.jpa.ClientTables.PassRow;
import io.clientele.client.model.Address;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.GroupId;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.LabelId;
import io.clientele.client.model.PassNumber;
import io.clientele.client.model.StatusCounts;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@link ClientRepository} on the tables of {@link ClientTables}: a client row and the rows of its
 * addresses, labels, groups and passes.
 *
 * <ul>
 *   <li>Reads ({@link #find}, {@link #findAll}, {@link #findMatching}, {@link #search}) are one
 *       statement each, the client rows and their collections' rows together ({@link ClientSql});
 *       nothing they read stays managed in the unit of work.
 *   <li>Locks ({@link #findForUpdate}, {@link #findAllForUpdate}, {@link #findMatchingForUpdate})
 *       are one {@code SELECT ... FOR UPDATE} for all the clients, in id order, then one read of
 *       them: that second statement sees what the unit of work that held a lock committed, its
 *       collection rows included, which the locking statement's own snapshot does not. On H2, a
 *       locked walk reads its ids first and then locks them by id, since H2's {@code ORDER BY ...
 *       LIMIT ... FOR UPDATE} locks every row the condition matches.
 *   <li>Writes are batched: an insert persists the client row, then its collection rows (a JDBC
 *       batch each); {@link #updateAll} (and {@link #update}, a batch of one) first locks and reads
 *       the client rows of the whole batch in one {@code SELECT ... FOR UPDATE} in (tenant, id)
 *       order, checks every version there, before anything is written (so a stale batch writes
 *       nothing, even for a caller that catches the conflict, and two batches never deadlock), then
 *       loads the collection rows (one statement per table), and flushes the changes as JDBC
 *       batches: the client rows with their versions raised by one, the collection rows removed,
 *       then those added. The version is checked under the row lock the update takes anyway, rather
 *       than by a JPA {@code @Version}, which would leave the version as it was for a client whose
 *       row did not change but whose collections did.
 *   <li>{@link #updateInvitationStates} (the mail dispatcher's results) is two statements per
 *       tenant whatever the batch: the versions read under the rows' locks, then one update of the
 *       invitation status, rejection time, update time and version of every client.
 *   <li>The unique constraints ({@code client_email_uq} on the email of clients not erased, {@code
 *       client_pass_number_uq} on pass numbers, {@code client_pk}) answer {@link ConflictException}
 *       {@code DUPLICATE} at the call.
 * </ul>
 *
 * <p>Thread-safe: state lives in the caller's unit of work.
 */
final class JpaClientRepository implements ClientRepository {

    private static final Map<String, String> CONSTRAINTS = Map.of(
            "client_email_uq", "email",
            "client_pass_number_uq", "passNumber",
            "client_pk", "id");

    /** The statements of each database, built once. */
    private static final Map<SqlDialect, ClientSql> STATEMENTS = Map.of(
            SqlDialect.POSTGRESQL, new ClientSql(SqlDialect.POSTGRESQL),
            SqlDialect.H2, new ClientSql(SqlDialect.H2));

    /** What {@link #updateInvitationStates} writes, from its {@code VALUES} rows. */
    private static final String STATE_VALUES = "v(id, status, rejected, rejected_at, updated_at)";
    private static final String STATE_SET = "invitation_status = v.status,"
            + " email_rejected_at = CASE v.rejected WHEN 'Y' THEN v.rejected_at ELSE NULL END,"
            + " updated_at = v.updated_at, version = c.version + 1";
    private static final String STATE_MATCH = "c.tenant_id = :tenant AND c.id = v.id";

    private final EntityManagerAccess access;
    private final SqlDialect.Detected dialect;

    JpaClientRepository(EntityManagerAccess access) {
        this.access = access;
        this.dialect = new SqlDialect.Detected(access);
    }

    private ClientSql sql() {
        return STATEMENTS.get(dialect.get());
    }

    private List<Client> read(TenantId tenant, ClientSql.Statement statement) {
        return ClientRows.clients(tenant, statement.rows(access.current(), ClientTables.READ_MAPPING));
    }

    private List<UUID> ids(ClientSql.Statement statement) {
        return statement.rows(access.current(), ClientTables.ID_MAPPING).stream().map(r -> (UUID) r[0]).toList();
    }

    @Override
    public Optional<Client> find(TenantId tenant, ClientId id) {
        return read(tenant, sql().byId(tenant, id.value())).stream().findFirst();
    }

    @Override
    public List<Client> findAll(TenantId tenant, Collection<ClientId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return read(tenant, sql().byIds(tenant, distinct(ids)));
    }

    @Override
    public List<Client> findMatching(TenantId tenant, ClientQuery query, ClientId after, int limit) {
        return walk(tenant, query, Optional.of(after.value()), limit);
    }

    @Override
    public List<Client> findMatching(TenantId tenant, ClientQuery query, int limit) {
        return walk(tenant, query, Optional.empty(), limit);
    }

    private List<Client> walk(TenantId tenant, ClientQuery query, Optional<UUID> after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return read(tenant, sql().walk(tenant, query, after, limit));
    }

    @Override
    public List<Client> findMatchingForUpdate(TenantId tenant, ClientQuery query, ClientId after, int limit) {
        return lockedWalk(tenant, query, Optional.of(after.value()), limit);
    }

    @Override
    public List<Client> findMatchingForUpdate(TenantId tenant, ClientQuery query, int limit) {
        return lockedWalk(tenant, query, Optional.empty(), limit);
    }

    /**
     * Locks the next clients of the walk, then reads those that still match. A client the lock
     * statement returned may have stopped matching while it waited for the lock in a way the
     * database does not re-check (a label or group row removed); the re-read leaves it out, and the
     * walk locks further clients in its place, so a chunk is short only at the end of the walk. That
     * further statement is only ever needed after such a race.
     */
    private List<Client> lockedWalk(TenantId tenant, ClientQuery query, Optional<UUID> after, int limit) {
        ClientSql sql = sql();
        List<Client> found = new ArrayList<>();
        Optional<UUID> position = after;
        // H2 would lock every matching row with the walk's ORDER BY ... LIMIT ... FOR UPDATE: there
        // the walk reads the ids, then locks them by id
        boolean h2 = dialect.get() == SqlDialect.H2;
        while (found.size() < limit) {
            int wanted = limit - found.size();
            List<UUID> walked = ids(h2 ? sql.walkIds(tenant, query, position, wanted)
                    : sql.lockWalk(tenant, query, position, wanted));
            if (walked.isEmpty()) {
                break;
            }
            List<UUID> locked = h2 ? ids(sql.lockIds(tenant, walked)) : walked;
            if (!locked.isEmpty()) {
                found.addAll(read(tenant, sql.byIdsMatching(tenant, locked, query)));
            }
            if (walked.size() < wanted) {
                break;
            }
            position = Optional.of(walked.get(walked.size() - 1));
        }
        return found;
    }

    @Override
    public List<Client> findAllForUpdate(TenantId tenant, Collection<ClientId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        ClientSql sql = sql();
        List<UUID> locked = ids(sql.lockIds(tenant, distinct(ids)));
        return locked.isEmpty() ? List.of() : read(tenant, sql.byIds(tenant, locked));
    }

    @Override
    public Optional<Client> findForUpdate(TenantId tenant, ClientId id) {
        ClientSql sql = sql();
        List<UUID> locked = ids(sql.lockIds(tenant, List.of(id.value())));
        return locked.isEmpty() ? Optional.empty() : read(tenant, sql.byId(tenant, id.value())).stream().findFirst();
    }

    @Override
    public Client insert(Client client) {
        EntityManager em = access.current();
        ClientRow row = ClientRows.clientRow(client, 0);
        List<Object> collections = ClientRows.collectionRows(client, row.sortKey);
        persist(em, List.of(row));
        // the client row first: the collection rows' foreign keys need it, and the two kinds of
        // rows have no mapped association by which Hibernate would order their inserts itself
        persist(em, collections);
        em.detach(row);
        collections.forEach(em::detach);
        return client.withVersion(0);
    }

    private static void persist(EntityManager em, List<?> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            rows.forEach(em::persist);
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, CONSTRAINTS);
        }
        SqlErrors.flush(em, CONSTRAINTS);
    }

    @Override
    public Client update(Client client) {
        return updateAll(List.of(client)).get(0);
    }

    /**
     * A batch's clients per tenant, tenants in the lock order; a client named twice is {@code
     * STALE_VERSION}, since its second change is made on a version the first one raised.
     */
    private static Map<TenantId, List<Client>> byTenantOnce(List<Client> clients) {
        Set<TenantScopedKey> keys = new HashSet<>();
        Map<TenantId, List<Client>> byTenant = new TreeMap<>(Comparator.comparing(TenantId::value));
        for (Client client : clients) {
            if (!keys.add(key(client))) {
                throw ConflictException.staleVersion("client", client.id());
            }
            byTenant.computeIfAbsent(client.tenantId(), t -> new ArrayList<>()).add(client);
        }
        return byTenant;
    }

    @Override
    public List<Client> updateAll(List<Client> clients) {
        if (clients.isEmpty()) {
            return List.of();
        }
        Map<TenantId, List<Client>> byTenant = byTenantOnce(clients);
        EntityManager em = access.current();

        Map<TenantScopedKey, ClientRow> stored = new HashMap<>();
        byTenant.forEach((tenant, batch) -> lockRows(em, tenant, batch).forEach(r -> stored.put(key(r), r)));
        for (Client client : clients) {
            ClientRow row = stored.get(key(client));
            if (row == null || row.version != client.version()) {
                stored.values().forEach(em::detach);
                throw ConflictException.staleVersion("client", client.id());
            }
        }

        LoadedItems loaded = new LoadedItems();
        byTenant.forEach((tenant, batch) -> loaded.load(em, tenant, batch));
        List<Object> added = new ArrayList<>();
        for (Client client : clients) {
            ClientRow row = stored.get(key(client));
            ClientRows.fill(row, client, client.version() + 1);
            loaded.change(em, client, row.sortKey, added);
        }
        // updates and removals first: a pass or address moved between the batch's clients is free
        // again before it is inserted for its new holder (Hibernate flushes inserts before removals)
        flush(em, clients);
        added.forEach(em::persist);
        flush(em, clients);
        stored.values().forEach(em::detach);
        loaded.detach(em);
        added.forEach(em::detach);
        return clients.stream().map(c -> c.withVersion(c.version() + 1)).toList();
    }

    /**
     * The versions are read under the rows' locks first, for the whole batch, so a stale batch writes
     * nothing; then one statement per {@value ValuesList#MAX_ROWS} clients of a tenant writes the
     * three columns and the version (PostgreSQL's {@code UPDATE ... FROM (VALUES ...)}, H2's {@code
     * MERGE ... USING (VALUES ...)}). Neither the other columns, which keep their values, nor the
     * collection tables are read or written.
     */
    @Override
    public List<Client> updateInvitationStates(List<Client> clients) {
        if (clients.isEmpty()) {
            return List.of();
        }
        Map<TenantId, List<Client>> byTenant = byTenantOnce(clients);
        EntityManager em = access.current();
        byTenant.forEach((tenant, batch) -> checkVersions(em, tenant, batch));
        boolean postgresql = dialect.get() == SqlDialect.POSTGRESQL;
        byTenant.forEach((tenant, batch) -> {
            for (List<Client> chunk : ValuesList.chunks(batch)) {
                ValuesList values = new ValuesList("s", "uuid", "varchar", "varchar", "timestamp with time zone",
                        "timestamp with time zone");
                // a cell is never null: whether the address is rejected is a column of its own
                chunk.forEach(c -> values.add(c.id().value(), c.invitationStatus().name(),
                        c.emailRejectedAt().isPresent() ? "Y" : "N", c.emailRejectedAt().orElse(Instant.EPOCH),
                        c.updatedAt()));
                String sql = postgresql
                        ? "UPDATE client c SET " + STATE_SET + " FROM (" + values.sql() + ") AS " + STATE_VALUES
                                + " WHERE " + STATE_MATCH
                        : "MERGE INTO client c USING (" + values.sql() + ") AS " + STATE_VALUES + " ON " + STATE_MATCH
                                + " WHEN MATCHED THEN UPDATE SET " + STATE_SET;
                values.bind(em.createNativeQuery(sql)).setParameter("tenant", tenant.value()).executeUpdate();
            }
        });
        return clients.stream().map(c -> c.withVersion(c.version() + 1)).toList();
    }

    /** Locks one tenant's clients of a batch in id order and checks their versions; STALE_VERSION otherwise. */
    private static void checkVersions(EntityManager em, TenantId tenant, List<Client> batch) {
        Map<UUID, Long> stored = new HashMap<>();
        for (List<Client> chunk : ValuesList.chunks(batch)) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT id, version FROM client WHERE tenant_id = :tenant"
                            + " AND id IN (:ids) ORDER BY id FOR UPDATE", ClientTables.VERSION_MAPPING)
                    .setParameter("tenant", tenant.value())
                    .setParameter("ids", chunk.stream().map(c -> c.id().value()).toList())
                    .getResultList();
            rows.forEach(r -> stored.put((UUID) r[0], ((Number) r[1]).longValue()));
        }
        for (Client client : batch) {
            Long version = stored.get(client.id().value());
            if (version == null || version != client.version()) {
                throw ConflictException.staleVersion("client", client.id());
            }
        }
    }

    /** Locks and loads the client rows of one tenant's part of a batch, in id order (the lock order). */
    private static List<ClientRow> lockRows(EntityManager em, TenantId tenant, List<Client> batch) {
        return em.createQuery("select c from ClientRow c where c.tenantId = :tenant and c.id in :ids"
                        + " order by c.id", ClientRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("ids", batch.stream().map(c -> c.id().value()).toList())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    private static void flush(EntityManager em, List<Client> batch) {
        try {
            SqlErrors.flush(em, CONSTRAINTS);
        } catch (OptimisticLockException e) {
            // the rows are locked and their versions checked: only a row changed behind the lock gets here
            throw ConflictException.staleVersion("client", batch.get(0).id());
        }
    }

    /**
     * The collection rows of a batch's clients, loaded as entities (one statement per table and
     * tenant) so that changing them is a JDBC batch per kind of change.
     */
    private static final class LoadedItems {
        private final Map<TenantScopedKey, List<LabelRow>> labels = new HashMap<>();
        private final Map<TenantScopedKey, List<GroupRow>> groups = new HashMap<>();
        private final Map<TenantScopedKey, List<PassRow>> passes = new HashMap<>();
        private final Map<TenantScopedKey, List<AddressRow>> addresses = new HashMap<>();
        private final List<Object> all = new ArrayList<>();

        void load(EntityManager em, TenantId tenant, List<Client> batch) {
            List<UUID> ids = batch.stream().map(c -> c.id().value()).toList();
            group(load(em, "ClientLabelRow", LabelRow.class, tenant, ids), labels, r -> r.tenantId, r -> r.clientId);
            group(load(em, "ClientGroupRow", GroupRow.class, tenant, ids), groups, r -> r.tenantId, r -> r.clientId);
            group(load(em, "ClientPassRow", PassRow.class, tenant, ids), passes, r -> r.tenantId, r -> r.clientId);
            group(load(em, "ClientAddressRow", AddressRow.class, tenant, ids), addresses, r -> r.tenantId,
                    r -> r.clientId);
        }

        private static <R> List<R> load(EntityManager em, String entity, Class<R> type, TenantId tenant,
                List<UUID> ids) {
            return em.createQuery("select r from " + entity + " r where r.tenantId = :tenant and r.clientId in :ids",
                            type)
                    .setParameter("tenant", tenant.value())
                    .setParameter("ids", ids)
                    .getResultList();
        }

        private <R> void group(List<R> rows, Map<TenantScopedKey, List<R>> into, Function<R, String> tenant,
                Function<R, UUID> client) {
            for (R row : rows) {
                into.computeIfAbsent(new TenantScopedKey(tenant.apply(row), client.apply(row)),
                        k -> new ArrayList<>()).add(row);
                all.add(row);
            }
        }

        /**
         * Turns the loaded rows of {@code client} into what it holds now: rows it no longer holds
         * removed, kept rows changed in place (the labels' and groups' copy of the sort key, an
         * address's fields and position), new rows added to {@code added}.
         */
        void change(EntityManager em, Client client, byte[] sortKey, List<Object> added) {
            TenantScopedKey key = key(client);
            Set<LabelId> newLabels = new LinkedHashSet<>(client.labels());
            for (LabelRow row : labels.getOrDefault(key, List.of())) {
                if (!newLabels.remove(new LabelId(row.labelId))) {
                    em.remove(row);
                } else if (!Arrays.equals(row.sortKey, sortKey)) {
                    row.sortKey = sortKey;
                }
            }
            newLabels.forEach(label -> added.add(ClientRows.labelRow(client, label, sortKey)));

            Set<GroupId> newGroups = new LinkedHashSet<>(client.groups());
            for (GroupRow row : groups.getOrDefault(key, List.of())) {
                if (!newGroups.remove(new GroupId(row.groupId))) {
                    em.remove(row);
                } else if (!Arrays.equals(row.sortKey, sortKey)) {
                    row.sortKey = sortKey;
                }
            }
            newGroups.forEach(group -> added.add(ClientRows.groupRow(client, group, sortKey)));

            Set<PassNumber> newPasses = new LinkedHashSet<>(client.passes());
            for (PassRow row : passes.getOrDefault(key, List.of())) {
                if (!newPasses.remove(new PassNumber(row.passNumber))) {
                    em.remove(row);
                }
            }
            newPasses.forEach(pass -> added.add(ClientRows.passRow(client, pass)));

            Map<UUID, AddressRow> oldAddresses = new HashMap<>();
            addresses.getOrDefault(key, List.of()).forEach(row -> oldAddresses.put(row.id, row));
            List<Address> now = client.addresses();
            for (int position = 0; position < now.size(); position++) {
                Address address = now.get(position);
                AddressRow row = oldAddresses.remove(address.id().value());
                if (row == null) {
                    added.add(ClientRows.addressRow(client, address, position));
                } else {
                    ClientRows.fill(row, address, position);
                }
            }
            oldAddresses.values().forEach(em::remove);
        }

        void detach(EntityManager em) {
            all.forEach(em::detach);
        }
    }

    @Override
    public Optional<ClientId> findIdByEmail(TenantId tenant, EmailAddress email) {
        return Optional.ofNullable(findIdsByEmail(tenant, List.of(email)).get(email));
    }

    @Override
    public Map<EmailAddress, ClientId> findIdsByEmail(TenantId tenant, Collection<EmailAddress> emails) {
        if (emails.isEmpty()) {
            return Map.of();
        }
        Map<String, EmailAddress> asked = new HashMap<>();
        emails.forEach(e -> asked.put(e.value(), e));
        List<Object[]> rows = sql().idsByEmail(tenant, List.copyOf(asked.keySet()))
                .rows(access.current(), ClientTables.EMAIL_MAPPING);
        Map<EmailAddress, ClientId> holders = new HashMap<>();
        rows.forEach(r -> holders.put(asked.get((String) r[0]), new ClientId((UUID) r[1])));
        return holders;
    }

    @Override
    public Optional<ClientId> findIdByPass(TenantId tenant, PassNumber pass) {
        return access.current().createQuery("select p.clientId from ClientPassRow p where p.tenantId = :tenant"
                        + " and p.passNumber = :pass", UUID.class)
                .setParameter("tenant", tenant.value())
                .setParameter("pass", pass.value())
                .getResultStream()
                .findFirst()
                .map(ClientId::new);
    }

    @Override
    public Page<ClientSummary> search(TenantId tenant, ClientQuery query, PageRequest page) {
        Optional<ClientSummary.Position> after = page.after().map(ClientSummary.Position::of);
        List<ClientSummary> rows = ClientRows.summaries(sql().page(tenant, query, after, page.size() + 1)
                .rows(access.current(), ClientTables.READ_MAPPING));
        return Page.fromLookahead(rows, page.size(), ClientSummary::cursor);
    }

    @Override
    public StatusCounts countByStatus(TenantId tenant, ClientQuery query) {
        long added = 0;
        long invited = 0;
        long accepted = 0;
        long erased = 0;
        List<Object[]> rows = sql().countByStatus(tenant, query).rows(access.current(), ClientTables.COUNT_MAPPING);
        for (Object[] r : rows) {
            long n = (Long) r[2];
            if ((Boolean) r[0]) {
                erased += n;
            } else {
                switch (InvitationStatus.valueOf((String) r[1])) {
                    case ADDED -> added += n;
                    case INVITED -> invited += n;
                    case ACCEPTED -> accepted += n;
                }
            }
        }
        return new StatusCounts(added, invited, accepted, erased);
    }

    private static List<UUID> distinct(Collection<ClientId> ids) {
        return ids.stream().map(ClientId::value).distinct().toList();
    }

    private static TenantScopedKey key(Client client) {
        return new TenantScopedKey(client.tenantId().value(), client.id().value());
    }

    private static TenantScopedKey key(ClientRow row) {
        return new TenantScopedKey(row.tenantId, row.id);
    }
}
