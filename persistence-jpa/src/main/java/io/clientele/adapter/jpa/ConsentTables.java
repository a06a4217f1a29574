package io.clientele.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The consent records' table: {@code consent} (migration V7). */
final class ConsentTables {

    static final List<Class<?>> ENTITIES = List.of(ConsentRow.class);

    private ConsentTables() {
    }

    /** One opt-in or opt-out, with its proof. */
    @Entity(name = "ConsentRow")
    @Table(name = "consent")
    @IdClass(TenantScopedKey.class)
    static class ConsentRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        @Column(name = "client_id")
        UUID clientId;
        @Column(name = "preference_id")
        UUID preferenceId;
        String decision;
        @Column(name = "recorded_at")
        Instant recordedAt;
        String actor;
        String source;
        @Column(name = "wording_version")
        int wordingVersion;
        @Column(name = "wording_sha256")
        String wordingSha256;
        @Column(name = "ip_address")
        String ipAddress;
        @Column(name = "user_agent")
        String userAgent;

        ConsentRow() {
        }
    }
}
