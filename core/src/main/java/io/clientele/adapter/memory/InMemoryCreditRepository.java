package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.CreditSummary;
import io.clientele.credit.port.CreditRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;

/**
 * In-memory {@link CreditRepository} with version-checked updates. Thread-safe.
 *
 * <p>Look-ups use indexes kept like the SQL indexes they stand for, so their cost does not grow
 * with the credits of other clients: a client's credits and ledger lines by {@code (tenant_id,
 * client_id)}, the redeemed credits of a booking by {@code (tenant_id, booking_ref)}, a source's
 * credits by {@code (tenant_id, source)}, and the redeemable credits with an expiry by expiry
 * (the sweep's partial index). The indexes change with the credits they hold and roll back with a
 * failed unit of work.
 */
public final class InMemoryCreditRepository implements CreditRepository, InspectableStore {

    /** Redemption order: soonest expiry first, no expiry last, then oldest issued, then id. */
    private static final Comparator<Credit> REDEMPTION_ORDER = Comparator
            .comparing((Credit c) -> c.expiresAt().orElse(Instant.MAX))
            .thenComparing(Credit::issuedAt)
            .thenComparing(Credit::id);

    private static final Comparator<Credit> NEWEST_ISSUED_FIRST =
            Comparator.comparing(Credit::issuedAt).thenComparing(Credit::id).reversed();

    private static final String ERASED = "[erased]";

    private record Key(TenantId tenant, CreditId id) {
    }

    private record ClientKey(TenantId tenant, ClientId client) {
    }

    private record BookingKey(TenantId tenant, String bookingRef) {
    }

    private record SourceKey(TenantId tenant, CreditSource source) {
    }

    /** A redeemable credit's place in the sweep's index: expiry, then tenant, then id. */
    private record Due(Instant expiresAt, TenantId tenant, CreditId id) implements Comparable<Due> {

        private static final Comparator<Due> ORDER = Comparator.comparing(Due::expiresAt)
                .thenComparing(Due::tenant, Comparator.comparing(TenantId::value))
                .thenComparing(Due::id);

        @Override
        public int compareTo(Due other) {
            return ORDER.compare(this, other);
        }
    }

    private final MemoryTransactions tx;
    private final ConcurrentHashMap<ClientKey, Set<Key>> byClient = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<BookingKey, Set<Key>> byBooking = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SourceKey, Set<Key>> bySource = new ConcurrentHashMap<>();
    /** The redeemable credits that have an expiry, soonest first: the sweep's index. */
    private final ConcurrentSkipListSet<Due> redeemableByExpiry = new ConcurrentSkipListSet<>();
    private final IndexedMap<Key, Credit> credits;
    /** Each client's ledger lines, in the order appended: the index on {@code (tenant_id, client_id)}. */
    private final ConcurrentHashMap<ClientKey, RollbackList<CreditChange>> changes = new ConcurrentHashMap<>();
    private final VersionedMap<SourceKey, Boolean> closedSources;

    public InMemoryCreditRepository(MemoryTransactions tx) {
        this.tx = tx;
        this.credits = new IndexedMap<>(tx, List.of(
                SetIndex.ofKeyFixedAtInsert(byClient, c -> new ClientKey(c.tenantId(), c.clientId())),
                SetIndex.ofChangingKey(byBooking, c -> c.state() == CreditState.REDEEMED
                        ? c.bookingRef().map(ref -> new BookingKey(c.tenantId(), ref))
                        : Optional.empty()),
                SetIndex.ofKeyFixedAtInsert(bySource, c -> new SourceKey(c.tenantId(), c.source())),
                new DueIndex()));
        this.closedSources = new VersionedMap<>(tx);
    }

    @Override
    public void closeSource(TenantId tenant, CreditSource source) {
        closedSources.put(new SourceKey(tenant, source), Boolean.TRUE);
    }

    @Override
    public boolean isSourceClosed(TenantId tenant, CreditSource source) {
        return closedSources.get(new SourceKey(tenant, source)).isPresent();
    }

    @Override
    public Optional<Credit> find(TenantId tenant, CreditId id) {
        return credits.get(new Key(tenant, id));
    }

    @Override
    public synchronized void insertAll(List<Credit> list) {
        for (Credit credit : list) {
            Key key = new Key(credit.tenantId(), credit.id());
            if (credits.get(key).isPresent()) {
                throw ConflictException.duplicate("id", "credit " + credit.id() + " exists");
            }
            credits.put(key, credit.withVersion(0));
        }
    }

    @Override
    public synchronized Credit update(Credit credit) {
        Key key = new Key(credit.tenantId(), credit.id());
        Credit current = credits.get(key).orElseThrow(() -> ConflictException.staleVersion("credit", credit.id()));
        if (current.version() != credit.version()) {
            throw ConflictException.staleVersion("credit", credit.id());
        }
        Credit stored = credit.withVersion(credit.version() + 1);
        credits.put(key, stored);
        return stored;
    }

