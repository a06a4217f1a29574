package io.clientele.payment;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.payment.PaymentKit.self;
import static io.clientele.payment.PaymentKit.sepa;
import static io.clientele.payment.PaymentKit.visa;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.staffWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.adapter.memory.RecordingPaymentGateway;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.payment.model.PaymentEvents;
import io.clientele.payment.model.PaymentGatewayException;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodId;
import io.clientele.payment.model.PaymentMethodKind;
import io.clientele.payment.model.PaymentMethodStatus;
import io.clientele.payment.service.PaymentMethodService;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Saving, listing and cancelling payment methods: the lifecycle, the provider, who may, which tenant. */
class PaymentMethodServiceTest {

    private final PaymentKit kit = new PaymentKit();
    private final PaymentMethodService payments = kit.payments;
    private final Client ana = kit.client("Ana");
    private final Client bo = kit.client("Bo");

    @Nested
    class Adding {

        @Test
        void a_saved_card_is_active_with_what_the_provider_described() {
            Instant now = kit.t.clock.instant();

            PaymentMethod card = payments.add(MANAGER, TENANT, ana.id(), visa("pm_1PqA7bKx9"));

            assertThat(card.tenantId()).isEqualTo(TENANT);
            assertThat(card.clientId()).isEqualTo(ana.id());
            assertThat(card.kind()).isEqualTo(PaymentMethodKind.CARD);
            assertThat(card.brand()).isEqualTo("Visa");
            assertThat(card.last4()).isEqualTo("4242");
            assertThat(card.expiry()).contains(YearMonth.of(2031, 8));
            assertThat(card.providerRef()).isEqualTo("pm_1PqA7bKx9");
            assertThat(card.status()).isEqualTo(PaymentMethodStatus.ACTIVE);
            assertThat(card.addedAt()).isEqualTo(now);
            assertThat(card.cancelledAt()).isEmpty();
            assertThat(card.version()).isZero();
            assertThat(payments.list(VIEWER, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(card);
            assertThat(kit.gateway.calls()).isEmpty();
        }

        @Test
        void saving_is_audited_and_published_with_kind_brand_and_last_four_only() {
            PaymentMethod card = kit.addVisa(ana, "pm_1PqA7bKx9");

            assertThat(kit.t.lastAudit(AuditAction.PAYMENT_METHOD_ADDED).changes()).containsExactly(
                    new FieldChange("paymentMethod", Optional.empty(), Optional.of(card.id().toString())),
                    new FieldChange("kind", Optional.empty(), Optional.of("CARD")),
                    new FieldChange("brand", Optional.empty(), Optional.of("Visa")),
                    new FieldChange("last4", Optional.empty(), Optional.of("****4242"), true));
            assertThat(kit.t.memory.events().events(PaymentEvents.PaymentMethodAdded.class)).singleElement()
                    .satisfies(e -> {
                        assertThat(e.paymentMethodId()).isEqualTo(card.id());
                        assertThat(e.clientId()).isEqualTo(ana.id());
                    });
        }

        @Test
        void the_list_is_newest_first_cancelled_methods_included_and_only_that_clients() {
            PaymentMethod first = kit.addVisa(ana, "pm_first");
            kit.t.clock.advance(Duration.ofMinutes(1));
            PaymentMethod mandate = payments.add(OWNER, TENANT, ana.id(), sepa("src_mandate"));
            kit.addVisa(bo, "pm_bo");
            PaymentMethod cancelled = payments.cancel(OWNER, TENANT, first.id(),
                    kit.t.paymentMethodVersion(first.id()));

            assertThat(payments.list(OWNER, TENANT, ana.id(), PageRequest.first())
                    .items()).containsExactly(mandate, cancelled);
        }

        @Test
        void the_same_provider_reference_is_saved_once_while_active_and_again_after_cancelling() {
            PaymentMethod card = kit.addVisa(ana, "pm_same");
            Map<String, List<String>> before = kit.storedState();

            assertThatThrownBy(() -> kit.addVisa(ana, "pm_same")).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE));
            assertThat(kit.storedState()).isEqualTo(before);

            payments.cancel(OWNER, TENANT, card.id(), kit.t.paymentMethodVersion(card.id()));
            PaymentMethod again = kit.addVisa(ana, "pm_same");
            assertThat(again.active()).isTrue();
        }

