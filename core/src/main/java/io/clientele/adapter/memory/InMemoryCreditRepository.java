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
import io.clientele.credit.port.CreditRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory {@link CreditRepository} with version-checked updates. The pages of a client's credits
 * read that client's credits only, through an index on tenant and client. Thread-safe.
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

    private record SourceKey(TenantId tenant, CreditSource source) {
    }

    private final VersionedMap<Key, Credit> credits;
    private final RollbackList<CreditChange> changes;
    private final VersionedMap<SourceKey, Boolean> closedSources;
    private final RowIndex<RowIndex.OfClient, CreditId> byClient;

    public InMemoryCreditRepository(MemoryTransactions tx) {
        this.credits = new VersionedMap<>(tx);
        this.byClient = new RowIndex<>(tx);
        this.changes = new RollbackList<>(tx);
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
            byClient.add(RowIndex.ofClient(credit.tenantId(), credit.clientId()), credit.id());
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

    @Override
    public void append(CreditChange change) {
        changes.add(change);
    }

    @Override
    public List<Credit> listForClient(TenantId tenant, ClientId client) {
        return held(tenant, client).stream().sorted(NEWEST_ISSUED_FIRST).toList();
    }

    @Override
    public List<Credit> listForClient(TenantId tenant, ClientId client, CreditState state, Instant now) {
        return held(tenant, client).stream().filter(c -> c.stateAt(now) == state)
                .sorted(NEWEST_ISSUED_FIRST).toList();
    }

    @Override
    public Page<Credit> pageForClient(TenantId tenant, ClientId client, PageRequest page) {
        return NewestFirst.page(held(tenant, client), Credit::issuedAt, c -> c.id().value(), page);
    }

    @Override
    public Page<Credit> pageForClient(TenantId tenant, ClientId client, CreditState state, Instant now,
            PageRequest page) {
        return NewestFirst.page(held(tenant, client).stream().filter(c -> c.stateAt(now) == state).toList(),
                Credit::issuedAt, c -> c.id().value(), page);
    }

    /** The client's credits as they are now, through the client index. */
    private List<Credit> held(TenantId tenant, ClientId client) {
        return byClient.keys(RowIndex.ofClient(tenant, client)).stream()
                .flatMap(id -> credits.get(new Key(tenant, id)).stream())
                .toList();
    }

    @Override
    public Map<CreditState, Long> countByState(TenantId tenant, ClientId client, Instant now) {
        Map<CreditState, Long> counts = new EnumMap<>(CreditState.class);
        for (Credit c : held(tenant, client)) {
            counts.merge(c.stateAt(now), 1L, Long::sum);
        }
        return counts;
    }

    @Override
    public List<Credit> redeemable(TenantId tenant, ClientId client, Instant now, int limit) {
        return held(tenant, client).stream().filter(c -> c.isRedeemableAt(now))
                .sorted(REDEMPTION_ORDER).limit(limit).toList();
    }

    @Override
    public List<Credit> redeemedFor(TenantId tenant, String bookingRef) {
        return credits.values(c -> c.tenantId().equals(tenant) && c.state() == CreditState.REDEEMED
                && c.bookingRef().equals(Optional.of(bookingRef)));
    }

    @Override
    public List<Credit> fromSource(TenantId tenant, CreditSource source) {
        return credits.values(c -> c.tenantId().equals(tenant) && c.source().equals(source)).stream()
                .sorted(Comparator.comparing(Credit::id)).toList();
    }

    @Override
    public List<Credit> dueForExpiry(Instant now, int limit) {
        return credits.values(c -> c.state() == CreditState.REDEEMABLE && c.isPastExpiry(now)).stream()
                .sorted(Comparator.comparing(Credit::id)).limit(limit).toList();
    }

    @Override
    public synchronized void eraseReasons(TenantId tenant, ClientId client) {
        for (Credit c : held(tenant, client)) {
            credits.put(new Key(tenant, c.id()), new Credit(c.id(), c.tenantId(), c.clientId(), c.source(), c.issuedAt(),
                    c.expiresAt(), c.state(), c.bookingRef(), c.changedBy(), ERASED, c.changedAt(), c.version()));
        }
        changes.replaceAll(ch -> ch.tenantId().equals(tenant) && ch.clientId().equals(client)
                ? new CreditChange(ch.id(), ch.tenantId(), ch.clientId(), ch.creditId(), ch.from(), ch.to(), ch.at(),
                        ch.actor(), ERASED)
                : ch);
    }

    @Override
    public List<CreditChange> changes(TenantId tenant, ClientId client) {
        return changes.snapshot().stream().filter(c -> c.tenantId().equals(tenant) && c.clientId().equals(client))
                .toList();
    }

    @Override
    public String storeName() {
        return "credits";
    }

    @Override
    public List<Object> contents() {
        List<Object> all = credits.contents();
        all.addAll(changes.contents());
        return all;
    }
}
