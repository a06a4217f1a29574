package io.clientele.audit.port;

import io.clientele.audit.model.AuditEntry;
import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import java.util.List;

/**
 * Append-only store of audit entries. Appends join the caller's unit of work, so an entry exists
 * exactly when the change it records was committed. The one rewrite allowed is the erasure's
 * ({@link #erasePersonalValues}). SPI; thread-safe.
 */
public interface AuditLog {

    /** Appends one entry. */
    void append(AuditEntry entry);

    /**
     * Appends entries, all or none, in list order, in the caller's unit of work: a bulk path (a
     * campaign chunk, a dispatcher batch) audits all its clients with one call. An entry whose id
     * exists already is refused ({@link io.clientele.common.ConflictException} {@code DUPLICATE})
     * and then none is appended. SQL: one batch insert (a multi-row {@code INSERT} or a JDBC batch
     * of the same statement).
     */
    void appendAll(List<AuditEntry> entries);

    /** One page of the client's entries, newest first (descending id). */
    Page<AuditEntry> listForClient(TenantId tenant, ClientId client, PageRequest page);

    /**
     * Erasure's part: replaces every personal value ({@link
     * io.clientele.audit.model.FieldChange#personal()}) of the client's entries with {@value
     * io.clientele.audit.model.FieldChange#ERASED}, as {@link AuditEntry#erased()} does, keeping field
     * names, actions, actors and times. Joins the caller's unit of work. SQL: one {@code UPDATE
     * audit_change SET before = CASE WHEN before IS NULL THEN NULL ELSE '[erased]' END, after = ...
     * WHERE tenant_id = ? AND client_id = ? AND personal}.
     */
    void erasePersonalValues(TenantId tenant, ClientId client);
}