    /** Checks and writes under the monitor, as one conditional {@code UPDATE} is atomic in SQL. */
    @Override
    public synchronized List<Credit> expireDue(TenantId tenant, Collection<CreditId> ids, Instant now,
            String actor) {
        List<Credit> expired = new ArrayList<>();
        for (CreditId id : ids.stream().distinct().sorted().toList()) {
            Key key = new Key(tenant, id);
            Optional<Credit> due = credits.get(key).filter(c -> c.isUnrecordedExpiry(now));
            if (due.isPresent()) {
                Credit changed = due.get().expire(actor, now);
                Credit stored = changed.withVersion(changed.version() + 1);
                credits.put(key, stored);
                expired.add(stored);
            }
        }
        return expired;
    }

    @Override
    public void append(CreditChange change) {
        ledgerOf(change.tenantId(), change.clientId()).add(change);
    }

    @Override
    public void appendAll(List<CreditChange> list) {
        Map<ClientKey, List<CreditChange>> perClient = new LinkedHashMap<>();
        for (CreditChange change : list) {
            perClient.computeIfAbsent(new ClientKey(change.tenantId(), change.clientId()), k -> new ArrayList<>())
                    .add(change);
        }
        perClient.forEach((client, lines) -> ledgerOf(client.tenant(), client.client()).addAll(lines));
    }

    @Override
    public List<Credit> listForClient(TenantId tenant, ClientId client) {
        return ofClient(tenant, client).stream().sorted(NEWEST_ISSUED_FIRST).toList();
    }

    @Override
    public List<Credit> listForClient(TenantId tenant, ClientId client, CreditState state, Instant now) {
        return ofClient(tenant, client).stream().filter(c -> c.stateAt(now) == state)
                .sorted(NEWEST_ISSUED_FIRST).toList();
    }

    @Override
    public Page<Credit> pageForClient(TenantId tenant, ClientId client, PageRequest page) {
        return NewestFirst.page(ofClient(tenant, client), Credit::issuedAt, c -> c.id().value(), page);
    }

    @Override
    public Page<Credit> pageForClient(TenantId tenant, ClientId client, CreditState state, Instant now,
            PageRequest page) {
        return NewestFirst.page(ofClient(tenant, client).stream().filter(c -> c.stateAt(now) == state).toList(),
                Credit::issuedAt, c -> c.id().value(), page);
    }

    @Override
    public Map<CreditState, Long> countByState(TenantId tenant, ClientId client, Instant now) {
        Map<CreditState, Long> counts = new EnumMap<>(CreditState.class);
        for (Credit c : ofClient(tenant, client)) {
            counts.merge(c.stateAt(now), 1L, Long::sum);
        }
        return counts;
    }

    /** One pass over the client's credits, as {@link #listForClient(TenantId, ClientId)} reads them. */
    @Override
    public CreditSummary summaryForClient(TenantId tenant, ClientId client, Instant now, int limit) {
        List<Credit> all = listForClient(tenant, client);
        Map<CreditState, Long> counts = new EnumMap<>(CreditState.class);
        for (Credit c : all) {
            counts.merge(c.stateAt(now), 1L, Long::sum);
        }
        return new CreditSummary(counts, all.subList(0, Math.min(limit, all.size())));
    }

    @Override
    public List<Credit> redeemable(TenantId tenant, ClientId client, Instant now, int limit) {
        return ofClient(tenant, client).stream().filter(c -> c.isRedeemableAt(now))
                .sorted(REDEMPTION_ORDER).limit(limit).toList();
    }

    @Override
    public List<Credit> redeemedFor(TenantId tenant, String bookingRef) {
        return through(byBooking, new BookingKey(tenant, bookingRef)).stream()
                .filter(c -> c.state() == CreditState.REDEEMED && c.bookingRef().equals(Optional.of(bookingRef)))
                .toList();
    }

    @Override
    public List<Credit> fromSource(TenantId tenant, CreditSource source) {
        return through(bySource, new SourceKey(tenant, source)).stream().sorted(Comparator.comparing(Credit::id))
                .toList();
    }

    /** Walks the sweep's index from the soonest expiry: reads the due credits and no other. */
    @Override
    public List<Credit> dueForExpiry(Instant now, int limit) {
        List<Credit> due = new ArrayList<>();
        for (Due entry : redeemableByExpiry) {
            if (due.size() >= limit || entry.expiresAt().isAfter(now)) {
                break;
            }
            credits.get(new Key(entry.tenant(), entry.id())).filter(c -> c.isUnrecordedExpiry(now))
                    .ifPresent(due::add);
        }
        return due;
    }

