package io.clientele.sections;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.Clientele;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Cursor;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.service.CreditIssue;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.order.model.Order;
import io.clientele.order.service.OrderLineInput;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.testing.TestClientele;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 point 9, "lists that can grow are paged", for the sections outside the client and
 * invitation contexts: a client's credits (all, or in one state), orders, memberships, intake
 * forms, payment methods and consent history came back whole in one list, however long. Each is
 * now a keyset page of a bounded size, newest first, whose sealed cursor opens only for the
 * tenant, client and list it was made for.
 */
class SectionPagesTest {

    private static final int ITEMS = 7;
    private static final int PAGE = 3;

    private final TestClientele t = new TestClientele();
    private final Clientele c = t.clientele;
    private int clients;
    private final MembershipType monthly = c.membershipTypes().createType(OWNER, TENANT, "Monthly",
            RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1)));
    private final MarketingPreference news = c.consent().definePreference(OWNER, TENANT, "news", "News",
            "Send me the studio's news.", Channel.EMAIL);
    private final LocalDate today = LocalDate.ofInstant(t.clock.instant(), ZoneOffset.UTC);

    /** One growing list of a client: how to add its n-th item, how to ask for a page, an item's id. */
    private record Section(String name, BiFunction<Client, Integer, Object> add,
            BiFunction<Client, PageRequest, Page<?>> list, Function<Object, Object> id) {
    }

    private List<Section> sections() {
        return List.of(
                new Section("credits",
                        (client, n) -> c.credits().issueMembershipCredits(OWNER, TENANT, client.id(),
                                CreditIssue.of(1, "make-up class " + n)).get(0),
                        (client, page) -> c.credits().list(OWNER, TENANT, client.id(), page),
                        item -> ((Credit) item).id()),
                new Section("redeemable credits",
                        (client, n) -> c.credits().issueMembershipCredits(OWNER, TENANT, client.id(),
                                CreditIssue.of(1, "make-up class " + n)).get(0),
                        (client, page) -> c.credits().list(OWNER, TENANT, client.id(), CreditState.REDEEMABLE, page),
                        item -> ((Credit) item).id()),
                new Section("orders",
                        (client, n) -> c.orders().place(OWNER, TENANT, client.id(), List.of(
                                OrderLineInput.bookingReference("BK-" + client.id() + "-" + n, "Massage", "EUR",
                                        new BigDecimal("65.00")))),
                        (client, page) -> c.orders().listForClient(OWNER, TENANT, client.id(), page),
                        item -> ((Order) item).id()),
                // newest start date first: each membership added starts a day after the one before
                new Section("memberships",
                        (client, n) -> c.memberships().addMembership(OWNER, TENANT, client.id(), monthly.id(),
                                today.minusDays(30).plusDays(n)),
                        (client, page) -> c.memberships().listForClient(OWNER, TENANT, client.id(), page),
                        item -> ((Membership) item).id()),
                new Section("intake forms",
                        (client, n) -> c.intakeForms().record(OWNER, TENANT, client.id(), "Health questionnaire", n + 1,
                                t.clock.instant(), Map.of("Any injuries?", "None")),
                        (client, page) -> c.intakeForms().list(OWNER, TENANT, client.id(), page),
                        item -> ((IntakeSubmission) item).id()),
                new Section("payment methods",
                        (client, n) -> c.paymentMethods().add(OWNER, TENANT, client.id(), PaymentMethodInput.card(
                                "Visa", "4242", YearMonth.of(2031, 6), providerRef(client, n))),
                        (client, page) -> c.paymentMethods().list(OWNER, TENANT, client.id(), page),
                        item -> ((PaymentMethod) item).id()),
                new Section("consent history",
                        (client, n) -> n % 2 == 0
                                ? c.consent().optIn(OWNER, TENANT, client.id(), news.id())
                                : c.consent().optOut(OWNER, TENANT, client.id(), news.id()),
                        (client, page) -> c.consent().history(OWNER, TENANT, client.id(), page),
                        item -> ((ConsentRecord) item).id()));
    }

    /** A new client of the tenant, so each list starts empty. */
    private Client client() {
        clients++;
        return t.create(ClientDetails.named("Client", "Number " + "abcdefghijklmnopqrstuvwxyz".charAt(clients)));
    }

    /** Adds {@code count} items to the client's list, a minute apart; returns their ids, oldest first. */
    private List<Object> fill(Section section, Client client, int count) {
        List<Object> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            t.clock.advance(Duration.ofMinutes(1));
            ids.add(section.id().apply(section.add().apply(client, n)));
        }
        return ids;
    }

    @Test
    void lists_that_could_grow_without_bound_come_in_bounded_pages_newest_first_each_item_once() {
        for (Section section : sections()) {
            Client ana = client();
            Client bo = client();
            List<Object> added = fill(section, ana, ITEMS);
            fill(section, bo, 2);
            List<Object> newestFirst = new ArrayList<>(added);
            Collections.reverse(newestFirst);

            List<Object> walked = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            Page<?> page = section.list().apply(ana, PageRequest.first(PAGE));
            while (true) {
                sizes.add(page.items().size());
                page.items().forEach(item -> walked.add(section.id().apply(item)));
                if (page.next().isEmpty()) {
                    break;
                }
                page = section.list().apply(ana, PageRequest.after(page.next().get(), PAGE));
            }

            assertThat(sizes).as(section.name()).containsExactly(3, 3, 1);
            assertThat(walked).as(section.name()).containsExactlyElementsOf(newestFirst);
        }
    }

    @Test
    void a_cursor_opens_only_for_the_client_and_the_list_it_was_made_for() {
        List<Section> sections = sections();
        Client ana = client();
        Client bo = client();
        List<Cursor> cursors = new ArrayList<>();
        for (Section section : sections) {
            fill(section, ana, ITEMS);
            fill(section, bo, ITEMS);
            cursors.add(section.list().apply(ana, PageRequest.first(PAGE)).next().orElseThrow());
        }

        for (int i = 0; i < sections.size(); i++) {
            Section section = sections.get(i);
            Cursor anas = cursors.get(i);
            assertRefused(section.name() + " of another client",
                    () -> section.list().apply(bo, PageRequest.after(anas, PAGE)));
            Section other = sections.get((i + 1) % sections.size());
            assertRefused(section.name() + " given to " + other.name(),
                    () -> other.list().apply(ana, PageRequest.after(anas, PAGE)));
            assertThat(section.list().apply(ana, PageRequest.after(anas, PAGE)).items()).as(section.name())
                    .hasSize(PAGE);
        }
    }

    @Test
    void the_order_count_is_the_total_behind_the_pages_of_a_client() {
        Section orders = sections().get(2);
        Client ana = client();
        Client bo = client();
        fill(orders, ana, ITEMS);
        fill(orders, bo, 2);

        assertThat(c.orders().count(OWNER, TENANT, ana.id())).isEqualTo(ITEMS);
        assertThat(c.orders().count(OWNER, TENANT, bo.id())).isEqualTo(2);
        assertThat(c.orders().count(OWNER, TENANT, client().id())).isZero();
    }

    private static void assertRefused(String what, Runnable call) {
        assertThatThrownBy(call::run).as(what).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo("cursor");
            assertThat(e.rule()).isEqualTo("format");
        });
    }

    /**
     * A provider reference unique per client and method that never holds a long run of digits: the
     * client id's digits become letters, since a run of 13 or more digits can read as a card number
     * (which payment methods refuse).
     */
    private static String providerRef(Client client, int n) {
        StringBuilder ref = new StringBuilder("pm-");
        for (char ch : client.id().value().toString().toCharArray()) {
            ref.append(Character.isDigit(ch) ? (char) ('g' + (ch - '0')) : ch);
        }
        return ref.append('-').append(n).toString();
    }
}
