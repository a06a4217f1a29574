package io.clientele.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The saved payment methods' table: {@code payment_method} (migration V6). */
final class PaymentTables {

    static final List<Class<?>> ENTITIES = List.of(PaymentMethodRow.class);

    private PaymentTables() {
    }

    /**
     * One saved payment method. The expiry month is stored as its first day ({@code expiry_month},
     * a {@code date}), so it sorts and compares as a date in SQL.
     */
    @Entity(name = "PaymentMethodRow")
    @Table(name = "payment_method")
    @IdClass(TenantScopedKey.class)
    static class PaymentMethodRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        @Column(name = "client_id")
        UUID clientId;
        String kind;
        String brand;
        String last4;
        @Column(name = "expiry_month")
        LocalDate expiryMonth;
        @Column(name = "provider_ref")
        String providerRef;
        String status;
        @Column(name = "added_at")
        Instant addedAt;
        @Column(name = "cancelled_at")
        Instant cancelledAt;
        long version;

        PaymentMethodRow() {
        }
    }
}
