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
import io.clientele.consent.model.PreferenceState;
import io.clientele.consent.port.ConsentLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * In-memory append-only {@link ConsentLog}. A client's records are found through an index on
 * tenant and client, as SQL finds them through an index on {@code (tenant_id, client_id)}, so the
 * consent state of a campaign chunk costs the same however many records the log holds. A
 * preference's audience walks an index on tenant, preference, client and record, as SQL walks one
 * on {@code (tenant_id, preference_id, client_id, id)}, and leaves out erased clients by looking
 * each one up by key in the client store it is given, as SQL joins the client table on its key:
 * a page reads the clients from its cursor on until it is full, never the whole log. The indexes
 * roll back with the records. Thread-safe.
 */
public final class InMemoryConsentLog implements ConsentLog, InspectableStore {

    private record ClientKey(TenantId tenant, ClientId client) {
    }

    private record PreferenceKey(TenantId tenant, PreferenceId preference) {
    }

    private final MemoryTransactions tx;
    private final InMemoryClientRepository clients;
    private final InMemoryPreferenceRepository preferences;
    private final VersionedMap<UUID, ConsentRecord> records;
    /** Each client's record ids: an index on {@code (tenant_id, client_id)}; records are never deleted. */
    private final ConcurrentHashMap<ClientKey, Set<UUID>> byClient = new ConcurrentHashMap<>();
    /**
     * Each preference's decisions by client id, then record id: an index on {@code (tenant_id,
     * preference_id, client_id, id)}. A record's decision never changes (erasure only blanks its
     * IP address and user agent), so an entry changes only when its record is appended or rolled
     * back; a client whose only entry was rolled back keeps an empty map, which the walk skips.
     */
    private final ConcurrentHashMap<PreferenceKey, ConcurrentSkipListMap<UUID, ConcurrentSkipListMap<UUID,
            ConsentDecision>>> byPreference = new ConcurrentHashMap<>();

    /**
     * A log whose audiences leave out the clients {@code clients} holds as erased (the client store
     * of the same in-memory adapters, as the SQL audience joins the client table), and whose
     * {@link #currentStates} joins the records with the {@code preferences} catalog.
     */
    public InMemoryConsentLog(MemoryTransactions tx, InMemoryClientRepository clients,
            InMemoryPreferenceRepository preferences) {
        this.tx = tx;
        this.clients = clients;
        this.preferences = preferences;
        this.records = new VersionedMap<>(tx);
    }

    /** Refuses an id that is stored already: the log is append-only, a record is never overwritten. */
    @Override
    public synchronized void append(ConsentRecord record) {
        if (records.get(record.id()).isPresent()) {
            throw ConflictException.duplicate("id", "consent record " + record.id() + " exists");
        }
        records.put(record.id(), record);
        Set<UUID> ids = byClient.computeIfAbsent(new ClientKey(record.tenantId(), record.clientId()),
                k -> ConcurrentHashMap.newKeySet());
        ids.add(record.id());
        tx.onRollback(() -> ids.remove(record.id()));
        ConcurrentSkipListMap<UUID, ConsentDecision> decisions = byPreference
                .computeIfAbsent(new PreferenceKey(record.tenantId(), record.preferenceId()),
                        k -> new ConcurrentSkipListMap<>())
                .computeIfAbsent(record.clientId().value(), k -> new ConcurrentSkipListMap<>());
        decisions.put(record.id(), record.decision());
        tx.onRollback(() -> decisions.remove(record.id()));
    }

    @Override
    public Optional<ConsentRecord> latest(TenantId tenant, ClientId client, PreferenceId preferenceId) {
        return recordsOf(tenant, client).stream().filter(r -> r.preferenceId().equals(preferenceId))
                .max(Comparator.comparing(ConsentRecord::id));
    }

    /** The tenant's preferences, each with the client's latest record read through the client index. */
    @Override
    public List<PreferenceState> currentStates(TenantId tenant, ClientId client) {
        Map<PreferenceId, ConsentRecord> latest = new HashMap<>();
        for (ConsentRecord record : recordsOf(tenant, client)) {
            latest.merge(record.preferenceId(), record, (a, b) -> a.id().compareTo(b.id()) >= 0 ? a : b);
        }
        return preferences.list(tenant).stream()
                .map(p -> new PreferenceState(p, Optional.ofNullable(latest.get(p.id()))))
                .toList();
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

    /** Walks the preference's index from the cursor until the page and its look-ahead are full. */
    @Override
    public Page<ClientId> audience(TenantId tenant, PreferenceId preferenceId, PageRequest page) {
        Optional<UUID> after = page.after().map(InMemoryConsentLog::decode);
        NavigableMap<UUID, ConcurrentSkipListMap<UUID, ConsentDecision>> all = byPreference
                .getOrDefault(new PreferenceKey(tenant, preferenceId), new ConcurrentSkipListMap<>());
        NavigableMap<UUID, ConcurrentSkipListMap<UUID, ConsentDecision>> walk = after
                .map(position -> all.tailMap(position, false)).orElse(all);
        List<ClientId> optedIn = new ArrayList<>(page.size() + 1);
        for (Map.Entry<UUID, ConcurrentSkipListMap<UUID, ConsentDecision>> client : walk.entrySet()) {
            if (optedIn.size() > page.size()) {
                break;
            }
            Map.Entry<UUID, ConsentDecision> latest = client.getValue().lastEntry();
            ClientId id = new ClientId(client.getKey());
            if (latest != null && latest.getValue() == ConsentDecision.OPT_IN && isActive(tenant, id)) {
                optedIn.add(id);
            }
        }
        return Page.fromLookahead(optedIn, page.size(), c -> Cursor.of(c.toString()));
    }

    /** The join with the client table: a client stored in this tenant and not erased. */
    private boolean isActive(TenantId tenant, ClientId client) {
        return clients.find(tenant, client).map(c -> !c.erased()).orElse(false);
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
