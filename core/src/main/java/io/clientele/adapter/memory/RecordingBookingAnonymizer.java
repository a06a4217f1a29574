package io.clientele.adapter.memory;

import io.clientele.client.port.BookingAnonymizer;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import java.util.List;

/**
 * A {@link BookingAnonymizer} for hosts without a booking system yet and for tests: it records
 * which clients were anonymized (and forgets them if the erasure rolls back). Thread-safe.
 */
public final class RecordingBookingAnonymizer implements BookingAnonymizer {

    /** One anonymization request. */
    public record Anonymized(TenantId tenant, ClientId client) {
    }

    private final RollbackList<Anonymized> calls;

    public RecordingBookingAnonymizer(MemoryTransactions tx) {
        this.calls = new RollbackList<>(tx);
    }

    @Override
    public void anonymize(TenantId tenant, ClientId client) {
        calls.add(new Anonymized(tenant, client));
    }

    /** Every anonymization so far, in order. */
    public List<Anonymized> calls() {
        return calls.snapshot();
    }
}
