package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Cursor;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.port.ConsentLog;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** In-memory append-only {@link ConsentLog}. Thread-safe. */
public final class InMemoryConsentLog implements ConsentLog, InspectableStore {

    private final VersionedMap<UUID, ConsentRecord> records;

    public InMemoryConsentLog(MemoryTransactions tx) {
        this.records = new VersionedMap<>(tx);
    }

    /** Refuses an id that is stored already: the log is append-only, a record is never overwritten. */
    @Override
    public synchronized void append(ConsentRecord record) {
        if (records.get(record.id()).isPresent()) {
            throw ConflictException.duplicate("id", "consent record " + record.id() + " exists");
        }
        records.put(record.id(), record);
    }

    @Override
    public Optional<ConsentRecord> latest(TenantId tenant, ClientId client, PreferenceId preferenceId) {
        return records.values(r -> r.tenantId().equals(tenant) && r.clientId().equals(client)
                && r.preferenceId().equals(preferenceId)).stream().max(Comparator.comparing(ConsentRecord::id));
    }

    @Override
    public List<ConsentRecord> history(TenantId tenant, ClientId client) {
        return records.values(r -> r.tenantId().equals(tenant) && r.clientId().equals(client)).stream()
                .sorted(Comparator.comparing(ConsentRecord::id)).toList();
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

    @Override
    public Set<ClientId> optedOut(TenantId tenant, PreferenceId preferenceId, Set<ClientId> clients) {
        Set<ClientId> out = new HashSet<>();
        latestPerClient(tenant, preferenceId).forEach((client, record) -> {
            if (clients.contains(client) && record.decision() == ConsentDecision.OPT_OUT) {
                out.add(client);
            }
        });
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
