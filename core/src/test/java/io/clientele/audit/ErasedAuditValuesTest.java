package io.clientele.audit;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.Clientele;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.service.AddressInput;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.testing.TestClientele;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Regression tests for issue 7, point 6: the masked values of an erased client's audit trail
 * ({@code Z***}, {@code z***@f***.example}, {@code +33*******13}, {@code ****0042}, {@code [17
 * characters]}) stayed in the store and in the data export after erasure.
 */
class ErasedAuditValuesTest {

    private static final String NOTE = "Prefers the quiet";
    private static final List<String> MASKS = List.of("Z***", "Q***", "z***@f***.example", "+33*******13",
            "****0042", "[17 characters]", "[10 characters]", "****4242");

    private final TestClientele t = new TestClientele();

    /** Zephyrine with every kind of masked value in her trail: details, pass, address, note, card. */
    private Client zephyrine() {
        Client created = t.create(ClientDetails.named("Zephyrine", "Quillfeather")
                .withEmail("zephyrine@featherpost.example").withPhone("+33 6 47 58 29 13"));
        t.clientele.clients().editDetails(OWNER, TENANT, created.id(), created.version(),
                ClientDetails.named("Zephyrine", "Quillfeather").withEmail("z.quill@featherpost.example")
                        .withPhone("+33 6 47 58 29 13").withBirthDate(LocalDate.of(1987, 11, 23))
                        .withPreferredLanguage("en"));
        t.clientele.passes().link(OWNER, TENANT, created.id(), "ZQ-770042");
        t.clientele.addresses().add(OWNER, TENANT, created.id(), AddressInput.of("17 Wyvernholt Cres", "QX7 9ZW",
                "Brimblewick", "GB"));
        t.clientele.notes().add(OWNER, TENANT, created.id(), NOTE);
        t.clientele.paymentMethods().add(OWNER, TENANT, created.id(), PaymentMethodInput.card("Visa", "4242",
                YearMonth.of(2031, 5), "pm_zq"));
        return t.reload(created.id());
    }

    @Test
    @Tag("in-memory")
    void masked_audit_values_do_not_survive_erasure_in_the_store() {
        Client zephyrine = zephyrine();
        assertThat(auditText()).as("the masks are there before erasure").contains(MASKS);

        t.clientele.erasure().erase(OWNER, TENANT, zephyrine.id());

        for (String mask : MASKS) {
            assertThat(auditText()).as("mask %s after erasure", mask).doesNotContain(mask);
        }
        assertThat(auditText()).contains(FieldChange.ERASED);
    }

    @Test
    void erasure_keeps_field_names_actions_actors_times_and_plain_values() {
        Client zephyrine = zephyrine();
        List<AuditEntry> before = trailOf(zephyrine.id());

        t.clientele.erasure().erase(OWNER, TENANT, zephyrine.id());

        List<AuditEntry> after = trailOf(zephyrine.id());
        assertThat(after).hasSize(before.size() + 1);
        assertThat(after.get(after.size() - 1).action()).isEqualTo(AuditAction.ERASED);
        for (int i = 0; i < before.size(); i++) {
            AuditEntry was = before.get(i);
            AuditEntry is = after.get(i);
            assertThat(is.id()).isEqualTo(was.id());
            assertThat(is.action()).isEqualTo(was.action());
            assertThat(is.actor()).isEqualTo(was.actor());
            assertThat(is.occurredAt()).isEqualTo(was.occurredAt());
            assertThat(is.changes()).hasSameSizeAs(was.changes());
            for (int c = 0; c < was.changes().size(); c++) {
                FieldChange old = was.changes().get(c);
                FieldChange now = is.changes().get(c);
                assertThat(now.field()).isEqualTo(old.field());
                assertThat(now.personal()).isEqualTo(old.personal());
                if (old.personal()) {
                    assertThat(now.before()).isEqualTo(old.before().map(v -> "[erased]"));
                    assertThat(now.after()).isEqualTo(old.after().map(v -> "[erased]"));
                } else {
                    assertThat(now).isEqualTo(old);
                }
            }
        }
        assertThat(after).flatMap(AuditEntry::changes).contains(
                new FieldChange("preferredLanguage", Optional.empty(), Optional.of("en")),
                new FieldChange("address.country", Optional.empty(), Optional.of("GB")),
                new FieldChange("brand", Optional.empty(), Optional.of("Visa")),
                new FieldChange("firstName", Optional.empty(), Optional.of("[erased]"), true),
                new FieldChange("pass", Optional.empty(), Optional.of("[erased]"), true),
                new FieldChange("last4", Optional.empty(), Optional.of("[erased]"), true));
    }

