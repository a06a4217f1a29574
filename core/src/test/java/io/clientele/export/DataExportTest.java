package io.clientele.export;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.client.model.Client;
import io.clientele.client.service.AddressInput;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.credit.service.CreditIssue;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.order.service.OrderLineInput;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.testing.TestClientele;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data export holds everything about one client, and nothing about anyone else. */
class DataExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClientele t = new TestClientele();
    private final Client ana = fill("Anaïs", "Quillfeather", "anais@example.com", "Rue des Lilas", "Knee injury",
            "visa-ref-ANA", "ANA-PASS-1");
    private final Client bob = fill("Bartholomew", "Zweistein", "bart@example.com", "Baker Street", "Asthma",
            "visa-ref-BOB", "BOB-PASS-1");

    private Client fill(String first, String last, String email, String street, String answer, String providerRef,
            String pass) {
        var c = t.clientele;
        Client client = t.create(ClientDetails.named(first, last).withEmail(email).withPhone("+33 6 12 34 56 7"
                + (first.length() % 10)));
        c.addresses().add(OWNER, TENANT, client.id(), AddressInput.of("12 " + street, "75001", "Paris", "FR"));
        c.notes().add(OWNER, TENANT, client.id(), "Note about " + first);
        c.passes().link(OWNER, TENANT, client.id(), pass);
        c.credits().issueMembershipCredits(OWNER, TENANT, client.id(),
                CreditIssue.of(2, "welcome gift for " + first));
        c.orders().place(OWNER, TENANT, client.id(), List.of(OrderLineInput.packagePurchase("Ten classes", 10,
                Period.ofMonths(6), "EUR", new BigDecimal("120.00"))));
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("Any injuries?", answer);
        c.intakeForms().record(OWNER, TENANT, client.id(), "Health questionnaire", 2, t.clock.instant(), answers);
        c.paymentMethods().add(OWNER, TENANT, client.id(), PaymentMethodInput.card("Visa", "4242",
                YearMonth.of(2030, 1), providerRef));
        MarketingPreference newsletter = c.consent().preferences(OWNER, TENANT).stream()
                .filter(p -> p.key().equals("newsletter")).findFirst()
                .orElseGet(() -> c.consent().definePreference(OWNER, TENANT, "newsletter", "Newsletter",
                        "Monthly news from the studio.", Channel.EMAIL));
        c.consent().optIn(OWNER, TENANT, client.id(), newsletter.id());
        MembershipType monthly = c.membershipTypes().listTypes(OWNER, TENANT).stream().findFirst()
                .orElseGet(() -> c.membershipTypes().createType(OWNER, TENANT, "Unlimited monthly",
                        RecurringCreditRule.of(8, CreditPeriod.MONTHLY, Period.ofMonths(1))));
        c.memberships().addMembership(OWNER, TENANT, client.id(), monthly.id(), LocalDate.of(2026, 3, 1));
        return client;
    }

    @Test
    void the_export_holds_every_section_of_the_clients_data() throws Exception {
        JsonNode doc = JSON.readTree(t.clientele.dataExport().export(OWNER, TENANT, ana.id()));

        assertThat(doc.get("clientId").asText()).isEqualTo(ana.id().toString());
        assertThat(doc.at("/profile/firstName").asText()).isEqualTo("Anaïs");
        assertThat(doc.at("/profile/email").asText()).isEqualTo("anais@example.com");
        assertThat(doc.at("/profile/addresses/0/line1").asText()).isEqualTo("12 Rue des Lilas");
        assertThat(doc.at("/profile/passes/0").asText()).isEqualTo("ANA-PASS-1");
        assertThat(doc.at("/notes/0/text").asText()).isEqualTo("Note about Anaïs");
        assertThat(doc.get("audit")).isNotEmpty();
        assertThat(doc.at("/consents/0/preference").asText()).isEqualTo("newsletter");
        assertThat(doc.get("credits")).hasSize(12);
        assertThat(doc.get("creditLedger")).hasSize(12);
        assertThat(doc.at("/memberships/0/type").asText()).isEqualTo("Unlimited monthly");
        assertThat(doc.at("/orders/0/lines/0/name").asText()).isEqualTo("Ten classes");
        assertThat(doc.at("/orders/0/total/amount").asText()).isEqualTo("120.00");
        assertThat(doc.at("/intakeForms/0/answers/0/answer").asText()).isEqualTo("Knee injury");
        assertThat(doc.at("/paymentMethods/0/providerReference").asText()).isEqualTo("visa-ref-ANA");
    }

    @Test
    void nothing_about_another_client_is_in_the_export() {
        String export = t.clientele.dataExport().export(OWNER, TENANT, ana.id());

        assertThat(export).doesNotContain("Bartholomew", "Zweistein", "bart@example.com", "Baker Street", "Asthma",
                "visa-ref-BOB", "BOB-PASS-1", bob.id().toString());
    }

    @Test
    void a_client_may_export_their_own_data_but_not_someone_elses() {
        Actor anaHerself = new Actor.ClientSelf(ana.id());

        assertThat(t.clientele.dataExport().export(anaHerself, TENANT, ana.id())).contains("Quillfeather");
        assertThatThrownBy(() -> t.clientele.dataExport().export(anaHerself, TENANT, bob.id()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void staff_need_both_view_clients_and_view_audit() {
        Actor noAudit = TestClientele.staffWithout("front-desk", Permission.VIEW_AUDIT);
        Actor noView = TestClientele.staffWithout("auditor", Permission.VIEW_CLIENTS);

        assertThatThrownBy(() -> t.clientele.dataExport().export(noAudit, TENANT, ana.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> t.clientele.dataExport().export(noView, TENANT, ana.id()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void another_tenants_client_is_not_found() {
        assertThatThrownBy(() -> t.clientele.dataExport().export(OTHER_OWNER, OTHER_TENANT, ana.id()))
                .isInstanceOf(NotFoundException.class);
    }
}