        @Test
        void an_erased_client_takes_no_payment_method() {
            kit.erase(ana);
            Map<String, List<String>> before = kit.storedState();

            assertThatThrownBy(() -> kit.addVisa(ana, "pm_late")).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
            assertThat(kit.storedState()).isEqualTo(before);
        }

        @Test
        void a_unit_of_work_that_fails_after_saving_leaves_no_method_behind() {
            assertThatThrownBy(() -> kit.t.memory.transactions().run(() -> {
                kit.addVisa(ana, "pm_doomed");
                throw new IllegalStateException("boom");
            })).hasMessage("boom");

            assertThat(kit.store.listForClient(TENANT, ana.id())).isEmpty();
            assertThat(kit.t.auditEntries(AuditAction.PAYMENT_METHOD_ADDED)).isEmpty();
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelling_detaches_at_the_provider_then_marks_the_method_cancelled() {
            PaymentMethod card = kit.addVisa(ana, "pm_to_cancel");
            kit.t.clock.advance(Duration.ofDays(3));
            Instant now = kit.t.clock.instant();

            PaymentMethod cancelled = payments.cancel(MANAGER, TENANT, card.id(),
                    kit.t.paymentMethodVersion(card.id()));

            assertThat(kit.gateway.calls()).containsExactly(
                    new RecordingPaymentGateway.Detach(TENANT, "pm_to_cancel", true));
            assertThat(cancelled.status()).isEqualTo(PaymentMethodStatus.CANCELLED);
            assertThat(cancelled.cancelledAt()).contains(now);
            assertThat(cancelled.version()).isEqualTo(1);
            assertThat(kit.store.find(TENANT, card.id())).contains(cancelled);
            assertThat(kit.t.lastAudit(AuditAction.PAYMENT_METHOD_CANCELLED).changes()).containsExactly(
                    new FieldChange("paymentMethod[" + card.id() + "].status", Optional.of("ACTIVE"),
                            Optional.of("CANCELLED")));
            assertThat(kit.t.memory.events().events(PaymentEvents.PaymentMethodCancelled.class)).singleElement()
                    .satisfies(e -> assertThat(e.paymentMethodId()).isEqualTo(card.id()));
        }

        @Test
        void the_method_is_still_active_while_the_provider_detaches_it() {
            List<PaymentMethodStatus> seenByProvider = new ArrayList<>();
            PaymentKit watched = new PaymentKit((k, recording) -> (tenant, ref) -> {
                recording.detach(tenant, ref);
                seenByProvider.add(k.byRef(tenant, ref).status());
            });
            PaymentMethod card = watched.addVisa(watched.client("Cy"), "pm_watched");

            watched.payments.cancel(OWNER, TENANT, card.id(), kit.t.paymentMethodVersion(card.id()));

            assertThat(seenByProvider).containsExactly(PaymentMethodStatus.ACTIVE);
            assertThat(watched.byRef(TENANT, "pm_watched").status()).isEqualTo(PaymentMethodStatus.CANCELLED);
        }

        @Test
        void a_provider_failure_keeps_the_method_active_and_says_which_method_failed() {
            PaymentMethod card = kit.addVisa(ana, "pm_flaky");
            kit.gateway.failAll();
            Map<String, List<String>> before = kit.storedState();

            assertThatThrownBy(() -> payments.cancel(OWNER, TENANT, card.id(), kit.t.paymentMethodVersion(card.id())))
                    .isInstanceOfSatisfying(PaymentGatewayException.class, e -> {
                        assertThat(e.code()).isEqualTo("payment_gateway");
                        assertThat(e.paymentMethodId()).isEqualTo(card.id());
                        assertThat(e.getMessage()).contains(card.id().toString())
                                .doesNotContain("pm_flaky", "4242");
                        assertThat(e.getCause()).as("the provider's exception is not passed on").isNull();
                        assertThat(e.getMessage()).contains(RecordingPaymentGateway.ProviderUnavailableException.class.getName());
                    });

            assertThat(kit.storedState()).isEqualTo(before);
            assertThat(kit.store.find(TENANT, card.id()).orElseThrow().status()).isEqualTo(PaymentMethodStatus.ACTIVE);
            assertThat(kit.t.auditEntries(AuditAction.PAYMENT_METHOD_CANCELLED)).isEmpty();
        }

        @Test
        void cancelling_again_after_the_provider_recovers_succeeds() {
            PaymentMethod card = kit.addVisa(ana, "pm_flaky");
            kit.gateway.failFor("pm_flaky");
            assertThatThrownBy(() -> payments.cancel(OWNER, TENANT, card.id(), kit.t.paymentMethodVersion(card.id())))
                    .isInstanceOf(PaymentGatewayException.class);

            kit.gateway.recover();
            PaymentMethod cancelled = payments.cancel(OWNER, TENANT, card.id(), kit.t.paymentMethodVersion(card.id()));

            assertThat(cancelled.status()).isEqualTo(PaymentMethodStatus.CANCELLED);
            assertThat(kit.gateway.calls()).extracting(RecordingPaymentGateway.Detach::succeeded)
                    .containsExactly(false, true);
        }

        @Test
        void a_cancelled_method_cannot_be_cancelled_again_and_the_provider_is_not_called_twice() {
            PaymentMethod card = kit.addVisa(ana, "pm_once");
            payments.cancel(OWNER, TENANT, card.id(), kit.t.paymentMethodVersion(card.id()));
            Map<String, List<String>> before = kit.storedState();

            assertThatThrownBy(() -> payments.cancel(OWNER, TENANT, card.id(), kit.t.paymentMethodVersion(card.id())))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
            assertThat(kit.gateway.detached()).containsExactly("pm_once");
            assertThat(kit.storedState()).isEqualTo(before);
        }

        @Test
        void a_method_cancelled_by_someone_else_while_the_provider_answered_is_not_cancelled_twice() {
            AtomicBoolean interleaved = new AtomicBoolean();
            PaymentKit racing = new PaymentKit((k, recording) -> (tenant, ref) -> {
                recording.detach(tenant, ref);
                if (interleaved.compareAndSet(false, true)) {
                    // another cancellation commits while the first one waits for the provider
                    k.payments.cancel(MANAGER, tenant, k.byRef(tenant, ref).id(),
                            kit.t.paymentMethodVersion(k.byRef(tenant, ref).id()));
                }
            });
            PaymentMethod card = racing.addVisa(racing.client("Cy"), "pm_race");

            assertThatThrownBy(() -> racing.payments.cancel(OWNER, TENANT, card.id(),
                    kit.t.paymentMethodVersion(card.id())))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
            assertThat(racing.t.auditEntries(AuditAction.PAYMENT_METHOD_CANCELLED)).singleElement()
                    .satisfies(e -> assertThat(e.actor()).isEqualTo(MANAGER.describe()));
            assertThat(racing.byRef(TENANT, "pm_race").version()).isEqualTo(1);
        }
    }

