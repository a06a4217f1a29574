package io.clientele.order.model;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.OrderId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An order a client is the lead booker of: 1 to {@value #MAX_LINES} lines, all priced in one
 * currency (field {@code lines}, rule {@code currency_mismatch}), no booking referenced twice
 * (field {@code lines[i].bookingRef}, rule {@code duplicate}), and a total that is the sum of the
 * line prices. It is {@link OrderStatus#PLACED placed} by staff ({@code createdBy} is the actor's
 * description) and may be {@link #cancel cancelled} once; a cancelled order carries its {@link
 * Cancellation}, a placed one none. {@code version} is for optimistic locking.
 *
 * <p>Immutable and thread-safe; a change returns a new instance stored with a version check.
 */
public record Order(
        OrderId id,
        TenantId tenantId,
        ClientId leadBooker,
        List<OrderLine> lines,
        Money total,
        OrderStatus status,
        String createdBy,
        Instant createdAt,
        Optional<Cancellation> cancellation,
        long version) {

    /** The most lines one order holds. */
    public static final int MAX_LINES = 50;

    public Order {
        Validate.notNull("id", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("leadBooker", leadBooker);
        lines = checkLines(lines);
        Validate.notNull("total", total);
        if (!total.equals(sum(lines))) {
            throw new ValidationException("total", "sum", "the total is the sum of the line prices");
        }
        Validate.notNull("status", status);
        Validate.notBlank("createdBy", createdBy);
        Validate.notNull("createdAt", createdAt);
        Validate.notNull("cancellation", cancellation);
        if (cancellation.isPresent() != (status == OrderStatus.CANCELLED)) {
            throw new ValidationException("cancellation", "status", "a cancellation exactly when cancelled");
        }
    }

    /** A new placed order (version 0) whose total is the sum of its lines. */
    public static Order place(OrderId id, TenantId tenant, ClientId leadBooker, List<OrderLine> lines, String actor,
            Instant now) {
        List<OrderLine> checked = checkLines(lines);
        return new Order(id, tenant, leadBooker, checked, sum(checked), OrderStatus.PLACED, actor, now,
                Optional.empty(), 0);
    }

    /**
     * This order cancelled, with what became of its package credits. Only a placed order can be
     * cancelled: anything else is a {@link ConflictException} {@code ILLEGAL_STATE}.
     */
    public Order cancel(String actor, String reason, int creditsRevoked, int creditsKept, Instant now) {
        requirePlaced();
        return new Order(id, tenantId, leadBooker, lines, total, OrderStatus.CANCELLED, createdBy, createdAt,
                Optional.of(new Cancellation(now, actor, reason, creditsRevoked, creditsKept)), version);
    }

    /** Throws {@link ConflictException} {@code ILLEGAL_STATE} unless the order is placed. */
    public void requirePlaced() {
        if (status != OrderStatus.PLACED) {
            throw ConflictException.illegalState("order " + id + " is " + status + "; only a placed order can be"
                    + " cancelled");
        }
    }

    /** When the order was cancelled, if it was. */
    public Optional<Instant> cancelledAt() {
        return cancellation.map(Cancellation::at);
    }

    /** The package purchase lines, in order. */
    public List<OrderLine.PackagePurchase> packagePurchases() {
        return lines.stream().filter(OrderLine.PackagePurchase.class::isInstance)
                .map(OrderLine.PackagePurchase.class::cast).toList();
    }

    /** How many package credits the order granted when it was placed. */
    public int packageCredits() {
        return packagePurchases().stream().mapToInt(OrderLine.PackagePurchase::credits).sum();
    }

    /**
     * This order with the free text staff typed about it replaced by {@value #ERASED_TEXT} (booking
     * descriptions, the cancellation reason), for erasure: amounts, dates and package names stay.
     */
    public Order withTextErased() {
        List<OrderLine> erasedLines = lines.stream().<OrderLine>map(line -> line instanceof OrderLine.BookingReference b
                ? new OrderLine.BookingReference(b.bookingRef(), ERASED_TEXT, b.price()) : line).toList();
        Optional<Cancellation> erasedCancellation = cancellation.map(c -> new Cancellation(c.at(), c.by(), ERASED_TEXT,
                c.creditsRevoked(), c.creditsKept()));
        return new Order(id, tenantId, leadBooker, erasedLines, total, status, createdBy, createdAt,
                erasedCancellation, version);
    }

    /** What erased free text reads. */
    public static final String ERASED_TEXT = "[erased]";

    /** This order with the stored version (used by repositories). */
    public Order withVersion(long newVersion) {
        return new Order(id, tenantId, leadBooker, lines, total, status, createdBy, createdAt, cancellation,
                newVersion);
    }

    private static List<OrderLine> checkLines(List<OrderLine> lines) {
        Validate.notNull("lines", lines);
        if (lines.isEmpty()) {
            throw new ValidationException("lines", "required", "at least one line");
        }
        Validate.maxSize("lines", lines, MAX_LINES);
        Set<String> bookings = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = Validate.notNull("lines[" + i + "]", lines.get(i));
            if (!line.price().currency().equals(lines.get(0).price().currency())) {
                throw new ValidationException("lines", "currency_mismatch",
                        "every line of an order is priced in the same currency");
            }
            if (line instanceof OrderLine.BookingReference booking && !bookings.add(booking.bookingRef())) {
                throw new ValidationException("lines[" + i + "].bookingRef", "duplicate",
                        "the booking is already a line of this order");
            }
        }
        return List.copyOf(lines);
    }

    private static Money sum(List<OrderLine> lines) {
        Money total = Money.zero(lines.get(0).price().currency());
        for (OrderLine line : lines) {
            try {
                total = total.plus(line.price());
            } catch (ValidationException e) {
                throw e.withFieldPrefix("total");
            }
        }
        return total;
    }
}
