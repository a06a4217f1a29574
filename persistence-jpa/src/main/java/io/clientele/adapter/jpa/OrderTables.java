package io.clientele.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The orders' tables: {@code client_order} and {@code client_order_line} (migration V5). */
final class OrderTables {

    static final List<Class<?>> ENTITIES = List.of(OrderRow.class, LineRow.class);

    /**
     * An order row with the number of orders of its lead booker beside it ({@code order_count}) and
     * one of its lines ({@code line_*} columns, null for an order without lines): the profile's
     * section in one statement.
     */
    static final String WITH_COUNT_AND_LINE_MAPPING = "OrderWithCountAndLineRow";

    private OrderTables() {
    }

    /** One order: its total, status and cancellation; its lines are rows of {@link LineRow}. */
    @Entity(name = "OrderRow")
    @Table(name = "client_order")
    @IdClass(TenantScopedKey.class)
    @SqlResultSetMapping(name = WITH_COUNT_AND_LINE_MAPPING, entities = @EntityResult(entityClass = OrderRow.class),
            columns = {
                @ColumnResult(name = "order_count", type = Long.class),
                @ColumnResult(name = "line_position", type = Integer.class),
                @ColumnResult(name = "line_kind", type = String.class),
                @ColumnResult(name = "line_name", type = String.class),
                @ColumnResult(name = "line_credits", type = Integer.class),
                @ColumnResult(name = "line_credit_validity", type = String.class),
                @ColumnResult(name = "line_booking_ref", type = String.class),
                @ColumnResult(name = "line_description", type = String.class),
                @ColumnResult(name = "line_price_currency", type = String.class),
                @ColumnResult(name = "line_price_amount", type = BigDecimal.class)})
    static class OrderRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        @Column(name = "lead_booker")
        UUID leadBooker;
        @Column(name = "total_currency")
        String totalCurrency;
        @Column(name = "total_amount")
        BigDecimal totalAmount;
        String status;
        @Column(name = "created_by")
        String createdBy;
        @Column(name = "created_at")
        Instant createdAt;
        @Column(name = "cancelled_at")
        Instant cancelledAt;
        @Column(name = "cancelled_by")
        String cancelledBy;
        @Column(name = "cancel_reason")
        String cancelReason;
        @Column(name = "credits_revoked")
        Integer creditsRevoked;
        @Column(name = "credits_kept")
        Integer creditsKept;
        long version;

        OrderRow() {
        }
    }

    /** The key of an order line: tenant, order, position in the order. */
    record LineKey(String tenantId, UUID orderId, int position) implements Serializable {
    }

    /** One line of an order: a package purchase or a booking reference ({@code kind}). */
    @Entity(name = "OrderLineRow")
    @Table(name = "client_order_line")
    @IdClass(LineKey.class)
    static class LineRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        @Column(name = "order_id")
        UUID orderId;
        @Id
        int position;
        String kind;
        String name;
        Integer credits;
        @Column(name = "credit_validity")
        String creditValidity;
        @Column(name = "booking_ref")
        String bookingRef;
        String description;
        @Column(name = "price_currency")
        String priceCurrency;
        @Column(name = "price_amount")
        BigDecimal priceAmount;

        LineRow() {
        }
    }
}
