package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.adapter.memory.InMemoryAdaptersTest;
import io.clientele.adapter.memory.InspectableStore;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.Label;
import io.clientele.testing.Images;
import io.clientele.testing.TestClientele;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import io.clientele.order.model.Order;
import io.clientele.order.service.OrderLineInput;
import io.clientele.payment.model.PaymentMethodInput;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * After erasure, no in-memory store holds the person's name, email, phone, addresses or note texts
 * in any form (the scan is case-insensitive over every object's {@code toString()} and over the
 * raw photo bytes). The values are distinctive, so any hit is a real leak.
 */
class ErasureScanTest {

    private static final String FIRST_NAME = "Zephyrine";
    private static final String LAST_NAME = "Quillfeather";
    private static final String FIRST_EMAIL = "Zephyrine.Quillfeather@quillmail.example";
    private static final String EMAIL = "z.quillfeather@featherpost.example";
    private static final String PHONE_TYPED = "+33 6 47 58 29 13";
    private static final String PHONE_E164 = "+33647582913";
    private static final String BIRTH_DATE = "1987-11-23";
    private static final String PASS = "ZQ-770042";
    private static final AddressInput HOME = new AddressInput("17 Wyvernholt Crescent",
            Optional.of("Flat Quorvale"), "QX7 9ZW", "Brimblewick", Optional.empty(), "GB");
    private static final AddressInput WORK = AddressInput.of("4 Marrowgate Yard", "VZ4 2JQ", "Thistlemoor", "GB");
    private static final List<String> NOTES = List.of(
            "Allergic to Quorlinth pollen, keep the studio windows shut",
            "Paid with Kumquatine vouchers from the spring fair",
            "Asks to be called Zephy by the front desk");

    private final TestClientele t = new TestClientele();

    /** One value found in one stored object. */
    record Hit(String store, String needle) {
    }

    @Test
    void after_erasure_no_store_holds_any_personal_data_of_the_erased_client() {
        Client client = populate();
        List<String> needles = needles();
        Set<String> notStoredInClear = Set.of(PHONE_TYPED);

        List<Hit> beforeErasure = scan(needles);

        assertThat(beforeErasure.stream().map(Hit::needle).collect(Collectors.toSet()))
                .as("the scan finds every value held in clear before erasure")
                .containsExactlyInAnyOrderElementsOf(needles.stream()
                        .filter(n -> !notStoredInClear.contains(n)).toList());
        assertThat(beforeErasure.stream().map(Hit::store).collect(Collectors.toSet()))
                .as("stores holding personal data before erasure; the photo is stored without the metadata"
                        + " that named the person")
                .contains("clients", "notes")
                .doesNotContain("photos");
        assertThat(t.memory.audit().all(TENANT)).extracting(AuditEntry::action)
                .contains(AuditAction.DETAILS_CHANGED);

        t.clientele.erasure().erase(OWNER, TENANT, client.id());

        List<Hit> afterErasure = scan(needles);
        int stores = t.memory.stores().size();
        System.out.println("RESULT name=erasure-scan stores=" + stores + " hits=" + afterErasure.size());
        assertThat(t.memory.stores()).as("every in-memory store is scanned").hasSameSizeAs(InMemoryAdaptersTest.STORE_NAMES);
        assertThat(afterErasure).as("personal data left after erasure").isEmpty();
        assertThat(t.reload(client.id()).erased()).isTrue();
    }

    /** A client with every kind of personal data, details edited once so the audit holds masked values. */
    private Client populate() {
        var c = t.clientele;
        Client client = t.create(ClientDetails.named(FIRST_NAME, LAST_NAME).withEmail(FIRST_EMAIL)
                .withPhone(PHONE_TYPED));
        c.addresses().add(OWNER, TENANT, client.id(), HOME);
        c.addresses().add(OWNER, TENANT, client.id(), WORK);
        for (String note : NOTES) {
            c.notes().add(OWNER, TENANT, client.id(), note);
        }
        c.passes().link(OWNER, TENANT, client.id(), PASS);
        c.photos().upload(OWNER, TENANT, client.id(), new ByteArrayInputStream(photoWithMetadata()));
        Label vip = c.labels().create(OWNER, TENANT, "VIP");
        Label early = c.labels().create(OWNER, TENANT, "Early riser");
        c.labels().assign(OWNER, TENANT, client.id(), vip.id());
        c.labels().assign(OWNER, TENANT, client.id(), early.id());
        ClientGroup group = c.groups().create(OWNER, TENANT, "Tuesday pilates");
        c.groups().addMember(OWNER, TENANT, group.id(), client.id());
        // the other profile sections, with free text that names the person
        c.credits().issueMembershipCredits(OWNER, TENANT, client.id(), 2, Optional.empty(), Optional.empty(),
                "Birthday gift for " + FIRST_NAME + " " + LAST_NAME);
        Order order = c.orders().place(OWNER, TENANT, client.id(), List.of(OrderLineInput.bookingReference("bk-77",
                "Private session with " + FIRST_NAME, "EUR", new BigDecimal("60.00"))));
        c.orders().cancel(OWNER, TENANT, order.id(), LAST_NAME + " asked for a refund");
        c.intakeForms().record(OWNER, TENANT, client.id(), "Health questionnaire", 1, t.clock.instant(),
                Map.of("Emergency contact", LAST_NAME + " senior"));
        c.paymentMethods().add(OWNER, TENANT, client.id(), PaymentMethodInput.card("Visa", "4242",
                YearMonth.of(2031, 5), "pm_" + LAST_NAME));
        c.invitations().invite(OWNER, TENANT, client.id(), Optional.empty());
        c.mailDispatcher().dispatchAll();
        Client current = t.reload(client.id());
        return c.clients().editDetails(OWNER, TENANT, client.id(), current.version(),
                ClientDetails.named(FIRST_NAME, LAST_NAME).withEmail(EMAIL).withPhone(PHONE_TYPED)
                        .withBirthDate(LocalDate.parse(BIRTH_DATE)));
    }

    /** A JPEG whose metadata (EXIF, XMP and comment) names the person, as camera and phone photos often do. */
    private static byte[] photoWithMetadata() {
        return Images.jpegWithMetadata(FIRST_NAME + " " + LAST_NAME + ", " + EMAIL, 1);
    }

    private static List<String> needles() {
        Set<String> needles = new LinkedHashSet<>(List.of(FIRST_NAME, LAST_NAME, FIRST_EMAIL, EMAIL,
                PHONE_TYPED, PHONE_E164, BIRTH_DATE, PASS));
        for (AddressInput a : List.of(HOME, WORK)) {
            needles.add(a.line1());
            a.line2().ifPresent(needles::add);
            needles.add(a.city());
            needles.add(a.postalCode());
        }
        needles.addAll(NOTES);
        return List.copyOf(needles);
    }

    /** Every (store, needle) pair per stored object that contains the needle, ignoring case. */
    private List<Hit> scan(List<String> needles) {
        List<Hit> hits = new ArrayList<>();
        for (InspectableStore store : t.memory.stores()) {
            for (Object stored : store.contents()) {
                String text = String.valueOf(stored).toLowerCase(Locale.ROOT);
                for (String needle : needles) {
                    if (text.contains(needle.toLowerCase(Locale.ROOT))) {
                        hits.add(new Hit(store.storeName(), needle));
                    }
                }
            }
        }
        return hits;
    }
}
