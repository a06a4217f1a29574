package io.clientele.adapter.memory;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.GroupId;
import io.clientele.client.model.LabelId;
import io.clientele.client.model.PassNumber;
import io.clientele.client.model.StatusCounts;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * In-memory {@link ClientRepository}. Enforces email uniqueness among non-erased clients, pass
 * uniqueness and the optimistic version check atomically; {@link #findForUpdate} and {@link
 * #findAllForUpdate} take row locks of the {@link MemoryTransactions} it was built with, and so
 * does {@link #findMatchingForUpdate} for each client it returns, in id order, as a SQL {@code
 * SELECT ... FOR UPDATE} locks the rows it returns.
 *
 * <p>Keyed look-ups use indexes kept like the SQL indexes they stand for, so their cost does not
 * grow with the tenant: tenant and email to the non-erased client holding it (the partial unique
 * index), tenant and pass number to the client it is linked to, and each tenant's client ids in
 * order (the {@code (tenant_id, id)} key) that {@link #findMatching} walks from its position, so a
 * campaign's cost per client stays flat as the tenant grows, and each label's holders and each
 * group's members in id order (the keys of the tables that hold them in SQL), which a walk filtered
 * by a label or a group follows instead. The indexes change with every insert
 * and update (an email change, an erasure) and roll back with a failed unit of work. Free-text
 * searches and counts ({@link #search}, {@link #countByStatus}) scan the tenant's clients, which
 * suits tests and prototypes, not a million clients. Thread-safe.
 */
public final class InMemoryClientRepository implements ClientRepository, InspectableStore {

    private static final NavigableSet<UUID> EMPTY_IDS = Collections.emptyNavigableSet();

    private static final Comparator<ClientSummary> ORDER =
            Comparator.comparing(ClientSummary::sortKey).thenComparing(s -> s.id().value());

    private record Key(TenantId tenant, ClientId id) {
    }

    private record EmailKey(TenantId tenant, EmailAddress email) {
    }

    private record PassKey(TenantId tenant, PassNumber pass) {
    }

    private record LabelKey(TenantId tenant, LabelId label) {
    }

    private record GroupKey(TenantId tenant, GroupId group) {
    }

    private final MemoryTransactions tx;
    private final IndexedMap<Key, Client> clients;
    /** Every client id of each tenant, in id order (clients are never removed, only erased). */
    private final ConcurrentHashMap<TenantId, NavigableSet<UUID>> idsByTenant = new ConcurrentHashMap<>();
    /** The non-erased client holding each address: the unique index {@code WHERE erased_at IS NULL}. */
    private final VersionedMap<EmailKey, ClientId> byEmail;
    /** The client each pass is linked to (an erased client has none). */
    private final VersionedMap<PassKey, ClientId> byPass;
    /** Each label's holders, in id order: the {@code (tenant_id, label_id, client_id)} key. */
    private final ConcurrentHashMap<LabelKey, NavigableSet<UUID>> byLabel = new ConcurrentHashMap<>();
    /** Each group's members, in id order: the {@code (tenant_id, group_id, client_id)} key. */
    private final ConcurrentHashMap<GroupKey, NavigableSet<UUID>> byGroup = new ConcurrentHashMap<>();
    /** Stored rows read so far, for tests that show a look-up reads no more rows as the tenant grows. */
    private final AtomicLong rowsRead = new AtomicLong();

    public InMemoryClientRepository(MemoryTransactions tx) {
        this.tx = tx;
        this.clients = new IndexedMap<>(tx, List.of(new Holders<>(byLabel, Client::labels, LabelKey::new),
                new Holders<>(byGroup, Client::groups, GroupKey::new)));
        this.byEmail = new VersionedMap<>(tx);
        this.byPass = new VersionedMap<>(tx);
    }

    @Override
    public Optional<Client> find(TenantId tenant, ClientId id) {
        return row(new Key(tenant, id));
    }

    /** Each client once, however often {@code ids} names it, as SQL's {@code id = ANY(?)} answers. */
    @Override
    public List<Client> findAll(TenantId tenant, Collection<ClientId> ids) {
        List<Client> found = new ArrayList<>(ids.size());
        for (ClientId id : new LinkedHashSet<>(ids)) {
            row(new Key(tenant, id)).ifPresent(found::add);
        }
        return found;
    }

    @Override
    public List<Client> findMatching(TenantId tenant, ClientQuery query, ClientId after, int limit) {
        return walk(tenant, query, candidates(tenant, query).tailSet(after.value(), false), limit, false);
    }

    @Override
    public List<Client> findMatching(TenantId tenant, ClientQuery query, int limit) {
        return walk(tenant, query, candidates(tenant, query), limit, false);
    }

    @Override
    public List<Client> findMatchingForUpdate(TenantId tenant, ClientQuery query, ClientId after, int limit) {
        return walk(tenant, query, candidates(tenant, query).tailSet(after.value(), false), limit, true);
    }

    @Override
    public List<Client> findMatchingForUpdate(TenantId tenant, ClientQuery query, int limit) {
        return walk(tenant, query, candidates(tenant, query), limit, true);
    }

    /**
     * The ids a walk of the query follows, in id order: a label's holders or a group's members when
     * the query names one (as SQL would use that key), else every client id of the tenant.
     */
    private NavigableSet<UUID> candidates(TenantId tenant, ClientQuery query) {
        if (query.label().isPresent()) {
            return byLabel.getOrDefault(new LabelKey(tenant, query.label().get()), EMPTY_IDS);
        }
        if (query.group().isPresent()) {
            return byGroup.getOrDefault(new GroupKey(tenant, query.group().get()), EMPTY_IDS);
        }
        return tenantIds(tenant);
    }

    /**
     * Reads the ids in order until {@code limit} of them match: the rows before the start cost
     * nothing. With {@code lock}, a matching row is locked (waiting for a unit of work that holds it)
     * and read again, as {@code SELECT ... FOR UPDATE} re-checks a row it waited for; the locks are
     * taken as the walk goes, in id order (the lock order).
     */
    private List<Client> walk(TenantId tenant, ClientQuery query, NavigableSet<UUID> from, int limit, boolean lock) {
        List<Client> found = new ArrayList<>(Math.min(limit, 1024));
        for (UUID id : from) {
            if (found.size() >= limit) {
                break;
            }
            Key key = new Key(tenant, new ClientId(id));
            Optional<Client> row = row(key).filter(c -> matches(c, query));
            if (row.isPresent() && lock) {
                tx.lockRow(key);
                row = row(key).filter(c -> matches(c, query));
            }
            row.ifPresent(found::add);
        }
        return found;
    }

    /** Takes each row lock in client id order (the lock order), then reads the rows. */
    @Override
    public List<Client> findAllForUpdate(TenantId tenant, Collection<ClientId> ids) {
        List<Key> keys = ids.stream().distinct().sorted(Comparator.comparing(ClientId::value))
                .map(id -> new Key(tenant, id)).toList();
        keys.forEach(tx::lockRow);
        List<Client> found = new ArrayList<>(keys.size());
        for (Key key : keys) {
            row(key).ifPresent(found::add);
        }
        return found;
    }

    /** Takes the unit of work's row lock on the client ({@link MemoryTransactions#lockRow}), then reads it. */
    @Override
    public Optional<Client> findForUpdate(TenantId tenant, ClientId id) {
        Key key = new Key(tenant, id);
        tx.lockRow(key);
        return row(key);
    }

    @Override
    public synchronized Client insert(Client client) {
        Key key = new Key(client.tenantId(), client.id());
        if (clients.get(key).isPresent()) {
            throw new ConflictException(ConflictException.Reason.DUPLICATE, "client " + client.id() + " exists");
        }
        checkUnique(client);
        Client stored = client.withVersion(0);
        clients.put(key, stored);
        reindex(Optional.empty(), stored);
        NavigableSet<UUID> ids = idsByTenant.computeIfAbsent(client.tenantId(), t -> new ConcurrentSkipListSet<>());
        ids.add(client.id().value());
        tx.onRollback(() -> ids.remove(client.id().value()));
        return stored;
    }

    @Override
    public synchronized Client update(Client client) {
        Key key = new Key(client.tenantId(), client.id());
        Client current = clients.get(key).orElseThrow(() -> ConflictException.staleVersion("client", client.id()));
        if (current.version() != client.version()) {
            throw ConflictException.staleVersion("client", client.id());
        }
        checkUnique(client);
        Client stored = client.withVersion(client.version() + 1);
        clients.put(key, stored);
        reindex(Optional.of(current), stored);
        return stored;
    }

    /** Checks every version first, then stores each client; a uniqueness refusal puts back what it stored. */
    @Override
    public synchronized List<Client> updateAll(List<Client> batch) {
        List<Client> before = new ArrayList<>(batch.size());
        for (Client client : batch) {
            Client current = clients.get(new Key(client.tenantId(), client.id()))
                    .orElseThrow(() -> ConflictException.staleVersion("client", client.id()));
            if (current.version() != client.version()) {
                throw ConflictException.staleVersion("client", client.id());
            }
            before.add(current);
        }
        List<Client> stored = new ArrayList<>(batch.size());
        try {
            for (Client client : batch) {
                stored.add(update(client));
            }
        } catch (RuntimeException e) {
            for (int i = stored.size() - 1; i >= 0; i--) {
                Client previous = before.get(i);
                clients.put(new Key(previous.tenantId(), previous.id()), previous);
                reindex(Optional.of(stored.get(i)), previous);
            }
            throw e;
        }
        return stored;
    }

    /** Probes the email and pass indexes, as the unique indexes of a SQL table do on write. */
    private void checkUnique(Client client) {
        if (client.erased()) {
            return;
        }
        Optional<ClientId> emailHolder = client.details().email()
                .flatMap(email -> byEmail.get(new EmailKey(client.tenantId(), email)));
        if (emailHolder.filter(holder -> !holder.equals(client.id())).isPresent()) {
            throw ConflictException.duplicate("email", "another client of this tenant has this email address");
        }
        for (PassNumber pass : client.passes()) {
            if (byPass.get(new PassKey(client.tenantId(), pass)).filter(h -> !h.equals(client.id())).isPresent()) {
                throw ConflictException.duplicate("passNumber", "this pass is linked to another client");
            }
        }
    }

    /**
     * Moves the client's index entries from what it was to what it is: an erased client holds no
     * address and no pass any more, so both are free for another client at once.
     */
    private void reindex(Optional<Client> before, Client after) {
        TenantId tenant = after.tenantId();
        Optional<EmailAddress> oldEmail = before.filter(c -> !c.erased()).flatMap(c -> c.details().email());
        Optional<EmailAddress> newEmail = after.erased() ? Optional.empty() : after.details().email();
        if (!oldEmail.equals(newEmail)) {
            oldEmail.ifPresent(email -> byEmail.remove(new EmailKey(tenant, email), after.id()));
            newEmail.ifPresent(email -> byEmail.put(new EmailKey(tenant, email), after.id()));
        }
        Set<PassNumber> oldPasses = before.filter(c -> !c.erased()).map(Client::passes).orElse(Set.of());
        Set<PassNumber> newPasses = after.erased() ? Set.of() : after.passes();
        for (PassNumber pass : oldPasses) {
            if (!newPasses.contains(pass)) {
                byPass.remove(new PassKey(tenant, pass), after.id());
            }
        }
        for (PassNumber pass : newPasses) {
            if (!oldPasses.contains(pass)) {
                byPass.put(new PassKey(tenant, pass), after.id());
            }
        }
    }

    @Override
    public Optional<ClientId> findIdByEmail(TenantId tenant, EmailAddress email) {
        return byEmail.get(new EmailKey(tenant, email));
    }

    @Override
    public Map<EmailAddress, ClientId> findIdsByEmail(TenantId tenant, Collection<EmailAddress> emails) {
        Map<EmailAddress, ClientId> holders = new HashMap<>();
        for (EmailAddress email : emails) {
            findIdByEmail(tenant, email).ifPresent(id -> holders.put(email, id));
        }
        return holders;
    }

    @Override
    public Optional<ClientId> findIdByPass(TenantId tenant, PassNumber pass) {
        return byPass.get(new PassKey(tenant, pass));
    }

    @Override
    public Page<ClientSummary> search(TenantId tenant, ClientQuery query, PageRequest page) {
        Optional<ClientSummary.Position> after = page.after().map(ClientSummary.Position::of);
        List<ClientSummary> rows = tenantClients(tenant).stream()
                .filter(c -> matches(c, query))
                .map(ClientSummary::of)
                .filter(s -> after.map(p -> p.isBefore(s)).orElse(true))
                .sorted(ORDER)
                .limit(page.size() + 1L)
                .toList();
        return Page.fromLookahead(rows, page.size(), ClientSummary::cursor);
    }

    @Override
    public StatusCounts countByStatus(TenantId tenant, ClientQuery query) {
        StatusCounts counts = StatusCounts.NONE;
        for (Client client : tenantClients(tenant)) {
            if (matches(client, query)) {
                counts = counts.plus(client);
            }
        }
        return counts;
    }

    private List<Client> tenantClients(TenantId tenant) {
        List<Client> all = clients.values(c -> c.tenantId().equals(tenant));
        rowsRead.addAndGet(all.size());
        return all;
    }

    private NavigableSet<UUID> tenantIds(TenantId tenant) {
        return idsByTenant.getOrDefault(tenant, EMPTY_IDS);
    }

    /** One stored row, counted. */
    private Optional<Client> row(Key key) {
        rowsRead.incrementAndGet();
        return clients.get(key);
    }

    /**
     * How many stored rows this repository has read so far (keyed reads, walks and scans alike). A
     * test compares it before and after a look-up to show that the look-up reads the same number of
     * rows whatever the size of the tenant.
     */
    long rowsRead() {
        return rowsRead.get();
    }

    private static boolean matches(Client client, ClientQuery query) {
        if (client.erased() && !query.includeErased()) {
            return false;
        }
        if (query.status().isPresent() && client.invitationStatus() != query.status().get()) {
            return false;
        }
        if (query.label().isPresent() && !client.labels().contains(query.label().get())) {
            return false;
        }
        if (query.group().isPresent() && !client.groups().contains(query.group().get())) {
            return false;
        }
        if (query.bouncedOnly() && !client.emailBounced()) {
            return false;
        }
        return query.text().map(text -> matchesText(client, text)).orElse(true);
    }

    private static boolean matchesText(Client client, String text) {
        var details = client.details();
        if (Text.fold(details.name().fullName()).contains(text)
                || Text.fold(details.name().lastName() + " " + details.name().firstName()).contains(text)
                || details.email().map(e -> Text.fold(e.value()).contains(text)).orElse(false)) {
            return true;
        }
        String digits = text.replaceAll("[^0-9]", "");
        // a number typed in national format ("06 12...") drops its trunk prefix in E.164
        String national = digits.startsWith("0") ? digits.substring(1) : digits;
        return digits.length() >= 3
                && details.phone().map(p -> p.e164().contains(digits) || p.e164().contains(national)).orElse(false);
    }

    /**
     * Keeps one membership index (labels to holders, groups to members) in step with the rows; an
     * index entry left empty goes with its key.
     */
    private static final class Holders<T, K> implements IndexedMap.Index<Key, Client> {

        private final ConcurrentHashMap<K, NavigableSet<UUID>> index;
        private final Function<Client, Set<T>> of;
        private final BiFunction<TenantId, T, K> keyOf;

        Holders(ConcurrentHashMap<K, NavigableSet<UUID>> index, Function<Client, Set<T>> of,
                BiFunction<TenantId, T, K> keyOf) {
            this.index = index;
            this.of = of;
            this.keyOf = keyOf;
        }

        @Override
        public void add(Key key, Client client) {
            for (T item : of.apply(client)) {
                index.compute(keyOf.apply(key.tenant(), item), (k, ids) -> {
                    NavigableSet<UUID> set = ids == null ? new ConcurrentSkipListSet<>() : ids;
                    set.add(key.id().value());
                    return set;
                });
            }
        }

        @Override
        public void remove(Key key, Client client) {
            for (T item : of.apply(client)) {
                index.computeIfPresent(keyOf.apply(key.tenant(), item), (k, ids) -> {
                    ids.remove(key.id().value());
                    return ids.isEmpty() ? null : ids;
                });
            }
        }
    }

    @Override
    public String storeName() {
        return "clients";
    }

    @Override
    public List<Object> contents() {
        return clients.contents();
    }
}
