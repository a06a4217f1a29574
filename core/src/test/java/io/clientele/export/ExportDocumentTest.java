package io.clientele.export;

import io.clientele.testing.Pages;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.Label;
import io.clientele.client.model.Note;
import io.clientele.client.service.AddressInput;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.RedeemResult;
import io.clientele.credit.service.CreditIssue;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.order.model.Order;
import io.clientele.order.service.OrderLineInput;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.payment.model.PaymentMethodKind;
import io.clientele.testing.Images;
import io.clientele.testing.TestClientele;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Regression test of issue 8, point 8: moving the JSON encoding out of the services (no service
 * imports Jackson; each context hands its export section over as plain values) must not change
 * the exported document. A client with something in every section, every optional field set
 * somewhere and left out somewhere else, is exported and compared character for character with
 * the document the export wrote before the move ({@code export-document.json}, written by the
 * Jackson-in-the-service export and checked by hand). Ids are random in their low bits and the
 * re-encoded photo's size (in the profile and in the audit trail) depends on the JDK's image
 * writer, so both are replaced by placeholders
 * before the comparison: ids by {@code <id-n>} in order of first appearance, which also pins where
 * the same id recurs.
 */
class ExportDocumentTest {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern PHOTO_SIZE = Pattern.compile("\"sizeBytes\" : \\d+");
    private static final Pattern AUDITED_PHOTO_SIZE = Pattern.compile("image/png, \\d+ bytes");

    private final TestClientele t = new TestClientele();

    @Test
    void the_export_document_is_unchanged_character_for_character() throws IOException {
        Client ana = richClient();

        String document = t.clientele.dataExport().export(OWNER, TENANT, ana.id());

        assertThat(normalized(document)).isEqualTo(expected());
    }

    @Test
    void an_erased_clients_export_is_unchanged_character_for_character() throws IOException {
        Client ana = richClient();
        t.clientele.erasure().erase(OWNER, TENANT, ana.id());

        String document = t.clientele.dataExport().export(OWNER, TENANT, ana.id());

        assertThat(normalized(document)).isEqualTo(resource("export-document-erased.json"));
    }

    /** A client with an entry in every section of the export; the clock moves between steps. */
    private Client richClient() {
        var c = t.clientele;
        Label vip = c.labels().create(OWNER, TENANT, "VIP");
        c.labels().create(OWNER, TENANT, "Early birds");
        ClientGroup pilates = c.groups().create(OWNER, TENANT, "Pilates beginners");
        Client ana = t.create(ClientDetails.named("Anaïs", "Quillfeather").withEmail("anais@example.com")
                .withPhone("+33 6 12 34 56 78").withBirthDate(LocalDate.of(1990, 4, 12))
                .withPreferredLanguage("en"));
        step();
        c.addresses().add(OWNER, TENANT, ana.id(), AddressInput.of("12 Rue des Lilas", "75001", "Paris", "FR")
                .withLine2("Bâtiment B").withRegion("Île-de-France"));
        c.addresses().add(OWNER, TENANT, ana.id(), AddressInput.of("1 Quai \"Ouest\"", "69002", "Lyon", "FR"));
        c.labels().assign(OWNER, TENANT, ana.id(), vip.id());
        c.groups().addMember(OWNER, TENANT, ana.id(), pilates.id());
        c.passes().link(OWNER, TENANT, ana.id(), "ANA-PASS-2");
        c.passes().link(OWNER, TENANT, ana.id(), "ANA-PASS-1");
        Client withPhoto = c.photos().upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                new ByteArrayInputStream(Images.png()));
        assertThat(withPhoto.photo()).isPresent();
        step();
        Note note = c.notes().add(OWNER, TENANT, ana.id(), "Prefers the window spot");
        c.notes().add(OWNER, TENANT, ana.id(), "Line one\nline two");
        step();
        c.notes().edit(OWNER, TENANT, note.id(), t.noteVersion(note.id()), "Prefers the window spot, left side");

