package io.clientele.audit;

import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ConflictException;
import io.clientele.common.MembershipId;
import io.clientele.common.PageRequest;
import io.clientele.common.ValidationException;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.RedeemResult;
import io.clientele.credit.service.CreditIssue;
import io.clientele.credit.service.CreditService;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.service.MembershipEraser;
import io.clientele.membership.service.MembershipIssuanceJob;
import io.clientele.order.model.Order;
import io.clientele.order.service.OrderLineInput;
import io.clientele.testing.TestClientele;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The credits, orders and memberships sections of a profile audit every change (DESIGN section 4):
 * each command appends exactly its entries, on the right client, by the right actor, with the
 * credit, order or membership id and its states, never a staff reason; a refused command appends
 * nothing. Everything goes through the facade.
 */
class ProfileSectionsAuditTest {

    /** The host's booking flow, redeeming on a client's behalf. */
    private static final Actor.SystemActor BOOKING_FLOW = new Actor.SystemActor("booking-flow");
    /** A staff reason holding personal data, which must stay out of the audit trail. */
    private static final String PRIVATE_REASON = "Ana told us about her knee surgery";

    private final TestClientele t = new TestClientele();
    private final Client ana = t.ana();
    /** A second client, to show that entries land on the client changed and no other. */
    private final Client bob = t.create(ClientDetails.named("Bob", "Martin").withEmail("bob@example.com"));

    // ---- credits ----

    @Nested
    class Credits {

        @Test
        void issuing_credits_by_hand_appends_one_credits_issued_entry_with_count_source_and_expiry() {
            Instant expiry = t.clock.instant().plus(Duration.ofDays(30));

            List<AuditEntry> appended = appendedBy(() -> t.clientele.credits().issueMembershipCredits(MANAGER, TENANT,
                    ana.id(),
                CreditIssue.of(3, PRIVATE_REASON).expiringAt(expiry)));

            assertThat(appended).singleElement().satisfies(e -> {
                assertEntry(e, AuditAction.CREDITS_ISSUED, ana, "staff:manager-1");
                assertThat(e.changes()).containsExactly(added("count", "3"), added("source", "MEMBERSHIP"),
                        added("expiresAt", expiry.toString()));
            });
        }

        @Test
        void credits_of_a_membership_name_it_as_their_source_and_credits_without_expiry_record_none() {
            MembershipType type = t.clientele.membershipTypes().createType(OWNER, TENANT, "Monthly",
                    RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1)));
            MembershipId membershipId = t.clientele.memberships().addMembership(OWNER, TENANT, ana.id(), type.id(),
                    LocalDate.ofInstant(t.clock.instant(), ZoneOffset.UTC)).id();

            List<AuditEntry> appended = appendedBy(() -> t.clientele.credits().issueMembershipCredits(OWNER, TENANT,
                    ana.id(),
                CreditIssue.of(1, "welcome").forMembership(membershipId)));