    @Override
    public synchronized void eraseReasons(TenantId tenant, ClientId client) {
        for (Credit c : ofClient(tenant, client)) {
            credits.put(new Key(tenant, c.id()), new Credit(c.id(), c.tenantId(), c.clientId(), c.source(), c.issuedAt(),
                    c.expiresAt(), c.state(), c.bookingRef(), c.changedBy(), ERASED, c.changedAt(), c.version()));
        }
        ledgerOf(tenant, client).replaceAll(ch -> new CreditChange(ch.id(), ch.tenantId(), ch.clientId(), ch.creditId(),
                ch.from(), ch.to(), ch.at(), ch.actor(), ERASED));
    }

    @Override
    public List<CreditChange> changes(TenantId tenant, ClientId client) {
        RollbackList<CreditChange> lines = changes.get(new ClientKey(tenant, client));
        return lines == null ? List.of() : lines.snapshot();
    }

    /** How many times a call scanned every credit so far (none does); for tests. */
    long scans() {
        return credits.scans();
    }

    @Override
    public String storeName() {
        return "credits";
    }

    @Override
    public List<Object> contents() {
        List<Object> all = credits.contents();
        changes.values().forEach(lines -> all.addAll(lines.contents()));
        return all;
    }

    /** The client's credits as they are now, through the client index. */
    private List<Credit> ofClient(TenantId tenant, ClientId client) {
        return through(byClient, new ClientKey(tenant, client));
    }

    private List<Credit> through(ConcurrentHashMap<?, Set<Key>> index, Object indexKey) {
        List<Credit> found = new ArrayList<>();
        for (Key key : index.getOrDefault(indexKey, Set.of())) {
            credits.get(key).ifPresent(found::add);
        }
        return found;
    }

    /**
     * The client's ledger. A list created for a line that a rollback takes out again stays, empty:
     * the client's next line goes into it.
     */
    private RollbackList<CreditChange> ledgerOf(TenantId tenant, ClientId client) {
        return changes.computeIfAbsent(new ClientKey(tenant, client), k -> new RollbackList<>(tx));
    }

    /**
     * An index from a key a credit may have to the credits that have it. For a key that changes
     * with the credit's state (the booking a redeemed credit paid for), an entry leaves when its
     * credit no longer has the key, and a key left without entries goes. For a key fixed when the
     * credit is inserted (its client, its source), entries are only added: taking an entry out
     * while its credit is rewritten would hide the credit from a concurrent look-up for that
     * moment, and the only entry that loses its credit, that of an insert rolled back, points at
     * nothing, which {@link #through} skips.
     */
    private static final class SetIndex<I> implements IndexedMap.Index<Key, Credit> {

        private final ConcurrentHashMap<I, Set<Key>> index;
        private final Function<Credit, Optional<I>> keyOf;
        private final boolean keyChanges;

        private SetIndex(ConcurrentHashMap<I, Set<Key>> index, Function<Credit, Optional<I>> keyOf,
                boolean keyChanges) {
            this.index = index;
            this.keyOf = keyOf;
            this.keyChanges = keyChanges;
        }

        static <I> SetIndex<I> ofKeyFixedAtInsert(ConcurrentHashMap<I, Set<Key>> index, Function<Credit, I> keyOf) {
            return new SetIndex<>(index, c -> Optional.of(keyOf.apply(c)), false);
        }

        static <I> SetIndex<I> ofChangingKey(ConcurrentHashMap<I, Set<Key>> index,
                Function<Credit, Optional<I>> keyOf) {
            return new SetIndex<>(index, keyOf, true);
        }

        @Override
        public void add(Key key, Credit credit) {
            keyOf.apply(credit).ifPresent(indexKey -> index.compute(indexKey, (k, keys) -> {
                Set<Key> kept = keys == null ? ConcurrentHashMap.newKeySet() : keys;
                kept.add(key);
                return kept;
            }));
        }

        @Override
        public void remove(Key key, Credit credit) {
            if (!keyChanges) {
                return;
            }
            keyOf.apply(credit).ifPresent(indexKey -> index.computeIfPresent(indexKey, (k, keys) -> {
                keys.remove(key);
                return keys.isEmpty() ? null : keys;
            }));
        }
    }

    /** Keeps {@link #redeemableByExpiry}: a credit is in it while it is stored redeemable with an expiry. */
    private final class DueIndex implements IndexedMap.Index<Key, Credit> {

        @Override
        public void add(Key key, Credit credit) {
            if (credit.state() == CreditState.REDEEMABLE) {
                credit.expiresAt().ifPresent(at -> redeemableByExpiry.add(new Due(at, key.tenant(), key.id())));
            }
        }

        @Override
        public void remove(Key key, Credit credit) {
            credit.expiresAt().ifPresent(at -> redeemableByExpiry.remove(new Due(at, key.tenant(), key.id())));
        }
    }
}
