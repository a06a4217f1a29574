package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.Label;
import io.clientele.common.Actor;
import io.clientele.common.ConflictException;
import io.clientele.common.DomainEvent;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.credit.model.Credit;
import io.clientele.credit.service.CreditIssue;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.invitation.model.SkipReason;
import io.clientele.invitation.model.UnsubscribeResult;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderLine;
import io.clientele.order.service.OrderLineInput;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.testing.Images;
import io.clientele.testing.LockStep;
import io.clientele.testing.TestClientele;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Regression for "a note or intake answer written while the client is erased stays attached to the
 * erased client", and for "unsubscribing while the client is being erased stores the IP address
 * and user agent of the erased client" (section {@code unsubscribe}). On units of work without
 * isolation (as a SQL database at READ COMMITTED gives), every write to a client's section races
 * the erasure of that client in both orders, forced step by step: the write holds the client's
 * lock and the erasure waits for it, or the erasure holds it and the write waits. Either way
 * nothing of the erased person remains: the erasure removes what the write committed first, or
 * the write finds the client erased and is refused.
 */
class RaceErasureTest {

    /** A studio on interleaving units of work, with one client and the catalog entries writes need. */
    static final class Studio {
        final TestClientele t = new TestClientele(MemoryTransactions.interleaved());
        final Clientele c = t.clientele;
        final Client ana = t.ana();
        final Label vip = c.labels().create(OWNER, TENANT, "VIP");
        final ClientGroup group = c.groups().create(OWNER, TENANT, "Morning yoga");
        final MembershipType monthly = c.membershipTypes().createType(OWNER, TENANT, "Monthly",
                RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1)));
        final MarketingPreference news = c.consent().definePreference(OWNER, TENANT, "news", "Newsletter",
                "Our monthly news.", Channel.EMAIL);

        /** Ana's unsubscribe link, once {@link #invited} has sent her an invitation. */
        String unsubscribeLink = "";

        Client stored() {
            return t.memory.clients().find(TENANT, ana.id()).orElseThrow();
        }

        /** Invites Ana and sends the mail, before the race: she holds a live unsubscribe link. */
        void invited() {
            c.invitations().invite(OWNER, TENANT, ana.id());
            c.mailDispatcher().dispatchAll();
            unsubscribeLink = TestClientele.linkToken(t.memory.mailSender().delivered().get(0), "unsubscribe");
        }

        /** Audit entries about Ana recorded after her erasure's own entry. */
        int auditEntriesAfterErasure() {
            List<AuditAction> actions = t.memory.audit().all(TENANT).stream()
                    .filter(e -> e.clientId().equals(ana.id())).map(AuditEntry::action).toList();
            int erased = actions.indexOf(AuditAction.ERASED);
            return erased < 0 ? 0 : actions.size() - erased - 1;
        }

        /** Events published after Ana's {@code ClientErased} (the studio has no other client). */
        int eventsAfterErasure() {
            List<DomainEvent> events = t.memory.events().events();
            int erased = events.indexOf(events.stream().filter(ClientEvents.ClientErased.class::isInstance)
                    .findFirst().orElse(null));
            return erased < 0 ? 0 : events.size() - erased - 1;
        }
    }

    /**
     * One kind of section write, how to count what it left of the erased client, and how it answers
     * when it finds the client erased (a conflict, unless it has a normal outcome for that).
     */
    record Section(String name, Consumer<Studio> setup, Function<Studio, Object> write,
            ToIntFunction<Studio> leftovers, Predicate<LockStep.Outcome> refused, boolean commitsWhenFirst) {

        Section(String name, Function<Studio, Object> write, ToIntFunction<Studio> leftovers,
                Predicate<LockStep.Outcome> refused, boolean commitsWhenFirst) {
            this(name, s -> { }, write, leftovers, refused, commitsWhenFirst);
        }

        Section(String name, Function<Studio, Object> write, ToIntFunction<Studio> leftovers) {
            this(name, write, leftovers, outcome -> outcome.thrown() instanceof ConflictException, true);
        }
    }

    private static final String NAMED = "Ana López asked for the window seat";

    static List<Section> sections() {
        return List.of(
                new Section("note", s -> s.c.notes().add(OWNER, TENANT, s.ana.id(), NAMED),
                        s -> s.t.memory.notes().listForClient(TENANT, s.ana.id()).size()),
                new Section("address", s -> s.c.addresses().add(OWNER, TENANT, s.ana.id(),
                        AddressInput.of("1 Rue de Rivoli", "75001", "Paris", "FR")),
                        s -> s.stored().addresses().size()),
                new Section("pass", s -> s.c.passes().link(OWNER, TENANT, s.ana.id(), "CARD-0042"),
                        s -> s.stored().passes().size()),
                // an upload checks the client in a first short unit of work, reads and stores the
                // bytes outside any, then saves in a second one: holding the first lock does not
                // keep the erasure out until the save, which then finds the client erased, refuses
                // and deletes the bytes it stored
                new Section("photo", s -> s.c.photos().upload(OWNER, TENANT, s.ana.id(), s.t.clientVersion(s.ana.id()),
                        new ByteArrayInputStream(Images.png())),
                        s -> (s.stored().photo().isPresent() ? 1 : 0) + s.t.memory.photos().contents().size(),
                        outcome -> outcome.thrown() instanceof ConflictException, false),
                new Section("label", s -> s.c.labels().assign(OWNER, TENANT, s.ana.id(), s.vip.id()),
                        s -> s.stored().labels().size()),
                new Section("group", s -> s.c.groups().addMember(OWNER, TENANT, s.ana.id(), s.group.id()),
                        s -> s.stored().groups().size()),
                new Section("intake form", s -> s.c.intakeForms().record(OWNER, TENANT, s.ana.id(), "Health", 1,
                        s.t.clock.instant(), Map.of("Emergency contact", NAMED)),
                        s -> s.t.memory.intakeForms().listForClient(TENANT, s.ana.id()).size()),
                new Section("credits", s -> s.c.credits().issueMembershipCredits(OWNER, TENANT, s.ana.id(),
                CreditIssue.of(2, NAMED)),
                        s -> (int) s.t.memory.credits().listForClient(TENANT, s.ana.id()).stream()
                                .map(Credit::reason).filter(NAMED::equals).count()),
                new Section("order", s -> s.c.orders().place(OWNER, TENANT, s.ana.id(), List.of(
                        OrderLineInput.bookingReference("bk-1", NAMED, "EUR", new BigDecimal("20.00")))),
                        s -> (int) s.t.memory.orders().contents().stream().map(Order.class::cast)
                                .flatMap(o -> o.lines().stream()).filter(OrderLine.BookingReference.class::isInstance)
                                .map(l -> ((OrderLine.BookingReference) l).description()).filter(NAMED::equals)
                                .count()),
                new Section("membership", s -> s.c.memberships().addMembership(OWNER, TENANT, s.ana.id(),
                        s.monthly.id(), LocalDate.ofInstant(s.t.clock.instant(), ZoneOffset.UTC)),
                        s -> (int) s.t.memory.memberships().listForClient(TENANT, s.ana.id()).stream()
                                .map(Membership::status).filter(status -> status.isRunning()).count()),
                new Section("payment method", s -> s.c.paymentMethods().add(OWNER, TENANT, s.ana.id(),
                        PaymentMethodInput.card("Visa", "4242", YearMonth.of(2031, 8), "pm_ana")),
                        s -> s.t.memory.paymentMethods().listForClient(TENANT, s.ana.id()).size()),
                new Section("consent", s -> s.c.consent().recordSelfService(new Actor.ClientSelf(s.ana.id()),
                        TENANT, s.ana.id(), s.news.id(), ConsentDecision.OPT_IN,
                        ConsentOrigin.none().withIpAddress("203.0.113.7").withUserAgent("Firefox")),
                        s -> (int) s.t.memory.consents().history(TENANT, s.ana.id()).stream()
                                .filter(r -> r.ipAddress().isPresent() || r.userAgent().isPresent()).count()),
                new Section("invitation", s -> s.c.invitations().invite(OWNER, TENANT, s.ana.id()),
                        s -> (int) s.t.memory.outbox().listForClient(TENANT, s.ana.id()).stream()
                                .map(OutboxMessage::recipient).filter(r -> !r.isEmpty()).count(),
                        outcome -> outcome.result() instanceof InviteOutcome.Skipped skipped
                                && skipped.reason() == SkipReason.ERASED, true),
                // the link is read before the client's lock: found erased (or the link revoked)
                // once the lock is taken, it is unknown and nothing about the person is stored
                new Section("unsubscribe", Studio::invited,
                        s -> s.c.activation().unsubscribe(TENANT, s.unsubscribeLink, new ConsentOrigin(
                                Optional.of("203.0.113.7"), Optional.of("Mozilla/5.0 (Ana's iPhone)"))),
                        s -> (int) s.t.memory.consents().history(TENANT, s.ana.id()).stream()
                                .filter(r -> r.ipAddress().isPresent() || r.userAgent().isPresent()).count()
                                + s.auditEntriesAfterErasure() + s.eventsAfterErasure(),
                        outcome -> outcome.result() instanceof UnsubscribeResult.Unknown, true));
    }

    @Test
    @Tag("in-memory")
    void a_section_written_while_the_client_is_erased_never_stays_attached_to_the_erased_client()
            throws InterruptedException {
        int orphans = 0;
        int interleavings = 0;
        List<String> failures = new ArrayList<>();
        for (Section section : sections()) {
            for (boolean writeFirst : List.of(true, false)) {
                Studio s = new Studio();
                section.setup().accept(s);
                Callable<Object> write = () -> section.write().apply(s);
                Callable<Object> erase = () -> {
                    s.c.erasure().erase(OWNER, TENANT, s.ana.id());
                    return null;
                };
                // the race is over the client's lock (a label or group write takes the catalog
                // entry's lock before it)
                LockStep step = new LockStep(s.t.memory.transactions()).pausingAt(LockStep.clientRow(s.ana.id()));
                LockStep.Outcomes outcomes = writeFirst ? step.run(write, erase) : step.run(erase, write);
                interleavings++;
                LockStep.Outcome writeOutcome = writeFirst ? outcomes.first() : outcomes.second();
                LockStep.Outcome eraseOutcome = writeFirst ? outcomes.second() : outcomes.first();
                String which = section.name() + (writeFirst ? ", write first" : ", erasure first");
                if (!eraseOutcome.succeeded()) {
                    failures.add(which + ": the erasure failed: " + eraseOutcome.thrown());
                }
                boolean mustCommit = writeFirst && section.commitsWhenFirst();
                if (mustCommit && !writeOutcome.succeeded()) {
                    failures.add(which + ": the write failed: " + writeOutcome.thrown());
                }
                if (!mustCommit && !section.refused().test(writeOutcome)) {
                    failures.add(which + ": not refused: " + writeOutcome);
                }
                int left = section.leftovers().applyAsInt(s);
                if (left > 0) {
                    failures.add(which + ": " + left + " left attached to the erased client");
                }
                orphans += left;
                assertThat(s.stored().erased()).as(which).isTrue();
            }
        }
        System.out.println("RESULT name=race-erasure orphans=" + orphans);
        System.out.println("race-erasure: sections=" + sections().size() + " interleavings=" + interleavings);

        assertThat(failures).isEmpty();
        assertThat(orphans).isZero();
        assertThat(interleavings).isEqualTo(2 * sections().size());
    }
}
