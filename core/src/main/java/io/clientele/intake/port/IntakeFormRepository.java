package io.clientele.intake.port;

import io.clientele.common.ClientId;
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

    /** The client's submissions, newest submission time first (then newest id first). */
    List<IntakeSubmission> listForClient(TenantId tenant, ClientId client);

    /** Deletes every submission of the client; returns how many there were. Idempotent. */
    int deleteAllForClient(TenantId tenant, ClientId client);
}
