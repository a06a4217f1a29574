package io.clientele;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.clientele.client.model.AddressId;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.NoteId;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.Cursor;
import io.clientele.common.MembershipId;
import io.clientele.common.OrderId;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.service.ConsentService;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.port.MembershipStandings;
import io.clientele.credit.service.CreditService;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.service.MembershipService;
import io.clientele.membership.service.MembershipTypeService;
import io.clientele.order.service.OrderService;
import io.clientele.payment.model.PaymentGatewayException;
import io.clientele.payment.model.PaymentMethodId;
import io.clientele.payment.service.PaymentMethodService;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8 point 4, "Typed ids everywhere": credit, membership, membership type, order, payment
 * method and preference ids were raw {@link UUID}s, so a membership id passed where an order id
 * belongs compiled. Each is now a record of its own; these tests pin the types where a swap used
 * to compile, and the shared rules of every id (validated, parsed with a {@link
 * ValidationException}, printed as the uuid).
 */
class TypedIdsTest {

    private static final UUID UUID_7 = UUID.fromString("0190b3a4-7c1e-7a2b-9c3d-4e5f60718293");

    /** One id type: its class, its field name in errors, its constructor and parser. */
    record IdKind(Class<?> type, String field, Function<UUID, Object> make, Function<String, Object> parse) {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static Stream<IdKind> kinds() {
        return Stream.of(
                new IdKind(CreditId.class, "creditId", CreditId::new, CreditId::parse),
                new IdKind(MembershipId.class, "membershipId", MembershipId::new, MembershipId::parse),
                new IdKind(MembershipTypeId.class, "membershipTypeId", MembershipTypeId::new,
                        MembershipTypeId::parse),
                new IdKind(OrderId.class, "orderId", OrderId::new, OrderId::parse),
                new IdKind(PaymentMethodId.class, "paymentMethodId", PaymentMethodId::new, PaymentMethodId::parse),
                new IdKind(PreferenceId.class, "preferenceId", PreferenceId::new, PreferenceId::parse),
                new IdKind(NoteId.class, "noteId", NoteId::new, NoteId::parse),
                new IdKind(AddressId.class, "addressId", AddressId::new, AddressId::parse));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void an_id_prints_as_its_uuid_and_parses_back_to_an_equal_id(IdKind kind) {
        Object id = kind.make().apply(UUID_7);

        assertThat(id).hasToString("0190b3a4-7c1e-7a2b-9c3d-4e5f60718293");
        assertThat(kind.parse().apply("0190b3a4-7c1e-7a2b-9c3d-4e5f60718293")).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void an_id_refuses_a_missing_uuid_and_text_that_is_not_one_naming_its_field(IdKind kind) {
        assertThatThrownBy(() -> kind.make().apply(null)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(kind.field());
            assertThat(e.rule()).isEqualTo("required");
        });
        assertThatThrownBy(() -> kind.parse().apply("order-42")).isInstanceOfSatisfying(ValidationException.class,
                e -> {
                    assertThat(e.field()).isEqualTo(kind.field());
                    assertThat(e.rule()).isEqualTo("format");
                });
        assertThatThrownBy(() -> kind.parse().apply(null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void ids_of_two_kinds_are_never_equal_even_over_the_same_uuid() {
        List<Object> sameUuid = kinds().map(k -> k.make().apply(UUID_7)).toList();

        for (Object a : sameUuid) {
            for (Object b : sameUuid) {
                if (a != b) {
                    assertThat(a).as(a.getClass().getSimpleName() + " vs " + b.getClass().getSimpleName())
                            .isNotEqualTo(b);
                    assertThat(a.getClass().isAssignableFrom(b.getClass())).isFalse();
                }
            }
        }
    }

    @Test
    void the_new_ids_sort_as_their_uuids_so_creation_order_is_kept() {
        UUID earlier = new UUID(0x0190b3a47c1e7000L, 0x8000000000000001L);
        UUID later = new UUID(0x0190b3a47c1f7000L, 0x8000000000000000L);

        assertThat(new CreditId(earlier)).isLessThan(new CreditId(later));
        assertThat(new MembershipId(earlier)).isLessThan(new MembershipId(later));
        assertThat(new MembershipTypeId(earlier)).isLessThan(new MembershipTypeId(later));
        assertThat(new OrderId(earlier)).isLessThan(new OrderId(later));
        assertThat(new PaymentMethodId(earlier)).isLessThan(new PaymentMethodId(later));
        assertThat(new PreferenceId(earlier)).isLessThan(new PreferenceId(later));
    }

    /** The use cases where two ids of different kinds sat side by side as UUIDs. */
    @Test
    void use_cases_that_took_raw_uuids_take_the_id_of_their_kind_so_a_swap_does_not_compile() throws Exception {
        assertThat(parameters(CreditService.class, "revoke")).contains(CreditId.class).doesNotContain(UUID.class);
        assertThat(parameters(MembershipService.class, "pause")).contains(MembershipId.class);
        assertThat(parameters(MembershipTypeService.class, "renameType")).contains(MembershipTypeId.class);
        assertThat(parameters(MembershipService.class, "addMembership")).contains(ClientId.class,
                MembershipTypeId.class);
        assertThat(parameters(OrderService.class, "cancel")).contains(OrderId.class);
        assertThat(parameters(OrderService.class, "get")).contains(OrderId.class);
        assertThat(parameters(PaymentMethodService.class, "cancel")).contains(PaymentMethodId.class);
        assertThat(parameters(ConsentService.class, "optIn")).contains(ClientId.class, PreferenceId.class);
        assertThat(MembershipStandings.class.getMethod("standing", io.clientele.common.TenantId.class,
                ClientId.class, MembershipId.class)).isNotNull();
    }

    @Test
    void a_credit_source_names_its_membership_or_order_by_their_typed_ids() {
        MembershipId membership = new MembershipId(UUID_7);
        OrderId order = new OrderId(UUID_7);

        assertThat(CreditSource.membership(membership).membershipId()).contains(membership);
        assertThat(CreditSource.order(order).orderId()).contains(order);
        assertThat(CreditSource.membership(membership)).isNotEqualTo(CreditSource.order(order));
        assertThat(CreditSource.membership().reference()).isEmpty();
        assertThat(CreditSource.order(order).reference()).contains(UUID_7.toString());
        assertThatThrownBy(() -> new CreditSource(CreditSource.Kind.PACKAGE, Optional.of(membership),
                Optional.empty())).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.rule()).isEqualTo("reference"));
        assertThatThrownBy(() -> new CreditSource(CreditSource.Kind.MEMBERSHIP, Optional.empty(),
                Optional.of(order))).isInstanceOf(ValidationException.class);
    }

    @Test
    void a_client_acting_for_themself_is_named_by_a_client_id_not_a_raw_uuid() {
        RecordComponent[] components = Actor.ClientSelf.class.getRecordComponents();

        assertThat(components).extracting(RecordComponent::getType).containsExactly(ClientId.class);
        assertThat(new Actor.ClientSelf(new ClientId(UUID_7)).describe()).isEqualTo("client:" + UUID_7);
    }

    @Test
    void a_payment_gateway_failure_names_the_payment_method_by_its_typed_id() {
        PaymentMethodId method = new PaymentMethodId(UUID_7);

        assertThat(new PaymentGatewayException(method, "kept", "IOException").paymentMethodId()).isEqualTo(method);
    }

    @Test
    void a_client_list_position_holds_a_client_id_and_refuses_a_cursor_without_one() {
        ClientSummary.Position position = ClientSummary.Position.of(Cursor.of("lopez\u0001ana", UUID_7.toString()));

        assertThat(position.id()).isEqualTo(new ClientId(UUID_7));
        assertThatThrownBy(() -> ClientSummary.Position.of(Cursor.of("lopez\u0001ana", "not-a-uuid")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }

    /**
     * The sweep behind the point: no public method or constructor of a model, port or service of
     * the contexts with typed ids takes or returns a raw UUID, except the ids of append-only
     * records that nothing looks up by (audit entries, ledger lines, consent records, intake
     * submissions) and the id types themselves.
     */
    @Test
    void no_public_signature_of_the_typed_contexts_uses_a_raw_uuid_outside_append_only_records() {
        JavaClasses classes = ArchitectureTest.mainClasses("io.clientele.credit", "io.clientele.membership", "io.clientele.order",
                        "io.clientele.payment", "io.clientele.consent", "io.clientele.intake",
                        "io.clientele.export", "io.clientele.client");
        List<String> allowed = List.of(
                // the id records wrap the uuid
                "CreditId", "MembershipTypeId", "PaymentMethodId", "PreferenceId", "NoteId", "AddressId", "LabelId",
                "GroupId",
                // append-only rows: their id orders them, nothing takes it as an argument
                "CreditChange", "ConsentRecord", "ConsentEvents$ConsentRecorded", "IntakeSubmission",
                "IntakeEvents$IntakeFormRecorded");
        List<String> offenders = classes.stream()
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !allowed.contains(c.getName().substring(c.getPackageName().length() + 1)))
                .flatMap(c -> c.getCodeUnits().stream())
                .filter(u -> u.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(TypedIdsTest::mentionsUuid)
                .map(JavaCodeUnit::getFullName)
                .toList();

        assertThat(offenders).isEmpty();
        assertThat(classes.stream().map(JavaClass::getSimpleName)).contains("CreditService", "OrderService",
                "MembershipService", "ConsentService", "PaymentMethodService");
    }

    private static boolean mentionsUuid(JavaCodeUnit unit) {
        return unit.getRawReturnType().isEquivalentTo(UUID.class)
                || unit.getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(UUID.class));
    }

    private static List<Class<?>> parameters(Class<?> service, String name) {
        List<Method> methods = Arrays.stream(service.getMethods()).filter(m -> m.getName().equals(name)).toList();
        assertThat(methods).as(service.getSimpleName() + "." + name).isNotEmpty();
        return methods.stream().flatMap(m -> Arrays.stream(m.getParameterTypes())).toList();
    }
}
