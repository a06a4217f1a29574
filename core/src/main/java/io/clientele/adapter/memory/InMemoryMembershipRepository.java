package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.MembershipId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.membership.model.Membership;
import io.clientele.membership.port.MembershipRepository;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * In-memory {@link MembershipRepository} with version-checked updates; writes are undone when the
 * unit of work rolls back. A client's memberships are read through an index on tenant and client;
 * {@link #due} scans every membership, which is fine for tests and prototypes. Thread-safe.
 */
public final class InMemoryMembershipRepository implements MembershipRepository, InspectableStore {

    private static final Comparator<Membership> STORE_ORDER = Comparator
            .comparing((Membership m) -> m.tenantId().value())
            .thenComparing(Membership::id);

    private record Key(TenantId tenant, MembershipId id) {
    }

    private final VersionedMap<Key, Membership> memberships;
    private final RowIndex<RowIndex.OfClient, MembershipId> byClient;

    public InMemoryMembershipRepository(MemoryTransactions tx) {
        this.memberships = new VersionedMap<>(tx);
        this.byClient = new RowIndex<>(tx);
    }

    @Override
    public Optional<Membership> find(TenantId tenant, MembershipId id) {
        return memberships.get(new Key(tenant, id));
    }

    @Override
    public synchronized Membership insert(Membership membership) {
        Key key = new Key(membership.tenantId(), membership.id());
        if (memberships.get(key).isPresent()) {
            throw ConflictException.duplicate("id", "membership " + membership.id() + " exists");
        }
        Membership stored = membership.withVersion(0);
        memberships.put(key, stored);
        byClient.add(RowIndex.ofClient(stored.tenantId(), stored.clientId()), stored.id());
        return stored;
    }

    @Override
    public synchronized Membership update(Membership membership) {
        Key key = new Key(membership.tenantId(), membership.id());
        Membership current = memberships.get(key)
                .orElseThrow(() -> ConflictException.staleVersion("membership", membership.id()));
        if (current.version() != membership.version()) {
            throw ConflictException.staleVersion("membership", membership.id());
        }
        Membership stored = membership.withVersion(membership.version() + 1);
        memberships.put(key, stored);
        return stored;
    }

    @Override
    public List<Membership> listForClient(TenantId tenant, ClientId client) {
        return held(tenant, client).stream()
                .sorted(Comparator.comparing(Membership::startDate).thenComparing(Membership::id))
                .toList();
    }

    @Override
    public Page<Membership> pageForClient(TenantId tenant, ClientId client, PageRequest page) {
        return NewestFirst.page(held(tenant, client), m -> m.startDate().atStartOfDay(ZoneOffset.UTC).toInstant(),
                m -> m.id().value(), page);
    }

    /** The client's memberships as they are now, through the client index. */
    private List<Membership> held(TenantId tenant, ClientId client) {
        return byClient.keys(RowIndex.ofClient(tenant, client)).stream()
                .flatMap(id -> memberships.get(new Key(tenant, id)).stream())
                .toList();
    }

    @Override
    public List<Membership> due(LocalDate today, int limit) {
        return memberships.values(m -> m.isDueOn(today)).stream().sorted(STORE_ORDER).limit(limit).toList();
    }

    @Override
    public List<Membership> due(LocalDate today, Position after, int limit) {
        return memberships.values(m -> m.isDueOn(today) && isAfter(m, after)).stream()
                .sorted(STORE_ORDER).limit(limit).toList();
    }

    private static boolean isAfter(Membership m, Position position) {
        int byTenant = m.tenantId().value().compareTo(position.tenant().value());
        return byTenant > 0 || (byTenant == 0 && m.id().compareTo(position.id()) > 0);
    }

    @Override
    public String storeName() {
        return "memberships";
    }

    @Override
    public List<Object> contents() {
        return memberships.contents();
    }
}