    @Nested
    class Permissions {

        @Test
        void saving_and_cancelling_require_manage_payment_methods() {
            PaymentMethod card = kit.addVisa(ana, "pm_kept");
            Actor.Staff withoutIt = staffWithout("desk-1", Permission.MANAGE_PAYMENT_METHODS);
            Map<String, List<String>> before = kit.storedState();

            assertDenied(() -> payments.add(withoutIt, TENANT, ana.id(), visa("pm_new")));
            assertDenied(() -> payments.add(VIEWER, TENANT, ana.id(), visa("pm_new")));
            assertDenied(() -> payments.cancel(withoutIt, TENANT, card.id(), kit.t.paymentMethodVersion(card.id())));
            assertDenied(() -> payments.cancel(NOBODY, TENANT, card.id(), kit.t.paymentMethodVersion(card.id())));
            assertThat(kit.storedState()).isEqualTo(before);
            assertThat(kit.gateway.calls()).isEmpty();
        }

        @Test
        void a_client_may_list_their_own_methods_but_never_save_or_cancel_even_their_own() {
            PaymentMethod card = kit.addVisa(ana, "pm_anas");
            kit.addVisa(bo, "pm_bos");
            Map<String, List<String>> before = kit.storedState();

            assertThat(payments.list(self(ana), TENANT, ana.id(), PageRequest.first()).items()).containsExactly(card);
            assertDenied(() -> payments.list(self(ana), TENANT, bo.id(), PageRequest.first()).items());
            assertDenied(() -> payments.add(self(ana), TENANT, ana.id(), visa("pm_self")));
            assertDenied(() -> payments.cancel(self(ana), TENANT, card.id(), kit.t.paymentMethodVersion(card.id())));
            assertThat(kit.storedState()).isEqualTo(before);
            assertThat(kit.gateway.calls()).isEmpty();
        }

