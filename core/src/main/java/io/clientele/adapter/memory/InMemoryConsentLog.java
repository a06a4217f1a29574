package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.Cursor;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.port.ConsentLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * In-memory append-only {@link ConsentLog}. A client's records are found through an index on
 * tenant and client, as SQL finds them through an index on {@code (tenant_id, client_id)}, so the
 * consent state of a campaign chunk costs the same however many records the log holds; the
 * index rolls back with the records. Thread-safe.
 */
public final class InMemoryConsentLog implements ConsentLog, InspectableStore {

    private record ClientKey(TenantId tenant, ClientId client) {
    }

    private final MemoryTransactions tx;
    private final VersionedMap<UUID, ConsentRecord> records;
    /** Each client's record ids: an index on {@code (tenant_id, client_id)}; records are never deleted. */
    private final ConcurrentHashMap<ClientKey, Set<UUID>> byClient = new ConcurrentHashMap<>();

    public InMemoryConsentLog(MemoryTransactions tx) {
        this.tx = tx;
        this.records = new VersionedMap<>(tx);
    }

    @Override
    public void append(ConsentRecord record) {
        records.put(record.id(), record);
        Set<UUID> ids = byClient.computeIfAbsent(new ClientKey(record.tenantId(), record.clientId()),
                k -> ConcurrentHashMap.newKeySet());
        ids.add(record.id());
        tx.onRollback(() -> ids.remove(record.id()));
    }

    @Override
    public Optional<ConsentRecord> latest(TenantId tenant, ClientId client, PreferenceId preferenceId) {
        return recordsOf(tenant, client).stream().filter(r -> r.preferenceId().equals(preferenceId))
                .max(Comparator.comparing(ConsentRecord::id));
    }

    @Override
    public List<ConsentRecord> history(TenantId tenant, ClientId client) {
        return recordsOf(tenant, client).stream().sorted(Comparator.comparing(ConsentRecord::id)).toList();
    }

    @Override
    public Page<ConsentRecord> pageForClient(TenantId tenant, ClientId client, PageRequest page) {
        return NewestFirst.page(recordsOf(tenant, client), ConsentRecord::recordedAt, ConsentRecord::id, page);
    }

    /** The client's records as they are now, through the client index. */
    private List<ConsentRecord> recordsOf(TenantId tenant, ClientId client) {
        List<ConsentRecord> found = new ArrayList<>();
        for (UUID id : byClient.getOrDefault(new ClientKey(tenant, client), Set.of())) {
            records.get(id).ifPresent(found::add);
        }
        return found;
    }

    @Override
    public Page<ClientId> audience(TenantId tenant, PreferenceId preferenceId, PageRequest page) {
        Optional<UUID> after = page.after().map(InMemoryConsentLog::decode);
        List<ClientId> optedIn = latestPerClient(tenant, preferenceId).entrySet().stream()
                .filter(e -> e.getValue().decision() == ConsentDecision.OPT_IN)
                .map(Map.Entry::getKey)
                .filter(c -> after.map(a -> c.value().compareTo(a) > 0).orElse(true))
                .sorted(Comparator.comparing(ClientId::value))
                .limit(page.size() + 1L)
                .toList();
        return Page.fromLookahead(optedIn, page.size(), c -> Cursor.of(c.toString()));
    }

    /** Reads each given client's records through the client index, never the whole log. */
    @Override
    public Set<ClientId> optedOut(TenantId tenant, PreferenceId preferenceId, Set<ClientId> clients) {
        Set<ClientId> out = new HashSet<>();
        for (ClientId client : clients) {
            latest(tenant, client, preferenceId).filter(r -> r.decision() == ConsentDecision.OPT_OUT)
                    .ifPresent(r -> out.add(client));
        }
        return out;
    }

    @Override
    public synchronized void scrubPersonalData(TenantId tenant, ClientId client) {
        for (ConsentRecord r : history(tenant, client)) {
            records.put(r.id(), new ConsentRecord(r.id(), r.tenantId(), r.clientId(), r.preferenceId(), r.decision(),
                    r.recordedAt(), r.actor(), r.source(), r.wordingVersion(), r.wordingSha256(), Optional.empty(),
                    Optional.empty()));
        }
    }

    private Map<ClientId, ConsentRecord> latestPerClient(TenantId tenant, PreferenceId preferenceId) {
        return records.values(r -> r.tenantId().equals(tenant) && r.preferenceId().equals(preferenceId)).stream()
                .collect(Collectors.toMap(ConsentRecord::clientId, r -> r,
                        (a, b) -> a.id().compareTo(b.id()) >= 0 ? a : b));
    }

    private static UUID decode(Cursor cursor) {
        try {
            return UUID.fromString(cursor.parts(1).get(0));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("cursor", "format", "not a cursor returned by Clientele");
        }
    }

    @Override
    public String storeName() {
        return "consents";
    }

    @Override
    public List<Object> contents() {
        return records.contents();
    }
}
