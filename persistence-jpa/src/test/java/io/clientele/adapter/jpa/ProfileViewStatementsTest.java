package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.service.AddressInput;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.Page;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceState;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditSummary;
import io.clientele.credit.service.CreditIssue;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.profile.model.Section;
import io.clientele.profile.service.ProfileService;
import io.clientele.profile.service.ProfileView;
import io.clientele.testkit.Fixtures;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * How many statements the whole profile of a client costs on PostgreSQL, counted at the JDBC data
 * source ({@link CountedStatements}: every {@code execute*} call once, a JDBC batch once): at most
 * twelve for a client with every section populated (50 notes, 200 credits, 100 orders, several
 * labels, groups, passes and addresses, a membership with credits, intake submissions with answers,
 * payment methods, marketing consents and a long audit trail), and the same as for a client with
 * one of each, so no section reads per row.
 */
class ProfileViewStatementsTest {

    private static final int MAX_STATEMENTS = 12;
    /** The most credits one issue may grant. */
    private static final int MAX_CREDITS_PER_ISSUE = 100;
    private static final Pattern FIRST_TABLE = Pattern.compile("(?i)\\bfrom\\s+([a-z_]+)");

    /** How much of each section a populated client holds. */
    record Sizes(int notes, int credits, int orders, int labels, int groups, int passes, int addresses,
            int membershipCredits, int intakeForms, int paymentMethods, int preferences, int auditEntries) {

        static Sizes oneOfEach() {
            return new Sizes(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        }

        static Sizes full() {
            return new Sizes(50, 200, 100, 4, 3, 3, 3, 12, 3, 2, 3, 60);
        }
    }

    @Test
    void the_whole_profile_of_a_client_with_every_section_populated_is_read_in_at_most_12_statements() {
        JpaClientele t = JpaClientele.countedPostgres();
        Sizes sizes = Sizes.full();
        Client ana = populated(t, sizes);

        List<String> sent = CountedStatements.of(() -> t.clientele.profiles().view(t.owner, t.tenant, ana.id()));

        List<String> statements = CountedStatements.statements(sent);
        System.out.println("RESULT name=profile-view statements=" + statements.size());
        bySection(statements).forEach((table, n) -> System.out.println("profile-view " + table + ": " + n));
        assertThat(statements).as("statements of one profile view").hasSizeLessThanOrEqualTo(MAX_STATEMENTS);
        assertThat(CountedStatements.units(sent)).as("one read-only unit of work").hasSize(1);
        ProfileView view = t.clientele.profiles().view(t.owner, t.tenant, ana.id());
        assertEverySectionShown(view, sizes);
    }

    @Test
    void the_profile_view_sends_as_many_statements_for_one_of_each_as_for_a_fully_populated_client() {
        JpaClientele small = JpaClientele.countedPostgres();
        Client one = populated(small, Sizes.oneOfEach());
        JpaClientele large = JpaClientele.countedPostgres();
        Client many = populated(large, Sizes.full());

        List<String> forOne = CountedStatements.statements(
                CountedStatements.of(() -> small.clientele.profiles().view(small.owner, small.tenant, one.id())));
        List<String> forMany = CountedStatements.statements(
                CountedStatements.of(() -> large.clientele.profiles().view(large.owner, large.tenant, many.id())));

        assertThat(forMany).as("statements of a fully populated profile").hasSameSizeAs(forOne);
        assertEverySectionShown(small.clientele.profiles().view(small.owner, small.tenant, one.id()),
                Sizes.oneOfEach());
    }

    @Test
    void each_section_is_one_statement_the_audit_trail_the_orders_and_the_intake_forms_included() {
        JpaClientele t = JpaClientele.countedPostgres();
        Client ana = populated(t, Sizes.full());

        List<String> statements = CountedStatements.statements(
                CountedStatements.of(() -> t.clientele.profiles().view(t.owner, t.tenant, ana.id())));

        // each statement named by the first table it reads: the client (with its passes and
        // addresses), then one per section
        assertThat(bySection(statements)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("client", 1), Map.entry("label", 1), Map.entry("client_group", 1), Map.entry("note", 1),
                Map.entry("audit_entry", 1), Map.entry("membership", 1), Map.entry("client_order", 1),
                Map.entry("intake_submission", 1), Map.entry("payment_method", 1), Map.entry("credit", 1),
                Map.entry("preference", 1)));
    }

