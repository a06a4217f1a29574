package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.intake.port.IntakeFormRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * In-memory {@link IntakeFormRepository}; writes are undone when the unit of work rolls back. A
 * client's submissions are read through an index on tenant and client. Thread-safe.
 */
public final class InMemoryIntakeFormRepository implements IntakeFormRepository, InspectableStore {

    private static final Comparator<IntakeSubmission> NEWEST_FIRST = Comparator
            .comparing(IntakeSubmission::submittedAt).thenComparing(IntakeSubmission::id).reversed();

    private record Key(TenantId tenant, UUID id) {
    }

    private final VersionedMap<Key, IntakeSubmission> submissions;
    private final RowIndex<RowIndex.OfClient, UUID> byClient;

    public InMemoryIntakeFormRepository(MemoryTransactions tx) {
        this.submissions = new VersionedMap<>(tx);
        this.byClient = new RowIndex<>(tx);
    }

    @Override
    public synchronized void insert(IntakeSubmission submission) {
        Key key = new Key(submission.tenantId(), submission.id());
        if (submissions.get(key).isPresent()) {
            throw ConflictException.duplicate("id", "intake submission " + submission.id() + " exists");
        }
        submissions.put(key, submission);
        byClient.add(RowIndex.ofClient(submission.tenantId(), submission.clientId()), submission.id());
    }

    @Override
    public List<IntakeSubmission> listForClient(TenantId tenant, ClientId client) {
        return held(tenant, client).stream().sorted(NEWEST_FIRST).toList();
    }

    @Override
    public Page<IntakeSubmission> pageForClient(TenantId tenant, ClientId client, PageRequest page) {
        return NewestFirst.page(held(tenant, client), IntakeSubmission::submittedAt, IntakeSubmission::id, page);
    }

    @Override
    public synchronized int deleteAllForClient(TenantId tenant, ClientId client) {
        List<IntakeSubmission> doomed = held(tenant, client);
        for (IntakeSubmission s : doomed) {
            submissions.remove(new Key(tenant, s.id()));
            byClient.remove(RowIndex.ofClient(tenant, client), s.id());
        }
        return doomed.size();
    }

    /** The client's submissions as they are now, through the client index. */
    private List<IntakeSubmission> held(TenantId tenant, ClientId client) {
        return byClient.keys(RowIndex.ofClient(tenant, client)).stream()
                .flatMap(id -> submissions.get(new Key(tenant, id)).stream())
                .toList();
    }

    @Override
    public String storeName() {
        return "intake-forms";
    }

    /**
     * Every submission with its answers spelled out: {@link IntakeSubmission#toString()} hides
     * them, and storage scans must see everything held.
     */
    @Override
    public List<Object> contents() {
        List<Object> out = new ArrayList<>();
        for (Object stored : submissions.contents()) {
            IntakeSubmission s = (IntakeSubmission) stored;
            out.add(s + " answers=" + s.answers());
        }
        return out;
    }
}
