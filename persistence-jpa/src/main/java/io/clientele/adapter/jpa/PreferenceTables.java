package io.clientele.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;

/** The marketing preferences' table: {@code preference} (migration V6). */
final class PreferenceTables {

    static final List<Class<?>> ENTITIES = List.of(PreferenceRow.class);

    private PreferenceTables() {
    }

    /**
     * One marketing preference of a tenant. The key's column is {@code preference_key}: {@code
     * KEY} is a keyword in H2 (and {@code KEY()} a function in JPQL).
     */
    @Entity(name = "PreferenceRow")
    @Table(name = "preference")
    @IdClass(TenantScopedKey.class)
    static class PreferenceRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        @Column(name = "preference_key")
        String preferenceKey;
        String name;
        String wording;
        int version;
        String channel;

        PreferenceRow() {
        }
    }
}