        @Test
        void listing_requires_view_clients() {
            kit.addVisa(ana, "pm_listed");

            assertDenied(() -> payments.list(NOBODY, TENANT, ana.id(), PageRequest.first()).items());
            assertDenied(() -> payments.list(staffWithout("desk-1", Permission.VIEW_CLIENTS), TENANT, ana.id(),
                    PageRequest.first()).items());
            assertThat(payments.list(VIEWER, TENANT, ana.id(), PageRequest.first()).items()).hasSize(1);
        }
    }

    @Nested
    class Tenancy {

        @Test
        void another_tenants_client_is_not_found_for_saving_or_listing() {
            Map<String, List<String>> before = kit.storedState();

            assertNotFound("client", () -> payments.add(OTHER_OWNER, OTHER_TENANT, ana.id(), visa("pm_x")));
            assertNotFound("client", () -> payments.list(OTHER_OWNER, OTHER_TENANT, ana.id(), PageRequest.first())
                    .items());
            assertNotFound("client", () -> payments.list(self(ana), OTHER_TENANT, ana.id(), PageRequest.first())
                    .items());
            assertThat(kit.storedState()).isEqualTo(before);
        }

        @Test
        void another_tenants_method_is_not_found_and_the_provider_is_not_called() {
            PaymentMethod card = kit.addVisa(ana, "pm_tenant_a");
            Map<String, List<String>> before = kit.storedState();

            assertNotFound("payment method", () -> payments.cancel(OTHER_OWNER, OTHER_TENANT, card.id(),
                    kit.t.paymentMethodVersion(card.id())));
            assertThat(kit.storedState()).isEqualTo(before);
            assertThat(kit.gateway.calls()).isEmpty();
        }

        @Test
        void unknown_clients_and_methods_are_not_found() {
            assertNotFound("client", () -> payments.add(OWNER, TENANT, new ClientId(UUID.randomUUID()),
                    visa("pm_x")));
            assertNotFound("client", () -> payments.list(OWNER, TENANT, new ClientId(UUID.randomUUID()),
                    PageRequest.first()).items());
            assertNotFound("payment method", () -> payments.cancel(OWNER, TENANT,
                    new PaymentMethodId(UUID.randomUUID()),
                    kit.t.paymentMethodVersion(new PaymentMethodId(UUID.randomUUID()))));
        }

        @Test
        void each_tenant_lists_its_own_clients_methods() {
            Client cy = kit.client(OTHER_TENANT, "Cy");
            PaymentMethod cys = payments.add(OTHER_OWNER, OTHER_TENANT, cy.id(), visa("pm_shared_ref"));
            PaymentMethod anas = kit.addVisa(ana, "pm_shared_ref");

            assertThat(payments.list(OTHER_OWNER, OTHER_TENANT, cy.id(), PageRequest.first())
                    .items()).containsExactly(cys);
            assertThat(payments.list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(anas);
        }
    }

    private static void assertDenied(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(AccessDeniedException.class);
    }

    private static void assertNotFound(String resource, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.resource()).isEqualTo(resource));
    }
}
