package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.Label;
import io.clientele.client.service.AddressInput;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.ConflictException;
import io.clientele.common.DomainEvent;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.RedeemResult;
import io.clientele.credit.service.CreditIssue;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.invitation.model.SkipReason;
import io.clientele.invitation.model.UnsubscribeResult;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.order.model.Order;
import io.clientele.order.service.OrderLineInput;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.testkit.Race;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The two races of the hardening issue on PostgreSQL at READ COMMITTED, through the whole Clientele
 * on the JPA adapters, with real threads and connections released together by one barrier ({@link
 * Race#together}), many rounds, so that both orders (the write's lock first, the erasure's first)
 * and their near misses happen. What is left is read back with SQL from the tables, not through the
 * adapters under test.
 *
 * <p>(a) "a section written while the client is erased stays attached to the erased client": each
 * round, for every section the core's {@code RaceErasureTest} races, a fresh studio (a tenant of its
 * own) erases its one client while a section of hers is written; afterwards no row of that section
 * may hold her personal data. (b) "cancelling an order while one of its bookings is cancelled leaves
 * the refunded credit redeemable": each round an order of two package credits, one redeemed, is
 * cancelled while the booking is cancelled; afterwards none of the order's credits may be
 * redeemable. Prints {@code RESULT name=pg-races orphans=<n> redeemable_after_cancel=<m>} once both
 * have run.
 */
class PgRacesTest {

    private static final int ROUNDS = 30;
    private static final String NAMED = "Ana López asked for the window seat";
    private static final Actor.SystemActor BOOKING_FLOW = new Actor.SystemActor("booking-flow");
    private static final Pattern UNSUBSCRIBE_LINK =
            Pattern.compile("https://studio\\.example/unsubscribe\\?tenant=[^&]+&token=([A-Za-z0-9_-]{43})");

    private static long orphans = -1;
    private static long redeemableAfterCancel = -1;

    /** A studio of its own on PostgreSQL, with one client; catalog entries made by a section's setup. */
    static final class Studio {
        final JpaClientele t = JpaClientele.postgres();
        final Clientele c = t.clientele;
        final Client ana = c.clients().create(t.owner, t.tenant,
                ClientDetails.named("Ana", "López").withEmail("ana@example.com"));
        Label vip;
        ClientGroup group;
        MembershipType monthly;
        MarketingPreference news;
        String unsubscribeLink = "";

        UUID anaId() {
            return ana.id().value();
        }
    }

    /**
     * One kind of section write, how to count with SQL what it left of the erased client, and how it
     * answers when it finds the client erased (a conflict, unless it has a normal outcome for that).
     */
    record Section(String name, Consumer<Studio> setup, Function<Studio, Object> write,
            ToLongFunction<Studio> leftovers, Predicate<Race.Outcome<Object>> refused) {

        Section(String name, Consumer<Studio> setup, Function<Studio, Object> write, ToLongFunction<Studio> leftovers) {
            this(name, setup, write, leftovers, outcome -> outcome.thrown().orElse(null) instanceof ConflictException);
        }

        Section(String name, Function<Studio, Object> write, ToLongFunction<Studio> leftovers) {
            this(name, s -> { }, write, leftovers);
        }
    }

    static List<Section> sections() {
        return List.of(
                new Section("note", s -> s.c.notes().add(s.t.owner, s.t.tenant, s.ana.id(), NAMED),
                        s -> count(s, "SELECT count(*) FROM note WHERE tenant_id = ? AND client_id = ?")),
                new Section("address", s -> s.c.addresses().add(s.t.owner, s.t.tenant, s.ana.id(),
                        AddressInput.of("1 Rue de Rivoli", "75001", "Paris", "FR")),
                        s -> count(s, "SELECT count(*) FROM client_address WHERE tenant_id = ? AND client_id = ?")),
                new Section("pass", s -> s.c.passes().link(s.t.owner, s.t.tenant, s.ana.id(), "CARD-0042"),
                        s -> count(s, "SELECT count(*) FROM client_pass WHERE tenant_id = ? AND client_id = ?")),
                new Section("photo", s -> s.c.photos().upload(s.t.owner, s.t.tenant, s.ana.id(), s.ana.version(),
                        new ByteArrayInputStream(png())),
                        s -> count(s, "SELECT count(*) FROM client WHERE tenant_id = ? AND id = ?"
                                + " AND photo_key IS NOT NULL") + s.t.host.photos().size()),
                new Section("label", s -> s.vip = s.c.labels().create(s.t.owner, s.t.tenant, "VIP"),
                        s -> s.c.labels().assign(s.t.owner, s.t.tenant, s.ana.id(), s.vip.id()),
                        s -> count(s, "SELECT count(*) FROM client_label WHERE tenant_id = ? AND client_id = ?")),
                new Section("group", s -> s.group = s.c.groups().create(s.t.owner, s.t.tenant, "Morning yoga"),
                        s -> s.c.groups().addMember(s.t.owner, s.t.tenant, s.ana.id(), s.group.id()),
                        s -> count(s, "SELECT count(*) FROM client_in_group WHERE tenant_id = ? AND client_id = ?")),
                new Section("intake form", s -> s.c.intakeForms().record(s.t.owner, s.t.tenant, s.ana.id(), "Health",
                        1, s.t.clock.instant(), Map.of("Emergency contact", NAMED)),
                        s -> count(s, "SELECT count(*) FROM intake_submission WHERE tenant_id = ? AND client_id = ?")),
                new Section("credits", s -> s.c.credits().issueMembershipCredits(s.t.owner, s.t.tenant, s.ana.id(),
                        CreditIssue.of(2, NAMED)),
                        s -> count(s, "SELECT count(*) FROM credit WHERE tenant_id = ? AND client_id = ?"
                                + " AND reason = '" + NAMED + "'")),
                new Section("order", s -> s.c.orders().place(s.t.owner, s.t.tenant, s.ana.id(), List.of(
                        OrderLineInput.bookingReference("bk-1", NAMED, "EUR", new BigDecimal("20.00")))),
                        s -> count(s, "SELECT count(*) FROM client_order o JOIN client_order_line l"
                                + " ON l.tenant_id = o.tenant_id AND l.order_id = o.id"
                                + " WHERE o.tenant_id = ? AND o.lead_booker = ? AND l.description = '" + NAMED + "'")),
                new Section("membership", s -> s.monthly = s.c.membershipTypes().createType(s.t.owner, s.t.tenant,
                        "Monthly", RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1))),
                        s -> s.c.memberships().addMembership(s.t.owner, s.t.tenant, s.ana.id(), s.monthly.id(),
                                LocalDate.ofInstant(s.t.clock.instant(), ZoneOffset.UTC)),
                        s -> count(s, "SELECT count(*) FROM membership WHERE tenant_id = ? AND client_id = ?"
                                + " AND status IN ('ACTIVE', 'PAUSED')")),
                new Section("payment method", s -> s.c.paymentMethods().add(s.t.owner, s.t.tenant, s.ana.id(),
                        PaymentMethodInput.card("Visa", "4242", YearMonth.of(2031, 8), "pm_ana")),
                        s -> count(s, "SELECT count(*) FROM payment_method WHERE tenant_id = ? AND client_id = ?")),
                new Section("consent", PgRacesTest::definesNews,
                        s -> s.c.consent().recordSelfService(new Actor.ClientSelf(s.ana.id()), s.t.tenant, s.ana.id(),
                                s.news.id(), ConsentDecision.OPT_IN,
                                ConsentOrigin.none().withIpAddress("203.0.113.7").withUserAgent("Firefox")),
                        PgRacesTest::consentsWithOrigin),
                new Section("invitation", s -> { },
                        s -> s.c.invitations().invite(s.t.owner, s.t.tenant, s.ana.id()),
                        s -> count(s, "SELECT count(*) FROM outbox WHERE tenant_id = ? AND client_id = ?"
                                + " AND recipient <> ''"),
                        outcome -> outcome.value().orElse(null) instanceof InviteOutcome.Skipped skipped
                                && skipped.reason() == SkipReason.ERASED),
                new Section("unsubscribe", PgRacesTest::invited,
                        s -> s.c.activation().unsubscribe(s.t.tenant, s.unsubscribeLink, new ConsentOrigin(
                                Optional.of("203.0.113.7"), Optional.of("Mozilla/5.0 (Ana's iPhone)"))),
                        s -> consentsWithOrigin(s) + auditEntriesAfterErasure(s) + eventsAfterErasure(s),
                        outcome -> outcome.value().orElse(null) instanceof UnsubscribeResult.Unknown));
    }

    @Test
    void a_section_written_while_the_client_is_erased_never_stays_attached_to_the_erased_client_on_postgresql() {
        long left = 0;
        int races = 0;
        int committed = 0;
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (Section section : sections()) {
                Studio s = new Studio();
                section.setup().accept(s);
                Callable<Object> write = () -> section.write().apply(s);
                Callable<Object> erase = () -> {
                    s.c.erasure().erase(s.t.owner, s.t.tenant, s.ana.id());
                    return Boolean.TRUE;
                };

                List<Race.Outcome<Object>> outcomes = Race.together(List.of(write, erase));
                races++;

                String which = section.name() + ", round " + round;
                Race.Outcome<Object> writeOutcome = outcomes.get(0);
                Race.Outcome<Object> eraseOutcome = outcomes.get(1);
                if (!eraseOutcome.returned()) {
                    failures.add(which + ": the erasure failed: " + eraseOutcome.thrown().orElseThrow());
                }
                if (writeOutcome.returned() && !section.refused().test(writeOutcome)) {
                    committed++;
                }
                if (!writeOutcome.returned() && !section.refused().test(writeOutcome)) {
                    failures.add(which + ": the write failed other than refused: " + writeOutcome.thrown().orElseThrow());
                }
                long leftover = section.leftovers().applyAsLong(s);
                if (leftover > 0) {
                    failures.add(which + ": " + leftover + " left attached to the erased client");
                }
                left += leftover;
                if (count(s, "SELECT count(*) FROM client WHERE tenant_id = ? AND id = ? AND erased_at IS NOT NULL")
                        != 1) {
                    failures.add(which + ": the client is not erased");
                }
            }
        }
        orphans = left;
        System.out.println("pg-races: erasure sections=" + sections().size() + " rounds=" + ROUNDS + " races=" + races
                + " writes_committed=" + committed + " writes_refused=" + (races - committed));
        printResultOnceBothRan();

        assertThat(failures).isEmpty();
        assertThat(left).isZero();
        assertThat(races).isEqualTo(ROUNDS * sections().size());
    }

    @Test
    void a_booking_cancelled_while_its_order_is_cancelled_never_gives_back_a_redeemable_credit_on_postgresql() {
        long redeemable = 0;
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Studio s = new Studio();
            Order order = s.c.orders().place(s.t.owner, s.t.tenant, s.ana.id(), List.of(OrderLineInput.packagePurchase(
                    "2 classes", 2, Period.ofMonths(3), "EUR", new BigDecimal("30.00"))));
            assertThat(s.c.credits().redeem(BOOKING_FLOW, s.t.tenant, s.ana.id(), "bk-1"))
                    .isInstanceOf(RedeemResult.Redeemed.class);

            List<Race.Outcome<Object>> outcomes = Race.together(List.<Callable<Object>>of(
                    () -> s.c.orders().cancel(s.t.owner, s.t.tenant, order.id(), "Refund"),
                    () -> s.c.credits().cancelBooking(BOOKING_FLOW, s.t.tenant, "bk-1", "Class cancelled")));

            String which = "round " + round;
            outcomes.stream().filter(o -> !o.returned())
                    .forEach(o -> failures.add(which + ": " + o.thrown().orElseThrow()));
            long open = query("SELECT count(*) FROM credit WHERE tenant_id = ? AND source_kind = ? AND source_id = ?"
                    + " AND state = 'REDEEMABLE' AND (expires_at IS NULL OR expires_at > ?)",
                    s.t.tenant.value(), CreditSource.Kind.PACKAGE.name(), order.id().value(),
                    Timestamp.from(s.t.clock.instant()));
            redeemable += open;
            long revoked = query("SELECT count(*) FROM credit WHERE tenant_id = ? AND source_kind = ? AND source_id = ?"
                    + " AND state = 'REVOKED'", s.t.tenant.value(), CreditSource.Kind.PACKAGE.name(), order.id().value());
            if (revoked != 2) {
                failures.add(which + ": " + revoked + " of the order's 2 credits revoked");
            }
            if (!(s.c.credits().redeem(BOOKING_FLOW, s.t.tenant, s.ana.id(), "bk-2")
                    instanceof RedeemResult.NoCreditAvailable)) {
                failures.add(which + ": a credit of the cancelled order was redeemed again");
            }
        }
        redeemableAfterCancel = redeemable;
        printResultOnceBothRan();

        assertThat(failures).isEmpty();
        assertThat(redeemable).isZero();
    }

    @AfterAll
    static void forget() {
        orphans = -1;
        redeemableAfterCancel = -1;
    }

    private static synchronized void printResultOnceBothRan() {
        if (orphans >= 0 && redeemableAfterCancel >= 0) {
            System.out.println("RESULT name=pg-races orphans=" + orphans
                    + " redeemable_after_cancel=" + redeemableAfterCancel);
        }
    }

    private static void definesNews(Studio s) {
        s.news = s.c.consent().definePreference(s.t.owner, s.t.tenant, "news", "Newsletter", "Our monthly news.",
                Channel.EMAIL);
    }

    /** Invites Ana and sends the mail before the race: she holds a live unsubscribe link. */
    private static void invited(Studio s) {
        definesNews(s);
        s.c.invitations().invite(s.t.owner, s.t.tenant, s.ana.id());
        s.c.mailDispatcher().dispatchAll();
        Matcher link = UNSUBSCRIBE_LINK.matcher(s.t.host.mailSender().delivered().get(0).textBody());
        assertThat(link.find()).as("an unsubscribe link in the invitation").isTrue();
        s.unsubscribeLink = link.group(1);
    }

    private static long consentsWithOrigin(Studio s) {
        return count(s, "SELECT count(*) FROM consent WHERE tenant_id = ? AND client_id = ?"
                + " AND (ip_address IS NOT NULL OR user_agent IS NOT NULL)");
    }

    /** Audit entries about Ana after her erasure's own entry (ids are UUIDv7 of one generator, in order). */
    private static long auditEntriesAfterErasure(Studio s) {
        return count(s, "SELECT count(*) FROM audit_entry a WHERE a.tenant_id = ? AND a.client_id = ?"
                + " AND a.id > (SELECT e.id FROM audit_entry e WHERE e.tenant_id = a.tenant_id"
                + " AND e.client_id = a.client_id AND e.action = 'ERASED')");
    }

    /** Events published after Ana's {@code ClientErased} (the studio has no other client). */
    private static long eventsAfterErasure(Studio s) {
        List<DomainEvent> events = s.t.host.events().events();
        int erased = events.indexOf(events.stream().filter(ClientEvents.ClientErased.class::isInstance)
                .findFirst().orElse(null));
        return erased < 0 ? 0 : events.size() - erased - 1;
    }

    /** {@code sql} with the studio's tenant and client as its two parameters. */
    private static long count(Studio s, String sql) {
        return query(sql, s.t.tenant.value(), s.anaId());
    }

    private static long query(String sql, Object... parameters) {
        try (Connection connection = Databases.postgres().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                long n = result.getLong(1);
                connection.rollback();
                return n;
            }
        } catch (SQLException e) {
            throw new AssertionError("could not read the tables: " + sql, e);
        }
    }

    /** A small real PNG, as a photo upload needs. */
    private static byte[] png() {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