    /**
     * A client created through the use cases with every section of the profile holding {@code
     * sizes}: labels, groups, passes and addresses through their use cases; notes, orders and extra
     * audit entries (the newest of the trail) inserted through the ports in one unit of work each (one JDBC batch per table);
     * credits issued through the use case, a hundred per call (its limit), part of them from a
     * membership; intake forms, payment methods and marketing consents through their use cases.
     */
    private Client populated(JpaClientele t, Sizes sizes) {
        Clientele c = t.clientele;
        Actor.Staff owner = t.owner;
        Fixtures fx = new Fixtures(t.clock);
        Client client = c.clients().create(owner, t.tenant,
                ClientDetails.named("Ana", "Lopez").withEmail("ana-" + Fixtures.randomHex(4) + "@example.com"));
        for (int i = 0; i < sizes.labels(); i++) {
            c.labels().assign(owner, t.tenant, client.id(), c.labels().create(owner, t.tenant, "Label " + i).id());
        }
        for (int i = 0; i < sizes.groups(); i++) {
            c.groups().addMember(owner, t.tenant, client.id(), c.groups().create(owner, t.tenant, "Group " + i).id());
        }
        for (int i = 0; i < sizes.passes(); i++) {
            c.passes().link(owner, t.tenant, client.id(), "P-" + Fixtures.randomHex(4).toUpperCase(Locale.ROOT) + i);
        }
        for (int i = 0; i < sizes.addresses(); i++) {
            c.addresses().add(owner, t.tenant, client.id(), AddressInput.of(i + " Calle Mayor", "28013", "Madrid", "ES"));
        }
        t.jpa.transactions().run(() -> {
            for (int i = 0; i < sizes.notes(); i++) {
                t.jpa.notes().insert(fx.note(t.tenant, client.id(), "Note " + i));
            }
        });
        MembershipType type = c.membershipTypes().createType(owner, t.tenant, "Unlimited",
                RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1)));
        Membership membership = c.memberships().addMembership(owner, t.tenant, client.id(), type.id(),
                LocalDate.ofInstant(t.clock.instant(), ZoneOffset.UTC));
        t.jpa.transactions().run(() -> {
            List<Credit> fromMembership = new ArrayList<>();
            for (int i = 0; i < sizes.membershipCredits(); i++) {
                fromMembership.add(fx.aCredit(t.tenant, client.id())
                        .from(CreditSource.membership(membership.id())).because("monthly credits").build());
            }
            t.jpa.credits().insertAll(fromMembership);
        });
        int byHand = sizes.credits() - sizes.membershipCredits();
        for (int issued = 0; issued < byHand; issued += MAX_CREDITS_PER_ISSUE) {
            c.credits().issueMembershipCredits(owner, t.tenant, client.id(),
                    CreditIssue.of(Math.min(MAX_CREDITS_PER_ISSUE, byHand - issued), "Welcome pack"));
        }
        t.jpa.transactions().run(() -> {
            for (int i = 0; i < sizes.orders(); i++) {
                t.jpa.orders().insert(fx.order(t.tenant, client.id()));
            }
        });
        for (int i = 0; i < sizes.intakeForms(); i++) {
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("Any injuries?", "Left knee " + i);
            answers.put("Pregnant?", "No");
            answers.put("Emergency contact", "Luis " + i);
            c.intakeForms().record(owner, t.tenant, client.id(), "Health questionnaire", i + 1,
                    t.clock.instant().minus(Duration.ofDays(i + 1L)), answers);
        }
        for (int i = 0; i < sizes.paymentMethods(); i++) {
            c.paymentMethods().add(owner, t.tenant, client.id(), PaymentMethodInput.card("Visa", "424" + i,
                    YearMonth.of(2031, 5), Fixtures.providerReference()));
        }
        for (int i = 0; i < sizes.preferences(); i++) {
            MarketingPreference preference = c.consent().definePreference(owner, t.tenant, "topic-" + i,
                    "Topic " + i, "May we write to you about topic " + i + "?", Channel.EMAIL);
            c.consent().optIn(owner, t.tenant, client.id(), preference.id());
            c.consent().optOut(owner, t.tenant, client.id(), preference.id());
            if (i % 2 == 0) {
                c.consent().optIn(owner, t.tenant, client.id(), preference.id());
            }
        }
        // a minute later, so that the entries appended last are the newest of the trail
        t.clock.advance(Duration.ofMinutes(1));
        t.jpa.transactions().run(() -> {
            List<AuditEntry> entries = new ArrayList<>();
            for (int i = 0; i < sizes.auditEntries(); i++) {
                entries.add(fx.auditEntry(t.tenant, client.id()));
            }
            t.jpa.audit().appendAll(entries);
        });
        return client;
    }

    /** Every section of {@code view} shown, holding what {@link #populated} stored. */
    private static void assertEverySectionShown(ProfileView view, Sizes sizes) {
        int page = ProfileService.DEFAULT_SECTION_SIZE;
        assertThat(shown(view.labels())).extracting(l -> l.name().value())
                .containsExactlyInAnyOrderElementsOf(numbered("Label ", sizes.labels()));
        assertThat(shown(view.groups())).extracting(g -> g.name().value())
                .containsExactlyInAnyOrderElementsOf(numbered("Group ", sizes.groups()));
        assertThat(view.passes()).hasSize(sizes.passes());
        assertThat(view.addresses()).extracting(a -> a.postal().line1())
                .containsExactlyElementsOf(numbered("", sizes.addresses()).stream().map(n -> n + " Calle Mayor")
                        .toList());
        assertThat(shown(view.notes()).total()).isEqualTo(sizes.notes());
        assertThat(shown(view.notes()).items()).hasSize(Math.min(page, sizes.notes()))
                .first().extracting(n -> n.text().value()).isEqualTo("Note " + (sizes.notes() - 1));
        Page<AuditEntry> audit = shown(view.audit());
        if (sizes.auditEntries() >= page) {
            assertThat(audit.items()).hasSize(page);
            assertThat(audit.hasNext()).isTrue();
        }
        assertThat(audit.items().get(0).changes()).as("the newest entry's changes")
                .extracting(ch -> ch.field()).containsExactly("email", "status");
        assertThat(shown(view.memberships())).singleElement().extracting(Membership::status).hasToString("ACTIVE");
        assertThat(shown(view.orders()).total()).isEqualTo(sizes.orders());
        assertThat(shown(view.orders()).items()).hasSize(Math.min(page, sizes.orders()))
                .allSatisfy(o -> assertThat(o.lines()).hasSize(2));
        List<IntakeSubmission> intake = shown(view.intakeForms());
        assertThat(intake).hasSize(sizes.intakeForms());
        assertThat(intake.get(0).answers()).containsExactly(Map.entry("Any injuries?", "Left knee 0"),
                Map.entry("Pregnant?", "No"), Map.entry("Emergency contact", "Luis 0"));
        assertThat(shown(view.paymentMethods())).extracting(PaymentMethod::last4)
                .containsExactlyInAnyOrderElementsOf(numbered("424", sizes.paymentMethods()));
        CreditSummary credits = shown(view.credits());
        assertThat(credits.total()).isEqualTo(sizes.credits());
        assertThat(credits.newest()).hasSize(Math.min(page, sizes.credits()));
        List<PreferenceState> marketing = shown(view.marketing());
        assertThat(marketing).hasSize(sizes.preferences());
        for (int i = 0; i < sizes.preferences(); i++) {
            assertThat(marketing.get(i).latest()).as("the latest decision on topic " + i)
                    .map(r -> r.decision())
                    .contains(i % 2 == 0 ? ConsentDecision.OPT_IN : ConsentDecision.OPT_OUT);
        }
    }

    private static List<String> numbered(String prefix, int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    /** How many statements read from each table, by the first table a statement names. */
    private static Map<String, Integer> bySection(List<String> statements) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String s : statements) {
            Matcher m = FIRST_TABLE.matcher(s);
            counts.merge(m.find() ? m.group(1) : s.split("\\s")[0], 1, Integer::sum);
        }
        return counts;
    }

    private static <T> T shown(Section<T> section) {
        assertThat(section).isInstanceOf(Section.Shown.class);
        return section instanceof Section.Shown<T> shown ? shown.value() : null;
    }
}