            assertThat(appended).singleElement().satisfies(e -> assertThat(e.changes())
                    .containsExactly(added("count", "1"), added("source", "MEMBERSHIP " + membershipId)));
        }

        @Test
        void revoking_a_credit_appends_credit_revoked_with_its_states_and_not_the_reason() {
            Credit credit = issue(ana, 1, Optional.empty()).get(0);

            List<AuditEntry> appended = appendedBy(
                    () -> t.clientele.credits().revoke(MANAGER, TENANT, credit.id(), PRIVATE_REASON));

            assertThat(appended).singleElement().satisfies(e -> {
                assertEntry(e, AuditAction.CREDIT_REVOKED, ana, "staff:manager-1");
                assertThat(e.changes()).containsExactly(state(credit, CreditState.REDEEMABLE, CreditState.REVOKED));
            });
            // the reason is kept in the ledger, where it belongs
            assertThat(t.clientele.credits().ledger(OWNER, TENANT, ana.id()))
                    .anySatisfy(line -> assertThat(line.reason()).isEqualTo(PRIVATE_REASON));
        }

        @Test
        void redeeming_a_credit_appends_credit_redeemed_by_the_booking_flow() {
            Credit credit = issue(ana, 1, Optional.empty()).get(0);

            List<AuditEntry> appended = appendedBy(
                    () -> t.clientele.credits().redeem(BOOKING_FLOW, TENANT, ana.id(), "BK-1001"));

            assertThat(appended).singleElement().satisfies(e -> {
                assertEntry(e, AuditAction.CREDIT_REDEEMED, ana, "system:booking-flow");
                assertThat(e.changes()).containsExactly(state(credit, CreditState.REDEEMABLE, CreditState.REDEEMED));
            });
        }

        @Test
        void redeeming_with_no_credit_available_appends_nothing() {
            List<AuditEntry> appended = appendedBy(
                    () -> t.clientele.credits().redeem(BOOKING_FLOW, TENANT, ana.id(), "BK-1001"));

            assertThat(appended).isEmpty();
        }

        @Test
        void cancelling_the_booking_appends_credit_reinstated_for_each_credit_it_took() {
            List<Credit> credits = issue(ana, 2, Optional.empty());
            t.clientele.credits().redeem(BOOKING_FLOW, TENANT, ana.id(), "BK-1001");
            t.clientele.credits().redeem(BOOKING_FLOW, TENANT, ana.id(), "BK-1001");

            List<AuditEntry> appended = appendedBy(() -> t.clientele.credits().cancelBooking(MANAGER, TENANT,
                    "BK-1001", PRIVATE_REASON));

            assertThat(appended).hasSize(2).allSatisfy(
                    e -> assertEntry(e, AuditAction.CREDIT_REINSTATED, ana, "staff:manager-1"));
            assertThat(appended).flatMap(AuditEntry::changes).containsExactlyInAnyOrder(
                    state(credits.get(0), CreditState.REDEEMED, CreditState.REDEEMABLE),
                    state(credits.get(1), CreditState.REDEEMED, CreditState.REDEEMABLE));
        }

        @Test
        void a_credit_reinstated_after_its_expiry_is_audited_as_reinstated_into_expired() {
            Credit credit = issue(ana, 1, Optional.of(t.clock.instant().plus(Duration.ofDays(1)))).get(0);
            t.clientele.credits().redeem(BOOKING_FLOW, TENANT, ana.id(), "BK-1001");
            t.clock.advance(Duration.ofDays(2));

            List<AuditEntry> appended = appendedBy(() -> t.clientele.credits().cancelBooking(BOOKING_FLOW, TENANT,
                    "BK-1001", "class cancelled"));

            assertThat(appended).singleElement().satisfies(e -> {
                assertEntry(e, AuditAction.CREDIT_REINSTATED, ana, "system:booking-flow");
                assertThat(e.changes()).containsExactly(state(credit, CreditState.REDEEMED, CreditState.EXPIRED));
            });
        }

        @Test
        void the_expiry_sweep_appends_credit_expired_by_the_job_for_each_credit_it_expires() {
            Credit soon = issue(ana, 1, Optional.of(t.clock.instant().plus(Duration.ofDays(1)))).get(0);
            Credit bobs = issue(bob, 1, Optional.of(t.clock.instant().plus(Duration.ofDays(1)))).get(0);
            issue(ana, 1, Optional.of(t.clock.instant().plus(Duration.ofDays(30))));
            t.clock.advance(Duration.ofDays(2));

            List<AuditEntry> appended = appendedBy(() -> t.clientele.credits().expireDue(100));

            assertThat(appended).hasSize(2).allSatisfy(e -> {
                assertThat(e.action()).isEqualTo(AuditAction.CREDIT_EXPIRED);
                assertThat(e.actor()).isEqualTo(CreditService.EXPIRY_JOB.describe());
            });
            assertThat(appended).filteredOn(e -> e.clientId().equals(ana.id())).singleElement()
                    .satisfies(e -> assertThat(e.changes())
                            .containsExactly(state(soon, CreditState.REDEEMABLE, CreditState.EXPIRED)));
            assertThat(appended).filteredOn(e -> e.clientId().equals(bob.id())).singleElement()
                    .satisfies(e -> assertThat(e.changes())
                            .containsExactly(state(bobs, CreditState.REDEEMABLE, CreditState.EXPIRED)));
            // a second run changes nothing, so it audits nothing
            assertThat(appendedBy(() -> t.clientele.credits().expireDue(100))).isEmpty();
        }

        @Test
        void refused_credit_commands_append_nothing() {
            Credit credit = issue(ana, 1, Optional.empty()).get(0);
            t.clientele.credits().revoke(OWNER, TENANT, credit.id(), "mistake");
            var credits = t.clientele.credits();

            assertNothingAppended(() -> credits.issueMembershipCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(0, "none")), ValidationException.class);
            assertNothingAppended(() -> credits.issueMembershipCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(1,
                        "past expiry").expiringAt(t.clock.instant().minusSeconds(1))), ValidationException.class);
            assertNothingAppended(() -> credits.issueMembershipCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(1, " ")), ValidationException.class);
            assertNothingAppended(() -> credits.issuePackageCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(1, "by hand")), ValidationException.class);
            assertNothingAppended(() -> credits.issueMembershipCredits(VIEWER, TENANT, ana.id(),
                CreditIssue.of(1, "no permission")), AccessDeniedException.class);
            assertNothingAppended(() -> credits.revoke(NOBODY, TENANT, credit.id(), "no permission"),
                    AccessDeniedException.class);
            assertNothingAppended(() -> credits.revoke(OWNER, TENANT, credit.id(), "already revoked"),
                    ConflictException.class);
            assertNothingAppended(() -> credits.redeem(VIEWER, TENANT, ana.id(), "BK-1"),
                    AccessDeniedException.class);
            assertNothingAppended(() -> credits.redeem(new Actor.ClientSelf(ana.id()), TENANT, ana.id(),
                    "BK-1"), AccessDeniedException.class);
            assertNothingAppended(() -> credits.cancelBooking(VIEWER, TENANT, "BK-1", "no permission"),
                    AccessDeniedException.class);
            assertNothingAppended(() -> credits.expireDue(0), ValidationException.class);
        }
    }

    // ---- orders ----

    @Nested
    class Orders {

        @Test
        void placing_an_order_appends_order_placed_then_credits_issued_for_its_package() {
            List<AuditEntry> appended = appendedBy(() -> t.clientele.orders().place(MANAGER, TENANT, ana.id(),
                    List.of(tenClasses(), OrderLineInput.bookingReference("BK-77", "Private lesson", "EUR",
                            new BigDecimal("45.50")))));

            Order order = t.clientele.orders().listForClient(OWNER, TENANT, ana.id(),
                    PageRequest.first(10)).items().get(0);
            assertThat(appended).extracting(AuditEntry::action)
                    .containsExactly(AuditAction.ORDER_PLACED, AuditAction.CREDITS_ISSUED);
            assertThat(appended).allSatisfy(e -> {
                assertThat(e.clientId()).isEqualTo(ana.id());
                assertThat(e.actor()).isEqualTo("staff:manager-1");
            });
            assertThat(appended.get(0).changes()).containsExactly(added("order", order.id().toString()),
                    added("lines", "2"), added("total", "EUR 165.50"));
            assertThat(appended.get(1).changes()).containsExactly(added("count", "10"),
                    added("source", "PACKAGE " + order.id()),
                    added("expiresAt", order.packagePurchases().get(0)
                            .creditsExpireAt(order.createdAt(), t.clock.getZone()).orElseThrow().toString()));
        }

        @Test
        void an_order_without_package_appends_only_order_placed() {
            List<AuditEntry> appended = appendedBy(() -> t.clientele.orders().place(OWNER, TENANT, ana.id(),
                    List.of(OrderLineInput.bookingReference("BK-77", "Private lesson", "JPY",
                            new BigDecimal("1200")))));

            assertThat(appended).singleElement().satisfies(e -> {
                assertEntry(e, AuditAction.ORDER_PLACED, ana, "staff:owner-1");
                assertThat(e.changes()).contains(added("lines", "1"), added("total", "JPY 1200"));
            });
        }

        @Test
        void cancelling_an_order_appends_the_revocations_then_order_cancelled_with_the_counts() {
            Order order = t.clientele.orders().place(OWNER, TENANT, ana.id(), List.of(tenClasses()));
            RedeemResult.Redeemed used = (RedeemResult.Redeemed) t.clientele.credits().redeem(BOOKING_FLOW, TENANT,
                    ana.id(), "BK-1");

            List<AuditEntry> appended = appendedBy(
                    () -> t.clientele.orders().cancel(MANAGER, TENANT, order.id(), PRIVATE_REASON));

            assertThat(appended).hasSize(10).allSatisfy(e -> {
                assertThat(e.clientId()).isEqualTo(ana.id());
                assertThat(e.actor()).isEqualTo("staff:manager-1");
            });
            assertThat(appended.subList(0, 9)).allSatisfy(e -> {
                assertThat(e.action()).isEqualTo(AuditAction.CREDIT_REVOKED);
                assertThat(e.changes()).singleElement().satisfies(c -> {
                    assertThat(c.field()).doesNotContain(used.credit().id().toString());
                    assertThat(c.before()).contains("REDEEMABLE");
                    assertThat(c.after()).contains("REVOKED");
                });
            });
            assertThat(appended.get(9)).satisfies(e -> {
                assertThat(e.action()).isEqualTo(AuditAction.ORDER_CANCELLED);
                assertThat(e.changes()).containsExactly(
                        new FieldChange("order[" + order.id() + "].status", Optional.of("PLACED"),
                                Optional.of("CANCELLED")),
                        added("creditsRevoked", "9"), added("creditsKept", "1"));
            });
        }

        @Test
        void refused_order_commands_append_nothing() {
            Order order = t.clientele.orders().place(OWNER, TENANT, ana.id(), List.of(tenClasses()));
            t.clientele.orders().cancel(OWNER, TENANT, order.id(), "changed her mind");
            var orders = t.clientele.orders();

            assertNothingAppended(() -> orders.place(OWNER, TENANT, ana.id(), List.of()), ValidationException.class);
            assertNothingAppended(() -> orders.place(OWNER, TENANT, ana.id(), List.of(tenClasses(),
                    OrderLineInput.bookingReference("BK-9", "Lesson", "USD", new BigDecimal("10.00")))),
                    ValidationException.class);
            assertNothingAppended(() -> orders.place(NOBODY, TENANT, ana.id(), List.of(tenClasses())),
                    AccessDeniedException.class);
            assertNothingAppended(() -> orders.place(VIEWER, TENANT, ana.id(), List.of(tenClasses())),
                    AccessDeniedException.class);
            assertNothingAppended(() -> orders.cancel(VIEWER, TENANT, order.id(), "no permission"),
                    AccessDeniedException.class);
            assertNothingAppended(() -> orders.cancel(OWNER, TENANT, order.id(), "twice"), ConflictException.class);
            assertNothingAppended(() -> orders.cancel(OWNER, TENANT, order.id(), " "), ValidationException.class);
        }
    }

    // ---- memberships ----

    @Nested
    class Memberships {

        private final LocalDate today = LocalDate.ofInstant(t.clock.instant(), t.clock.getZone());
        private final MembershipType monthly = t.clientele.membershipTypes().createType(OWNER, TENANT, "Monthly",
                RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1)));

        @Test
        void creating_a_type_concerns_no_client_and_appends_nothing() {
            assertThat(appendedBy(() -> t.clientele.membershipTypes().createType(OWNER, TENANT, "Weekly",
                    RecurringCreditRule.of(1, CreditPeriod.WEEKLY, Period.ofWeeks(1))))).isEmpty();
        }

        @Test
        void adding_a_membership_appends_membership_added_with_its_id_type_and_status() {
            List<AuditEntry> appended = appendedBy(() -> t.clientele.memberships().addMembership(MANAGER, TENANT,
                    ana.id(), monthly.id(), today.plusDays(1)));

            Membership added = t.clientele.memberships().listForClient(OWNER, TENANT, ana.id(), PageRequest.first())
                    .items().get(0);
            assertThat(appended).singleElement().satisfies(e -> {
                assertEntry(e, AuditAction.MEMBERSHIP_ADDED, ana, "staff:manager-1");
                assertThat(e.changes()).containsExactly(added("membership", added.id().toString()),
                        added("membershipType", monthly.id().toString()), added("status", "ACTIVE"));
            });
        }

        @Test
        void pausing_resuming_and_cancelling_each_append_their_entry_with_the_status_change() {
            Membership m = t.clientele.memberships().addMembership(OWNER, TENANT, ana.id(), monthly.id(),
                    today.plusDays(1));

            List<AuditEntry> paused = appendedBy(() -> t.clientele.memberships().pause(MANAGER, TENANT, m.id(),
                    t.membershipVersion(m.id())));
            List<AuditEntry> resumed = appendedBy(() -> t.clientele.memberships().resume(MANAGER, TENANT, m.id(),
                    t.membershipVersion(m.id())));
            List<AuditEntry> cancelled = appendedBy(() -> t.clientele.memberships().cancel(OWNER, TENANT, m.id(),
                    t.membershipVersion(m.id())));

            assertThat(paused).singleElement().satisfies(e -> {
                assertEntry(e, AuditAction.MEMBERSHIP_PAUSED, ana, "staff:manager-1");
                assertThat(e.changes()).containsExactly(status(m, "ACTIVE", "PAUSED"),
                        added("membershipType", monthly.id().toString()));
            });
            assertThat(resumed).singleElement().satisfies(e -> {
                assertEntry(e, AuditAction.MEMBERSHIP_RESUMED, ana, "staff:manager-1");
                assertThat(e.changes()).containsExactly(status(m, "PAUSED", "ACTIVE"),
                        added("membershipType", monthly.id().toString()));
            });
            assertThat(cancelled).singleElement().satisfies(e -> {
                assertEntry(e, AuditAction.MEMBERSHIP_CANCELLED, ana, "staff:owner-1");
                assertThat(e.changes()).containsExactly(status(m, "ACTIVE", "CANCELLED"),
                        added("membershipType", monthly.id().toString()));
            });
        }

        @Test
        void pausing_with_a_period_due_appends_its_credits_by_the_issuance_actor_then_the_pause() {
            Membership m = t.clientele.memberships().addMembership(OWNER, TENANT, ana.id(), monthly.id(), today);

            List<AuditEntry> appended = appendedBy(() -> t.clientele.memberships().pause(MANAGER, TENANT, m.id(),
                    t.membershipVersion(m.id())));

            assertThat(appended).extracting(AuditEntry::action)
                    .containsExactly(AuditAction.CREDITS_ISSUED, AuditAction.MEMBERSHIP_PAUSED);
            assertEntry(appended.get(0), AuditAction.CREDITS_ISSUED, ana,
                    MembershipIssuanceJob.ISSUANCE_ACTOR.describe());
            assertThat(appended.get(0).changes()).contains(added("count", "4"),
                    added("source", "MEMBERSHIP " + m.id()));
            assertEntry(appended.get(1), AuditAction.MEMBERSHIP_PAUSED, ana, "staff:manager-1");
        }

        @Test
        void the_job_audits_the_credits_it_issues_and_the_memberships_it_ends() {
            Membership m = t.clientele.memberships().addMembership(OWNER, TENANT, ana.id(), monthly.id(), today,
                    today.plusDays(3));

            List<AuditEntry> issued = appendedBy(() -> t.clientele.membershipIssuance().issueDueCredits());
            t.clock.advance(Duration.ofDays(4));
            List<AuditEntry> ended = appendedBy(() -> t.clientele.membershipIssuance().issueDueCredits());

            assertThat(issued).singleElement().satisfies(
                    e -> assertEntry(e, AuditAction.CREDITS_ISSUED, ana,
                            MembershipIssuanceJob.ISSUANCE_ACTOR.describe()));
            assertThat(ended).singleElement().satisfies(e -> {
                assertEntry(e, AuditAction.MEMBERSHIP_ENDED, ana, MembershipIssuanceJob.ISSUANCE_ACTOR.describe());
                assertThat(e.changes()).contains(status(m, "ACTIVE", "ENDED"));
            });
        }

        @Test
        void erasing_the_client_audits_the_cancellation_of_its_running_memberships() {
            Membership m = t.clientele.memberships().addMembership(OWNER, TENANT, ana.id(), monthly.id(),
                    today.plusDays(1));

            List<AuditEntry> appended = appendedBy(() -> t.clientele.erasure().erase(OWNER, TENANT, ana.id()));

            assertThat(appended).extracting(AuditEntry::action)
                    .containsExactly(AuditAction.MEMBERSHIP_CANCELLED, AuditAction.ERASED);
            assertEntry(appended.get(0), AuditAction.MEMBERSHIP_CANCELLED, ana,
                    MembershipEraser.ERASURE_ACTOR.describe());
            assertThat(appended.get(0).changes()).contains(status(m, "ACTIVE", "CANCELLED"));
        }

        @Test
        void refused_membership_commands_append_nothing() {
            Membership m = t.clientele.memberships().addMembership(OWNER, TENANT, ana.id(), monthly.id(),
                    today.plusDays(1));
            MembershipType disabled = t.clientele.membershipTypes().disableType(OWNER, TENANT,
                    t.clientele.membershipTypes().createType(OWNER, TENANT, "Old", RecurringCreditRule.of(1,
                            CreditPeriod.MONTHLY, Period.ofMonths(1))).id());
            var memberships = t.clientele.memberships();

            assertNothingAppended(() -> memberships.addMembership(OWNER, TENANT, ana.id(), monthly.id(),
                    today.plusYears(2)), ValidationException.class);
            assertNothingAppended(() -> memberships.addMembership(OWNER, TENANT, ana.id(), monthly.id(), today,
                    today.minusDays(1)), ValidationException.class);
            assertNothingAppended(() -> memberships.addMembership(OWNER, TENANT, ana.id(), disabled.id(), today),
                    ValidationException.class);
            assertNothingAppended(() -> memberships.addMembership(VIEWER, TENANT, ana.id(), monthly.id(), today),
                    AccessDeniedException.class);
            assertNothingAppended(() -> memberships.pause(NOBODY, TENANT, m.id(),
                    t.membershipVersion(m.id())), AccessDeniedException.class);
            assertNothingAppended(() -> memberships.resume(OWNER, TENANT, m.id(),
                    t.membershipVersion(m.id())), ConflictException.class);
            assertNothingAppended(() -> memberships.cancel(VIEWER, TENANT, m.id(),
                    t.membershipVersion(m.id())), AccessDeniedException.class);
            memberships.cancel(OWNER, TENANT, m.id(), t.membershipVersion(m.id()));
            assertNothingAppended(() -> memberships.cancel(OWNER, TENANT, m.id(),
                    t.membershipVersion(m.id())), ConflictException.class);
            assertNothingAppended(() -> memberships.pause(OWNER, TENANT, m.id(),
                    t.membershipVersion(m.id())), ConflictException.class);
        }
    }

    // ---- helpers ----

    /** Runs the command and returns the audit entries of the tenant it appended, in order. */
    private List<AuditEntry> appendedBy(Runnable command) {
        Set<UUID> before = new HashSet<>();
        t.auditTrail(TENANT).forEach(e -> before.add(e.id()));
        command.run();
        return t.auditTrail(TENANT).stream().filter(e -> !before.contains(e.id())).toList();
    }

    /** The command fails with {@code type} and the tenant's audit trail is as it was. */
    private void assertNothingAppended(Runnable command, Class<? extends Throwable> type) {
        List<AuditEntry> before = t.auditTrail(TENANT);
        assertThatThrownBy(command::run).isInstanceOf(type);
        assertThat(t.auditTrail(TENANT)).isEqualTo(before);
    }

    private static void assertEntry(AuditEntry entry, AuditAction action, Client client, String actor) {
        assertThat(entry.action()).isEqualTo(action);
        assertThat(entry.clientId()).isEqualTo(client.id());
        assertThat(entry.actor()).isEqualTo(actor);
        assertThat(entry.changes()).allSatisfy(c -> {
            assertThat(c.before().orElse("")).doesNotContain("knee");
            assertThat(c.after().orElse("")).doesNotContain("knee");
        });
    }

    private List<Credit> issue(Client client, int count, Optional<Instant> expiresAt) {
        CreditIssue issue = CreditIssue.of(count, "setup");
        return t.clientele.credits().issueMembershipCredits(OWNER, TENANT, client.id(),
                expiresAt.map(issue::expiringAt).orElse(issue));
    }

    private static OrderLineInput tenClasses() {
        return OrderLineInput.packagePurchase("10 classes", 10, Period.ofMonths(3), "EUR", new BigDecimal("120.00"));
    }

    private static FieldChange added(String field, String value) {
        return new FieldChange(field, Optional.empty(), Optional.of(value));
    }

    private static FieldChange state(Credit credit, CreditState before, CreditState after) {
        return new FieldChange("credit[" + credit.id() + "].state", Optional.of(before.name()),
                Optional.of(after.name()));
    }

    private static FieldChange status(Membership membership, String before, String after) {
        return new FieldChange("membership[" + membership.id() + "].status", Optional.of(before),
                Optional.of(after));
    }
}
