package io.clientele.client.port;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;

/**
 * Tells the host's booking system that a client was erased, so its appointments and sessions
 * show an anonymous client. Called inside the erasure's unit of work: throwing rolls the erasure
 * back. SPI for the host; implementations must be idempotent and thread-safe.
 */
@FunctionalInterface
public interface BookingAnonymizer {

    /** Anonymizes every booking of the client. */
    void anonymize(TenantId tenant, ClientId client);
}
