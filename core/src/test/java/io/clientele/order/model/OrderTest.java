package io.clientele.order.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.OrderId;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final TenantId TENANT = TenantId.of("studio-a");
    private static final ClientId ANA = new ClientId(UUID.randomUUID());
    private static final Instant NOW = Instant.parse("2026-01-31T10:00:00Z");

    private static Money eur(String amount) {
        return Money.of("EUR", new BigDecimal(amount));
    }

    private static OrderLine.PackagePurchase pack(int credits, Optional<Period> validity, Money price) {
        return new OrderLine.PackagePurchase("Pack", credits, validity, price);
    }

    private static OrderLine.BookingReference booking(String ref, Money price) {
        return new OrderLine.BookingReference(ref, "Massage", price);
    }

    private static Order place(List<OrderLine> lines) {
        return Order.place(new OrderId(UUID.randomUUID()), TENANT, ANA, lines, "staff:owner-1", NOW);
    }

    @Test
    void a_placed_order_totals_its_lines_and_counts_its_package_credits() {
        Order order = place(List.of(pack(10, Optional.empty(), eur("120")), booking("bk-1", eur("65.50")),
                pack(3, Optional.empty(), eur("0"))));

        assertThat(order.total()).isEqualTo(eur("185.50"));
        assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(order.packageCredits()).isEqualTo(13);
        assertThat(order.packagePurchases()).extracting(OrderLine.PackagePurchase::credits).containsExactly(10, 3);
    }

    @Test
    void a_stated_total_that_is_not_the_sum_is_refused() {
        Order order = place(List.of(booking("bk-1", eur("10"))));

        assertRefused(() -> new Order(order.id(), TENANT, ANA, order.lines(), eur("9.99"), OrderStatus.PLACED,
                "staff:owner-1", NOW, Optional.empty(), 0), "total", "sum");
    }

    @Test
    void all_lines_are_in_one_currency() {
        assertRefused(() -> place(List.of(booking("bk-1", eur("10")),
                booking("bk-2", Money.of("USD", BigDecimal.TEN)))), "lines", "currency_mismatch");
    }

    @Test
    void an_order_has_one_to_fifty_lines_and_references_a_booking_once() {
        assertRefused(() -> place(List.of()), "lines", "required");
        List<OrderLine> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(booking("bk-" + i, eur("1")));
        }
        assertRefused(() -> place(many), "lines", "max_size");
        assertThat(place(many.subList(0, 50)).lines()).hasSize(50);
        assertRefused(() -> place(List.of(booking("bk-1", eur("1")), booking("bk-1", eur("2")))),
                "lines[1].bookingRef", "duplicate");
    }

    @Test
    void a_total_beyond_the_money_range_is_refused_on_the_total() {
        List<OrderLine> lines = List.of(booking("bk-1", eur("999999999999")), booking("bk-2", eur("1")));

        assertRefused(() -> place(lines), "total.amount", "range");
    }

    @Test
    void a_placed_order_cancels_once_and_then_says_how() {
        Order order = place(List.of(pack(10, Optional.empty(), eur("120"))));
        Instant later = NOW.plusSeconds(60);

        Order cancelled = order.cancel("staff:manager-1", " Refund ", 8, 2, later);

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.cancellation()).contains(new Cancellation(later, "staff:manager-1", "Refund", 8, 2));
        assertThat(cancelled.cancelledAt()).contains(later);
        assertThat(cancelled.total()).isEqualTo(order.total());
        assertThatThrownBy(() -> cancelled.cancel("staff:manager-1", "Again", 0, 10, later))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
    }

    @Test
    void the_status_and_the_cancellation_go_together() {
        Order order = place(List.of(booking("bk-1", eur("10"))));

        assertRefused(() -> new Order(order.id(), TENANT, ANA, order.lines(), order.total(),
                OrderStatus.CANCELLED, "staff:owner-1", NOW, Optional.empty(), 0), "cancellation", "status");
        assertRefused(() -> new Order(order.id(), TENANT, ANA, order.lines(), order.total(), OrderStatus.PLACED,
                "staff:owner-1", NOW, Optional.of(new Cancellation(NOW, "staff:owner-1", "Refund", 0, 0)), 0),
                "cancellation", "status");
    }

    @Test
    void package_credits_expire_by_the_calendar_in_the_given_zone() {
        OrderLine.PackagePurchase month = pack(1, Optional.of(Period.ofMonths(1)), eur("1"));

        assertThat(month.creditsExpireAt(NOW, ZoneOffset.UTC)).contains(Instant.parse("2026-02-28T10:00:00Z"));
        // across the spring clock change in Paris a day is 23 hours
        assertThat(pack(1, Optional.of(Period.ofDays(1)), eur("1"))
                .creditsExpireAt(Instant.parse("2026-03-28T12:00:00Z"), ZoneId.of("Europe/Paris")))
                .contains(Instant.parse("2026-03-29T11:00:00Z"));
        assertThat(pack(1, Optional.empty(), eur("1")).creditsExpireAt(NOW, ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void a_credit_validity_is_positive_and_at_most_ten_years() {
        assertThat(pack(1, Optional.of(Period.ofYears(10)), eur("1")).creditValidity()).isPresent();
        assertThat(pack(1, Optional.of(Period.ofDays(3653)), eur("1")).creditValidity()).isPresent();
        assertRefused(() -> pack(1, Optional.of(Period.ZERO), eur("1")), "creditValidity", "positive");
        assertRefused(() -> pack(1, Optional.of(Period.of(1, -1, 0)), eur("1")), "creditValidity", "positive");
        assertRefused(() -> pack(1, Optional.of(Period.of(10, 0, 1)), eur("1")), "creditValidity", "range");
        assertRefused(() -> pack(1, Optional.of(Period.ofDays(3654)), eur("1")), "creditValidity", "range");
        assertRefused(() -> pack(1, Optional.of(Period.ofYears(Integer.MAX_VALUE)), eur("1")), "creditValidity",
                "range");
    }

    @Test
    void a_package_holds_one_to_a_hundred_credits() {
        assertThat(pack(100, Optional.empty(), eur("1")).credits()).isEqualTo(100);
        assertRefused(() -> pack(0, Optional.empty(), eur("1")), "credits", "range");
        assertRefused(() -> pack(101, Optional.empty(), eur("1")), "credits", "range");
    }

    @Test
    void line_texts_are_trimmed_single_lines() {
        OrderLine.BookingReference line = new OrderLine.BookingReference("  bk-1 ", " Yoga ", eur("1"));

        assertThat(line.bookingRef()).isEqualTo("bk-1");
        assertThat(line.description()).isEqualTo("Yoga");
        assertRefused(() -> new OrderLine.BookingReference("bk\r1", "Yoga", eur("1")), "bookingRef", "line_break");
        assertRefused(() -> new OrderLine.BookingReference("bk-1", "d".repeat(201), eur("1")), "description",
                "max_length");
        assertRefused(() -> new OrderLine.BookingReference("bk-1", "Yoga", null), "price", "required");
    }

    private static void assertRefused(ThrowingCallable call, String field, String rule) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
        });
    }
}
