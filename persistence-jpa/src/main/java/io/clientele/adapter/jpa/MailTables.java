package io.clientele.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The mail context's table: {@code outbox} (migration V4). */
final class MailTables {

    static final List<Class<?>> ENTITIES = List.of(OutboxRow.class);

    /** The result of a native statement answering outbox ids: one {@code id} column read as a UUID. */
    static final String OUTBOX_IDS = "OutboxIds";

    private MailTables() {
    }

    /** One outbox message; a row without a client is an unresolved password-reset request. */
    @Entity(name = "OutboxRow")
    @Table(name = "outbox")
    @IdClass(TenantScopedKey.class)
    @SqlResultSetMapping(name = OUTBOX_IDS, columns = @ColumnResult(name = "id", type = UUID.class))
    static class OutboxRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        @Column(name = "client_id")
        UUID clientId;
        String kind;
        @Column(name = "campaign_id")
        UUID campaignId;
        String recipient;
        String language;
        String subject;
        String message;
        String status;
        int attempts;
        @Column(name = "created_at")
        Instant createdAt;
        @Column(name = "next_attempt_at")
        Instant nextAttemptAt;
        @Column(name = "sent_at")
        Instant sentAt;
        @Column(name = "last_error")
        String lastError;
        @Column(name = "claimed_by")
        UUID claimedBy;

        OutboxRow() {
        }
    }
}
