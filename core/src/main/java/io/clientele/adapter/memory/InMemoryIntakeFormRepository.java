package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.intake.port.IntakeFormRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * In-memory {@link IntakeFormRepository}; writes are undone when the unit of work rolls back.
 * Thread-safe.
 */
public final class InMemoryIntakeFormRepository implements IntakeFormRepository, InspectableStore {

    private static final Comparator<IntakeSubmission> NEWEST_FIRST = Comparator
            .comparing(IntakeSubmission::submittedAt).thenComparing(IntakeSubmission::id).reversed();

    private record Key(TenantId tenant, UUID id) {
    }

    private final VersionedMap<Key, IntakeSubmission> submissions;

    public InMemoryIntakeFormRepository(MemoryTransactions tx) {
        this.submissions = new VersionedMap<>(tx);
    }

    @Override
    public synchronized void insert(IntakeSubmission submission) {
        Key key = new Key(submission.tenantId(), submission.id());
        if (submissions.get(key).isPresent()) {
            throw ConflictException.duplicate("id", "intake submission " + submission.id() + " exists");
        }
        submissions.put(key, submission);
    }

    @Override
    public List<IntakeSubmission> listForClient(TenantId tenant, ClientId client) {
        return submissions.values(s -> s.tenantId().equals(tenant) && s.clientId().equals(client)).stream()
                .sorted(NEWEST_FIRST).toList();
    }

    @Override
    public synchronized int deleteAllForClient(TenantId tenant, ClientId client) {
        List<IntakeSubmission> doomed = listForClient(tenant, client);
        doomed.forEach(s -> submissions.remove(new Key(tenant, s.id())));
        return doomed.size();
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
