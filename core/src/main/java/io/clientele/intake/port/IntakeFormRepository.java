package io.clientele.intake.port;

import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.intake.model.IntakeSubmission;
import java.util.List;

/**
 * Stores intake form submissions. Submissions are never changed, only added and, when their
 * client is erased, deleted. SPI; implementations must be thread-safe, scope every call by tenant
 * and join the caller's unit of work. The answers are health data: store them where the host keeps
 * its most sensitive data, and never log them.
 */
public interface IntakeFormRepository {

    /** Stores a new submission. */
    void insert(IntakeSubmission submission);

    /**
     * Every submission of the client, newest submission time first (then newest id first), for
     * the data export.
     */
    List<IntakeSubmission> listForClient(TenantId tenant, ClientId client);

    /**
     * One keyset page of the client's submissions, newest submission time first (then newest id
     * first). The page's position holds the last submission's time and id; a position that is not
     * one is a {@code ValidationException} on field {@code cursor}. In SQL one statement: {@code
     * WHERE tenant_id = ? AND client_id = ? AND (submitted_at, id) < (?, ?) ORDER BY submitted_at
     * DESC, id DESC LIMIT ?} (the page size plus one), on an index {@code (tenant_id, client_id,
     * submitted_at, id)}.
     */
    Page<IntakeSubmission> pageForClient(TenantId tenant, ClientId client, PageRequest page);

    /** Deletes every submission of the client; returns how many there were. Idempotent. */
    int deleteAllForClient(TenantId tenant, ClientId client);
}
