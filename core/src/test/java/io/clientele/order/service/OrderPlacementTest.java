package io.clientele.order.service;

import static io.clientele.order.service.OrderKit.amount;
import static io.clientele.order.service.OrderKit.fiveSaunas;
import static io.clientele.order.service.OrderKit.massage;
import static io.clientele.order.service.OrderKit.tenClasses;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.ConflictException;
import io.clientele.common.ValidationException;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditEvents;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.order.model.Money;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderEvents;
import io.clientele.order.model.OrderLine;
import io.clientele.order.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Placing an order: what is stored, which credits are granted, what is refused. */
class OrderPlacementTest {

    private final OrderKit kit = new OrderKit();
    private final OrderService orders = kit.service;
    private final Client ana = kit.client("Ana");

    @Test
    void placing_a_package_purchase_grants_exactly_its_package_credits_with_expiry_and_source() {
        Instant placedAt = kit.t.clock.instant();

        Order order = kit.place(ana, tenClasses());

        List<Credit> credits = kit.credits(order);
        assertThat(credits).hasSize(10).allSatisfy(credit -> {
            assertThat(credit.clientId()).isEqualTo(ana.id());
            assertThat(credit.source()).isEqualTo(CreditSource.order(order.id()));
            assertThat(credit.source().kind()).isEqualTo(CreditSource.Kind.PACKAGE);
            assertThat(credit.state()).isEqualTo(CreditState.REDEEMABLE);
            assertThat(credit.issuedAt()).isEqualTo(placedAt);
            // 2026-03-02T09:00Z plus three calendar months
            assertThat(credit.expiresAt()).contains(Instant.parse("2026-06-02T09:00:00Z"));
            assertThat(credit.changedBy()).isEqualTo(OWNER.describe());
        });
        assertThat(kit.t.<List<Credit>>read(s -> s.credits().listForClient(TENANT, ana.id())))
                .as("nothing but the package's credits in the ledger").hasSize(10);
        assertThat(kit.t.memory.events().events(CreditEvents.CreditIssued.class))
                .hasSize(10).allSatisfy(e -> assertThat(e.source()).isEqualTo(CreditSource.Kind.PACKAGE));
    }

    @Test
    void the_order_is_stored_placed_with_its_lines_creator_and_time() {
        Order order = orders.place(MANAGER, TENANT, ana.id(), List.of(tenClasses(), massage("bk-1")));

        assertThat(kit.t.<Optional<Order>>read(s -> s.orders().find(TENANT, order.id()))).contains(order);
        assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(order.leadBooker()).isEqualTo(ana.id());
        assertThat(order.createdBy()).isEqualTo(MANAGER.describe());
        assertThat(order.createdAt()).isEqualTo(kit.t.clock.instant());
        assertThat(order.cancellation()).isEmpty();
        assertThat(order.cancelledAt()).isEmpty();
        assertThat(order.version()).isZero();
        assertThat(order.lines()).hasSize(2);
        assertThat(order.lines().get(0)).isEqualTo(new OrderLine.PackagePurchase("10 classes", 10,
                Optional.of(Period.ofMonths(3)), Money.of("EUR", amount("120"))));
        assertThat(kit.t.memory.events().events(OrderEvents.OrderPlaced.class)).containsExactly(
                new OrderEvents.OrderPlaced(TENANT, order.id(), ana.id(), 10, order.createdAt()));
    }

    @Test
    void a_booking_reference_line_grants_no_credit() {
        Order order = kit.place(ana, massage("bk-1"));

        assertThat(kit.credits(order)).isEmpty();
        assertThat(kit.t.<List<Credit>>read(s -> s.credits().listForClient(TENANT, ana.id())))
                .isEmpty();
        assertThat(order.packageCredits()).isZero();
        assertThat(kit.t.memory.events().events(CreditEvents.CreditIssued.class)).isEmpty();
    }

    @Test
    void package_credits_without_validity_never_expire() {
        Order order = kit.place(ana, fiveSaunas());

        assertThat(kit.credits(order)).hasSize(5).allSatisfy(c -> assertThat(c.expiresAt()).isEmpty());
    }

    @Test
    void every_package_line_grants_its_own_credits_with_its_own_expiry() {
        OrderLineInput twoWeeks = OrderLineInput.packagePurchase("Trial", 2, Period.ofDays(14), "EUR",
                amount("0"));

        Order order = kit.place(ana, tenClasses(), fiveSaunas(), twoWeeks, massage("bk-1"));

        List<Credit> credits = kit.credits(order);
        assertThat(credits).hasSize(17);
        assertThat(order.packageCredits()).isEqualTo(17);
        assertThat(credits.stream().filter(c -> c.expiresAt().isEmpty())).hasSize(5);
        assertThat(credits.stream().filter(c -> c.expiresAt().equals(Optional.of(
                Instant.parse("2026-03-16T09:00:00Z"))))).hasSize(2);
        assertThat(credits.stream().filter(c -> c.expiresAt().equals(Optional.of(
                Instant.parse("2026-06-02T09:00:00Z"))))).hasSize(10);
    }

    @Test
    void the_total_is_the_sum_of_the_line_prices() {
        Order order = kit.place(ana, tenClasses(), fiveSaunas(), massage("bk-1"), massage("bk-2"));

        assertThat(order.total()).isEqualTo(Money.of("EUR", amount("290.00")));
        assertThat(order.total().toString()).isEqualTo("EUR 290.00");
    }