    @Test
    void the_export_of_an_erased_client_shows_the_redacted_trail() throws Exception {
        Client zephyrine = zephyrine();
        assertThat(t.clientele.dataExport().export(OWNER, TENANT, zephyrine.id())).contains("Z***", "****0042");

        t.clientele.erasure().erase(OWNER, TENANT, zephyrine.id());

        String export = t.clientele.dataExport().export(OWNER, TENANT, zephyrine.id());
        for (String mask : MASKS) {
            assertThat(export).as("mask %s in the export", mask).doesNotContain(mask);
        }
        JsonNode audit = new ObjectMapper().readTree(export).get("audit");
        assertThat(audit.findValuesAsText("action")).contains("DETAILS_CHANGED", "PASS_LINKED", "ERASED");
        assertThat(audit.findValuesAsText("field")).contains("firstName", "email", "pass", "last4");
        assertThat(audit.findValuesAsText("after")).contains("[erased]").doesNotContainAnyElementsOf(MASKS);
    }

    @Test
    void another_clients_masked_values_stay() {
        Client other = t.create(ClientDetails.named("Zachary", "Quince").withEmail("zq@fernmail.example"));
        t.clientele.passes().link(OWNER, TENANT, other.id(), "ZQ-990042");
        List<AuditEntry> othersBefore = trailOf(other.id());
        Client zephyrine = zephyrine();

        t.clientele.erasure().erase(OWNER, TENANT, zephyrine.id());

        assertThat(trailOf(other.id())).isEqualTo(othersBefore);
        assertThat(othersBefore.toString()).contains("Z***", "****0042");
    }

    @Test
    @Tag("in-memory")
    void an_erasure_that_fails_after_the_redaction_leaves_the_trail_as_it_was() {
        Client zephyrine = zephyrine();
        // a host whose event bus refuses the erasure's event, which comes after the redaction
        Clientele failing = t.memory.installInto(Clientele.builder()).clock(t.clock).ids(t.ids)
                .invitations(TestClientele.INVITATIONS).eventPublisher(event -> {
                    if (event instanceof ClientEvents.ClientErased) {
                        throw new IllegalStateException("event bus unavailable");
                    }
                    t.memory.events().publish(event);
                }).build();
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> failing.erasure().erase(OWNER, TENANT, zephyrine.id()))
                .hasMessage("event bus unavailable");

        assertThat(t.storedState()).isEqualTo(before);
        assertThat(auditText()).contains(MASKS);
    }

    @Test
    void a_masked_change_is_personal_and_a_plain_one_is_not() {
        FieldChange masked = FieldChange.masked("lastName", Optional.of("Quillfeather"), Optional.empty(),
                v -> v.charAt(0) + "***");
        FieldChange plain = FieldChange.plain("status", Optional.of("ADDED"), Optional.of("INVITED"));

        assertThat(masked.personal()).isTrue();
        assertThat(masked.erased()).isEqualTo(new FieldChange("lastName", Optional.of("[erased]"), Optional.empty(),
                true));
        assertThat(plain.personal()).isFalse();
        assertThat(plain.erased()).isSameAs(plain);
        assertThat(new FieldChange("label", Optional.empty(), Optional.of("VIP")).personal()).isFalse();
    }

    private List<AuditEntry> trailOf(ClientId client) {
        return t.auditTrail(TENANT).stream().filter(e -> e.clientId().equals(client)).toList();
    }

    private String auditText() {
        return t.memory.audit().contents().toString();
    }
}
