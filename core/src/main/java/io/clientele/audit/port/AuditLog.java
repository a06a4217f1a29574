package io.clientele.audit.port;

import io.clientele.audit.model.AuditEntry;
import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;

/**
 * Append-only store of audit entries. Appends join the caller's unit of work, so an entry exists
 * exactly when the change it records was committed. SPI; thread-safe.
 */
public interface AuditLog {

    /** Appends one entry. */
    void append(AuditEntry entry);

    /** One page of the client's entries, newest first (descending id). */
    Page<AuditEntry> listForClient(TenantId tenant, ClientId client, PageRequest page);
}