    @Test
    void lines_in_different_currencies_are_refused_and_nothing_changes() {
        var before = kit.state();
        OrderLineInput inFrancs = OrderLineInput.bookingReference("bk-9", "Massage", "CHF", amount("70"));

        assertThatThrownBy(() -> kit.place(ana, tenClasses(), inFrancs))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("lines");
                    assertThat(e.rule()).isEqualTo("currency_mismatch");
                });
        assertThat(kit.state()).isEqualTo(before);
    }

    static Stream<Arguments> invalidLines() {
        BigDecimal price = amount("10");
        return Stream.of(
                Arguments.of(OrderLineInput.packagePurchase("Pack", 0, Period.ofMonths(1), "EUR", price),
                        "lines[1].credits", "range"),
                Arguments.of(OrderLineInput.packagePurchase("Pack", 101, Period.ofMonths(1), "EUR", price),
                        "lines[1].credits", "range"),
                Arguments.of(OrderLineInput.packagePurchase(" ", 5, Period.ofMonths(1), "EUR", price),
                        "lines[1].name", "required"),
                Arguments.of(OrderLineInput.packagePurchase("Pack\nTwo", 5, Period.ofMonths(1), "EUR", price),
                        "lines[1].name", "line_break"),
                Arguments.of(OrderLineInput.packagePurchase("x".repeat(101), 5, Period.ofMonths(1), "EUR", price),
                        "lines[1].name", "max_length"),
                Arguments.of(OrderLineInput.packagePurchase("Pack", 5, Period.ZERO, "EUR", price),
                        "lines[1].creditValidity", "positive"),
                Arguments.of(OrderLineInput.packagePurchase("Pack", 5, Period.ofDays(-1), "EUR", price),
                        "lines[1].creditValidity", "positive"),
                Arguments.of(OrderLineInput.packagePurchase("Pack", 5, Period.of(10, 0, 1), "EUR", price),
                        "lines[1].creditValidity", "range"),
                Arguments.of(new OrderLineInput.PackagePurchase("Pack", 5, null, "EUR", price),
                        "lines[1].creditValidity", "required"),
                Arguments.of(OrderLineInput.packageWithoutExpiry("Pack", 5, "EUR", amount("-1")),
                        "lines[1].amount", "not_negative"),
                Arguments.of(OrderLineInput.packageWithoutExpiry("Pack", 5, "EUR", amount("1.005")),
                        "lines[1].amount", "scale"),
                Arguments.of(OrderLineInput.packageWithoutExpiry("Pack", 5, "EURO", price),
                        "lines[1].currency", "format"),
                Arguments.of(OrderLineInput.packageWithoutExpiry("Pack", 5, "ZZZ", price),
                        "lines[1].currency", "iso_4217"),
                Arguments.of(OrderLineInput.packageWithoutExpiry("Pack", 5, "EUR", null),
                        "lines[1].amount", "required"),
                Arguments.of(OrderLineInput.bookingReference("", "Massage", "EUR", price),
                        "lines[1].bookingRef", "required"),
                Arguments.of(OrderLineInput.bookingReference("b".repeat(101), "Massage", "EUR", price),
                        "lines[1].bookingRef", "max_length"),
                Arguments.of(OrderLineInput.bookingReference("bk-2", "Massage\u202E", "EUR", price),
                        "lines[1].description", "forbidden_character"),
                Arguments.of(OrderLineInput.bookingReference("bk-1", "Massage again", "EUR", price),
                        "lines[1].bookingRef", "duplicate"),
                Arguments.of(null, "lines[1]", "required"));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("invalidLines")
    void an_invalid_line_is_refused_naming_its_field_and_rule_and_nothing_changes(OrderLineInput bad,
            String field, String rule) {
        var before = kit.state();
        List<OrderLineInput> lines = new ArrayList<>();
        lines.add(massage("bk-1"));
        lines.add(bad);

        assertThatThrownBy(() -> orders.place(OWNER, TENANT, ana.id(), lines))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.rule()).isEqualTo(rule);
                });
        assertThat(kit.state()).isEqualTo(before);
    }

    @Test
    void an_order_needs_one_to_fifty_lines() {
        var before = kit.state();

        assertThatThrownBy(() -> orders.place(OWNER, TENANT, ana.id(), List.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("lines");
                    assertThat(e.rule()).isEqualTo("required");
                });
        assertThatThrownBy(() -> orders.place(OWNER, TENANT, ana.id(), Collections.nCopies(51, fiveSaunas())))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("lines");
                    assertThat(e.rule()).isEqualTo("max_size");
                });
        assertThat(kit.state()).isEqualTo(before);

        Order fifty = orders.place(OWNER, TENANT, ana.id(), Collections.nCopies(50, fiveSaunas()));
        assertThat(kit.credits(fifty)).hasSize(250);
    }

    @Test
    void an_erased_client_cannot_place_an_order() {
        kit.t.clientele.erasure().erase(OWNER, TENANT, ana.id());
        var before = kit.state();

        assertThatThrownBy(() -> kit.place(ana, tenClasses()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        assertThat(kit.state()).isEqualTo(before);
    }
}
