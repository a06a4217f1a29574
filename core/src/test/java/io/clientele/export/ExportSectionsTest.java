package io.clientele.export;

import static io.clientele.testing.TestClientele.CHEAP_ARGON2;
import static io.clientele.testing.TestClientele.INVITATIONS;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.Ids;
import io.clientele.common.TenantId;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.export.port.ExportEncoder;
import io.clientele.export.port.ExportSection;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.testing.CountingPorts;
import io.clientele.testing.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, point 8: the export is assembled from sections of plain values that each context (and
 * the host) contributes, and written by a pluggable encoder. A host's section joins the document
 * after Clientele's, read as of the export's instant; a section wired wrongly (a name taken or not
 * a plain property name, a value that is not plain) fails with a message naming it; the encoder
 * gets the whole document in order; and the consent and membership sections read their catalog
 * once instead of once per record.
 */
class ExportSectionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = MutableClock.standard();

    @Test
    void a_hosts_section_follows_clienteles_sections_and_reads_as_of_the_export() throws Exception {
        AtomicReference<Instant> asOf = new AtomicReference<>();
        ExportSection bookings = section("bookings", (tenant, client, at) -> {
            asOf.set(at);
            Map<String, Object> booking = new LinkedHashMap<>();
            booking.put("ref", "bk-" + client.value().toString().substring(0, 4));
            booking.put("attended", true);
            booking.put("seats", 2);
            return List.of(booking);
        });
        Clientele clientele = build(b -> b.exportSection(bookings));
        Client ana = ana(clientele);

        JsonNode doc = JSON.readTree(clientele.dataExport().export(OWNER, TENANT, ana.id()));

        List<String> fields = new ArrayList<>();
        doc.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("format", "exportedAt", "tenant", "clientId", "profile", "notes", "audit",
                "consents", "credits", "creditLedger", "memberships", "orders", "intakeForms", "paymentMethods",
                "bookings");
        assertThat(doc.at("/bookings/0/attended").asBoolean()).isTrue();
        assertThat(doc.at("/bookings/0/seats").asInt()).isEqualTo(2);
        assertThat(asOf.get()).isEqualTo(clock.instant());
        assertThat(doc.get("exportedAt").asText()).isEqualTo(clock.instant().toString());
    }

    @Test
    void a_section_name_that_is_taken_or_not_a_property_name_fails_the_build_naming_it() {
        for (String name : List.of("audit", "credits", "clientId", "my bookings", "1bookings", "")) {
            assertThatThrownBy(() -> build(b -> b.exportSection(section(name, (t, c, at) -> List.of()))))
                    .as(name).isInstanceOf(ConfigurationException.class).hasMessageContaining("'" + name + "'");
        }
        assertThatThrownBy(() -> build(b -> b.exportSection(section("bookings", (t, c, at) -> List.of()))
                .exportSection(section("bookings", (t, c, at) -> List.of()))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'bookings' is taken");
    }

    @Test
    void a_value_that_is_not_plain_is_refused_naming_the_section_and_where_it_is() {
        Map<String, Object> withOptional = new LinkedHashMap<>();
        withOptional.put("ref", "bk-1");
        withOptional.put("attendedAt", Optional.of("yesterday"));
        Clientele clientele = build(b -> b.exportSection(section("bookings", (t, c, at) -> List.of(withOptional))));
        Client ana = ana(clientele);

        assertThatThrownBy(() -> clientele.dataExport().export(OWNER, TENANT, ana.id()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("export section 'bookings'")
                .hasMessageContaining("bookings[0].attendedAt")
                .hasMessageContaining("java.util.Optional");
    }

    @Test
    void the_encoder_gets_the_whole_document_in_order_and_its_text_is_the_export() {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        ExportEncoder encoder = document -> {
            seen.set(document);
            return "encoded " + document.size() + " fields";
        };
        Clientele clientele = build(b -> b.exportEncoder(encoder));
        Client ana = ana(clientele);

        String text = clientele.dataExport().export(OWNER, TENANT, ana.id());

        assertThat(text).isEqualTo("encoded 14 fields");
        assertThat(seen.get()).containsEntry("format", "clientele-export/1")
                .containsEntry("clientId", ana.id().toString());
        assertThat(seen.get().get("profile")).isInstanceOf(Map.class);
    }

    @Test
    void the_consent_and_membership_sections_read_their_catalog_once_whatever_the_number_of_records() {
        Map<Integer, Map<String, Long>> calls = new LinkedHashMap<>();
        for (int records : List.of(2, 12)) {
            InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2);
            CountingPorts ports = new CountingPorts();
            Clientele clientele = ports.installInto(memory, Clientele.builder()).clock(clock)
                    .ids(new Ids(clock)).invitations(INVITATIONS).pacer(clock::advance).build();
            Client ana = ana(clientele);
            MarketingPreference news = clientele.consent().definePreference(OWNER, TENANT, "news", "News", "News.",
                    Channel.EMAIL);
            MembershipType monthly = clientele.membershipTypes().createType(OWNER, TENANT, "Monthly",
                    RecurringCreditRule.of(1, CreditPeriod.MONTHLY, Period.ofMonths(1)));
            for (int i = 0; i < records; i++) {
                if (i % 2 == 0) {
                    clientele.consent().optIn(OWNER, TENANT, ana.id(), news.id());
                } else {
                    clientele.consent().optOut(OWNER, TENANT, ana.id(), news.id());
                }
                clientele.memberships().addMembership(OWNER, TENANT, ana.id(), monthly.id(), LocalDate.of(2026, 3, 1));
            }

            ports.reset();
            clientele.dataExport().export(OWNER, TENANT, ana.id());

            calls.put(records, ports.counts());
        }

        assertThat(calls.get(12)).as("port calls of an export with 12 records per section and with 2")
                .isEqualTo(calls.get(2))
                .containsEntry("PreferenceRepository.list", 1L)
                .containsEntry("MembershipTypeRepository.list", 1L)
                .doesNotContainKeys("PreferenceRepository.find", "MembershipTypeRepository.find");
    }

    private Clientele build(UnaryOperator<Clientele.Builder> options) {
        return options.apply(InMemoryAdapters.create(CHEAP_ARGON2).installInto(Clientele.builder()).clock(clock)
                .ids(new Ids(clock)).invitations(INVITATIONS).pacer(clock::advance)).build();
    }

    private static Client ana(Clientele clientele) {
        return clientele.clients().create(OWNER, TENANT, ClientDetails.named("Ana", "Export"));
    }

    /** How a test section reads its content. */
    @FunctionalInterface
    private interface Content {
        Object read(TenantId tenant, ClientId client, Instant exportedAt);
    }

    private static ExportSection section(String name, Content content) {
        return new ExportSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object content(TenantId tenant, ClientId client, Instant exportedAt) {
                return content.read(tenant, client, exportedAt);
            }
        };
    }
}
