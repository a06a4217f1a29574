package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ClientId;
import io.clientele.common.Cursor;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodId;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.payment.model.PaymentMethodKind;
import io.clientele.payment.port.PaymentMethodRepository;
import io.clientele.testkit.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the payment method adapter does beyond its contract, on PostgreSQL 17 and H2: keyset pages
 * across methods added at the same time, positions that are not one refused, a method without
 * expiry kept without one, texts at the domain's longest stored whole, and a read after a conditional update in the same unit of work seeing
 * the update.
 */
class JpaPaymentMethodRepositoryTest {

    private final Fixtures fx = Fixtures.standard();
    private final TenantId tenant = fx.newTenant();
    private final ClientId ana = fx.newClientId();

    private static PaymentMethodRepository methods(TestedDatabase db) {
        return db.adapters().paymentMethods();
    }

    private PaymentMethod insert(TestedDatabase db) {
        return db.adapters().transactions().inTransaction(() -> methods(db).insert(
                fx.paymentMethod(tenant, ana, Fixtures.providerReference())));
    }

    private Page<PaymentMethod> page(TestedDatabase db, PageRequest request) {
        return db.adapters().transactions().inReadOnlyTransaction(() -> methods(db).pageForClient(tenant, ana, request));
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void pages_split_between_methods_added_at_the_same_time_lose_and_repeat_none(TestedDatabase db) {
        PaymentMethod first = insert(db);
        PaymentMethod second = insert(db);
        fx.advance(Duration.ofHours(1));
        PaymentMethod third = insert(db);
        PaymentMethod fourth = insert(db);
        fx.advance(Duration.ofHours(1));
        PaymentMethod fifth = insert(db);

        Page<PaymentMethod> one = page(db, PageRequest.first(2));
        Page<PaymentMethod> two = page(db, PageRequest.after(one.next().orElseThrow(), 2));
        Page<PaymentMethod> three = page(db, PageRequest.after(two.next().orElseThrow(), 2));

        assertThat(one.items()).containsExactly(fifth, fourth);
        assertThat(two.items()).containsExactly(third, second);
        assertThat(three.items()).containsExactly(first);
        assertThat(three.hasNext()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void a_page_position_that_is_not_one_is_refused_on_field_cursor(TestedDatabase db) {
        for (Cursor forged : List.of(Cursor.of("yesterday", ana.toString()), Cursor.of(fx.now().toString(), "x"),
                Cursor.of(ana.toString()))) {
            assertThatThrownBy(() -> page(db, PageRequest.after(forged, 2)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void a_method_without_expiry_is_stored_and_read_without_one(TestedDatabase db) {
        PaymentMethod debit = PaymentMethod.add(new PaymentMethodId(fx.nextId()), tenant, ana,
                PaymentMethodInput.of(PaymentMethodKind.SEPA_DEBIT, "SEPA", "1234", "mandate_" + Fixtures.randomHex(6)),
                fx.now());

        db.adapters().transactions().run(() -> methods(db).insert(debit));

        assertThat(db.adapters().transactions().inReadOnlyTransaction(() -> methods(db).find(tenant, debit.id())))
                .contains(debit);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void texts_at_the_domain_s_longest_in_characters_beyond_the_basic_plane_are_stored_whole(TestedDatabase db) {
        String emoji = "\uD83D\uDCB3";
        PaymentMethod wallet = PaymentMethod.add(new PaymentMethodId(fx.nextId()), tenant, ana,
                PaymentMethodInput.of(PaymentMethodKind.WALLET, emoji.repeat(40), "0042", emoji.repeat(200)), fx.now());

        db.adapters().transactions().run(() -> methods(db).insert(wallet));

        assertThat(db.adapters().transactions().inReadOnlyTransaction(() -> methods(db).find(tenant, wallet.id())))
                .contains(wallet);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void a_read_after_a_conditional_update_in_the_same_unit_of_work_sees_the_update(TestedDatabase db) {
        PaymentMethod card = insert(db);

        List<Optional<PaymentMethod>> reads = db.adapters().transactions().inTransaction(() -> {
            Optional<PaymentMethod> before = methods(db).find(tenant, card.id());
            methods(db).update(card.cancel(fx.now()));
            return List.of(before, methods(db).find(tenant, card.id()),
                    methods(db).listForClient(tenant, ana).stream().findFirst());
        });

        PaymentMethod cancelled = card.cancel(fx.now()).withVersion(1);
        assertThat(reads).containsExactly(Optional.of(card), Optional.of(cancelled), Optional.of(cancelled));
    }
}