        c.credits().issueMembershipCredits(OWNER, TENANT, ana.id(), CreditIssue.of(2, "welcome gift"));
        step();
        assertThat(c.credits().redeem(OWNER, TENANT, ana.id(), "booking-77"))
                .isInstanceOf(RedeemResult.Redeemed.class);
        List<Credit> open = Pages.all(p -> c.credits().list(OWNER, TENANT, ana.id(), CreditState.REDEEMABLE, p));
        c.credits().revoke(OWNER, TENANT, open.get(0).id(), "issued by mistake");
        c.credits().issueMembershipCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(1, "trial week").expiringAt(t.clock.instant().plus(Duration.ofDays(3))));
        step();
        Order order = c.orders().place(OWNER, TENANT, ana.id(), List.of(
                OrderLineInput.packagePurchase("Ten classes", 2, Period.ofMonths(6), "EUR", new BigDecimal("120.00")),
                OrderLineInput.bookingReference("booking-78", "Reformer, Tuesday 18:00", "EUR",
                        new BigDecimal("25.50"))));
        c.orders().place(OWNER, TENANT, ana.id(), List.of(
                OrderLineInput.packageWithoutExpiry("Open mat", 1, "EUR", new BigDecimal("9"))));
        step();
        c.orders().cancel(OWNER, TENANT, order.id(), "client moved away");

        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("Any injuries?", "Knee, \"left\" one");
        answers.put("Pregnant?", "No");
        c.intakeForms().record(OWNER, TENANT, ana.id(), "Health questionnaire", 2, t.clock.instant(), answers);

        PaymentMethod card = c.paymentMethods().add(OWNER, TENANT, ana.id(),
                PaymentMethodInput.card("Visa", "4242", YearMonth.of(2030, 1), "visa-ref-ANA"));
        c.paymentMethods().add(OWNER, TENANT, ana.id(),
                PaymentMethodInput.of(PaymentMethodKind.SEPA_DEBIT, "SEPA", "1234", "sepa-ref-ANA"));
        step();
        c.paymentMethods().cancel(OWNER, TENANT, card.id(), t.paymentMethodVersion(card.id()));

        MarketingPreference newsletter = c.consent().definePreference(OWNER, TENANT, "newsletter", "Newsletter",
                "Monthly news from the studio.", Channel.EMAIL);
        c.consent().optIn(OWNER, TENANT, ana.id(), newsletter.id());
        step();
        c.consent().recordSelfService(new Actor.ClientSelf(ana.id()), TENANT, ana.id(), newsletter.id(),
                ConsentDecision.OPT_OUT, new ConsentOrigin(Optional.of("203.0.113.7"),
                        Optional.of("Mozilla/5.0 (X11; Linux)")));

        MembershipType monthly = c.membershipTypes().createType(OWNER, TENANT, "Unlimited monthly",
                RecurringCreditRule.of(2, CreditPeriod.MONTHLY, Period.ofMonths(1)));
        c.memberships().addMembership(OWNER, TENANT, ana.id(), monthly.id(), LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 12, 31));
        c.membershipIssuance().issueDueCredits();
        // the trial credit passes its expiry; the sweep has not recorded it
        t.clock.advance(Duration.ofDays(4));
        return ana;
    }

    private void step() {
        t.clock.advance(Duration.ofMinutes(7));
    }

    private static String normalized(String document) {
        Map<String, String> names = new LinkedHashMap<>();
        Matcher ids = UUID.matcher(document);
        StringBuilder out = new StringBuilder();
        while (ids.find()) {
            String name = names.computeIfAbsent(ids.group(), id -> "<id-" + (names.size() + 1) + ">");
            ids.appendReplacement(out, Matcher.quoteReplacement(name));
        }
        ids.appendTail(out);
        String sized = PHOTO_SIZE.matcher(out).replaceAll("\"sizeBytes\" : <size>");
        return AUDITED_PHOTO_SIZE.matcher(sized).replaceAll("image/png, <size> bytes");
    }

    private static String expected() throws IOException {
        return resource("export-document.json");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ExportDocumentTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
