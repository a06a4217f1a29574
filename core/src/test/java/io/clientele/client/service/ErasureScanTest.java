package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.adapter.memory.InMemoryAdaptersTest;
import io.clientele.adapter.memory.InspectableStore;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.Mask;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.Label;
import io.clientele.client.model.PersonName;
import io.clientele.common.Cursor;
import io.clientele.common.PageRequest;
import io.clientele.common.Text;
import io.clientele.credit.service.CreditIssue;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.service.CampaignProgressListener;
import io.clientele.testing.EncodedForms;
import io.clientele.testing.Images;
import io.clientele.testing.TestClientele;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
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
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * After erasure, no in-memory store holds the person's name, email, phone, addresses or note texts
 * in any form: in clear, masked as the audit trail masks them ({@link Mask}), base64-encoded
 * (standard or URL-safe, at any byte alignment, so a value inside an encoded blob is found) or
 * URL-encoded. The scan runs over every object's {@code toString()} and the raw photo bytes, case
 * insensitive except for base64, which is case sensitive and so is also looked for in the folded
 * (lower-case) form the client list sorts by. Published events are one of the stores, and are also
 * checked on their own, as are the cursors a list handed out. The values are distinctive, so any
 * hit is a real leak.
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

    // the other client shares no first letter with the erased client's values, so that a one-letter
    // mask ("Z***") still points at the erased client alone
    private static final String OTHER_FIRST_NAME = "Ulric";
    private static final String OTHER_LAST_NAME = "Yarrowby";
    private static final String OTHER_EMAIL = "u.yarrowby@ouzelmail.example";
    private static final InvitationMessage PERSONAL_MESSAGE = new InvitationMessage(
            FIRST_NAME + ", your online account is ready",
            "Dear " + FIRST_NAME + " " + LAST_NAME + ", as promised at the front desk, book online from now on.");
    /** The masks of the audit trail, each applied to every value. */
    private static final List<UnaryOperator<String>> MASKS = List.of(Mask::name, Mask::email, Mask::phone,
            Mask::identifier, Mask::opaque);

    private final TestClientele t = new TestClientele();
    /** The cursors the client list handed out while the client was populated. */
    private final List<Cursor> cursorsHandedOut = new ArrayList<>();

    /** How a value is looked for. */
    enum Form {
        CLEAR, MASKED, BASE64, URL_ENCODED
    }

    /** One form of one personal value: {@code text} is what the scan looks for. */
    record Needle(String value, Form form, String text) {

        /** Base64 is case sensitive; the other forms are looked for ignoring case. */
        boolean isIn(String raw, String lowerCased) {
            return form == Form.BASE64 ? raw.contains(text) : lowerCased.contains(text.toLowerCase(Locale.ROOT));
        }
    }

    /** One form of one value found in one stored object. */
    record Hit(String store, Needle needle) {
    }

    @Test
    @Tag("in-memory")
    void after_erasure_no_store_holds_any_personal_data_of_the_erased_client() {
        Client client = populate();
        List<Needle> needles = needleForms(needles());
        Set<String> notStoredInClear = Set.of(PHONE_TYPED);

        List<Hit> beforeErasure = scan(needles);

        assertThat(beforeErasure.stream().filter(h -> h.needle().form() == Form.CLEAR).map(h -> h.needle().value())
                .collect(Collectors.toSet()))
                .as("the scan finds every value held in clear before erasure")
                .containsExactlyInAnyOrderElementsOf(needles().stream()
                        .filter(n -> !notStoredInClear.contains(n)).toList());
        assertThat(beforeErasure.stream().filter(h -> h.store().equals("audit") && h.needle().form() == Form.MASKED)
                .map(h -> h.needle().text()).collect(Collectors.toSet()))
                .as("the scan finds the masked values of the audit trail before erasure")
                .contains(Mask.name(FIRST_NAME), Mask.name(LAST_NAME), Mask.email(EMAIL), Mask.phone(PHONE_E164),
                        Mask.identifier(PASS), Mask.opaque(NOTES.get(0)), Mask.opaque(HOME.line1()));
        assertThat(beforeErasure.stream().map(Hit::store).collect(Collectors.toSet()))
                .as("stores holding personal data before erasure; the photo is stored without the metadata"
                        + " that named the person")
                .contains("clients", "notes", "outbox", "campaigns", "audit")
                .doesNotContain("photos");
        assertThat(t.memory.audit().all(TENANT)).extracting(AuditEntry::action)
                .contains(AuditAction.DETAILS_CHANGED);
        assertThat(scan("events", t.memory.events().events(), needles))
                .as("published events never hold personal data (a host may have them already)").isEmpty();

        t.clientele.erasure().erase(OWNER, TENANT, client.id());

        List<Hit> afterErasure = scan(needles);
        int stores = t.memory.stores().size();
        System.out.println("RESULT name=erasure-scan stores=" + stores + " hits=" + afterErasure.size());
        assertThat(t.memory.stores()).as("every in-memory store is scanned").hasSameSizeAs(InMemoryAdaptersTest.STORE_NAMES);
        assertThat(afterErasure).as("personal data left after erasure").isEmpty();
        assertThat(scan("events", t.memory.events().events(), needles)).as("published events").isEmpty();
        assertThat(cursorsHandedOut).as("the client list handed out a cursor").isNotEmpty();
        assertThat(scan("cursors", cursorsHandedOut, needles)).as("cursors handed out").isEmpty();
        assertThat(t.reload(client.id()).erased()).isTrue();
    }

    @Test
    void the_scan_finds_a_value_base64_encoded_inside_a_blob_at_every_byte_alignment() {
        List<Needle> needles = needleForms(List.of(EMAIL, LAST_NAME));
        for (int offset = 0; offset < 3; offset++) {
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder().withoutPadding())) {
                for (String value : List.of(EMAIL, Text.fold(LAST_NAME))) {
                    String blob = "#".repeat(offset + 3) + "{\"v\":\"" + value + "\"}";
                    String encoded = encoder.encodeToString(blob.getBytes(StandardCharsets.UTF_8));

                    assertThat(scan("blob", List.of(encoded), needles))
                            .as("%s at offset %d in %s", value, offset, encoded)
                            .anySatisfy(h -> assertThat(h.needle().form()).isEqualTo(Form.BASE64));
                }
            }
        }
    }

    @Test
    void the_scan_finds_the_names_in_a_readable_list_cursor_of_old_versions() {
        String sortKey = ClientSummary.sortKeyOf(new PersonName(FIRST_NAME, LAST_NAME));
        Cursor readable = Cursor.of(sortKey, "019cadc6-9a80-7000-822d-2c53cb841da3");

        assertThat(scan("cursor", List.of(readable), needleForms(needles())))
                .extracting(h -> h.needle().value()).contains(FIRST_NAME, LAST_NAME);
    }

    @Test
    void the_scan_finds_url_encoded_and_masked_values() {
        String link = "https://studio.example/clients?email=" + URLEncoder.encode(EMAIL, StandardCharsets.UTF_8)
                + "&phone=" + URLEncoder.encode(PHONE_E164, StandardCharsets.UTF_8);
        String audited = "FieldChange[field=email, before=Optional.empty, after=Optional[" + Mask.email(EMAIL) + "]]";

        List<Hit> hits = scan("texts", List.of(link, audited), needleForms(List.of(EMAIL, PHONE_E164)));

        assertThat(hits).extracting(h -> h.needle().form() + " " + h.needle().value())
                .contains("URL_ENCODED " + EMAIL, "URL_ENCODED " + PHONE_E164, "MASKED " + EMAIL);
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
        c.photos().upload(OWNER, TENANT, client.id(), t.clientVersion(client.id()), new ByteArrayInputStream(photoWithMetadata()));
        Label vip = c.labels().create(OWNER, TENANT, "VIP");
        Label early = c.labels().create(OWNER, TENANT, "Early riser");
        c.labels().assign(OWNER, TENANT, client.id(), vip.id());
        c.labels().assign(OWNER, TENANT, client.id(), early.id());
        ClientGroup group = c.groups().create(OWNER, TENANT, "Tuesday pilates");
        c.groups().addMember(OWNER, TENANT, client.id(), group.id());
        // the other profile sections, with free text that names the person
        c.credits().issueMembershipCredits(OWNER, TENANT, client.id(),
                CreditIssue.of(2, "Birthday gift for " + FIRST_NAME + " " + LAST_NAME));
        Order order = c.orders().place(OWNER, TENANT, client.id(), List.of(OrderLineInput.bookingReference("bk-77",
                "Private session with " + FIRST_NAME, "EUR", new BigDecimal("60.00"))));
        c.orders().cancel(OWNER, TENANT, order.id(), LAST_NAME + " asked for a refund");
        c.intakeForms().record(OWNER, TENANT, client.id(), "Health questionnaire", 1, t.clock.instant(),
                Map.of("Emergency contact", LAST_NAME + " senior"));
        c.paymentMethods().add(OWNER, TENANT, client.id(), PaymentMethodInput.card("Visa", "4242",
                YearMonth.of(2031, 5), "pm_" + LAST_NAME));
        c.invitations().invite(OWNER, TENANT, client.id());
        c.mailDispatcher().dispatchAll();
        runCampaignsAndReadTheList(client);
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

    /**
     * What issue 7 found keeping personal data: a campaign over all clients (its stored position was
     * a list cursor of folded names), a campaign aimed at the client with a message naming them
     * (the message stayed after erasure), both dispatched; and a page of the client list filtered
     * by text whose cursor is the client's position (it was base64 of the folded names).
     */
    private void runCampaignsAndReadTheList(Client client) {
        var c = t.clientele;
        t.clock.advance(Duration.ofHours(25));
        Campaign everyone = c.campaigns().create(OWNER, TENANT, new CampaignTarget.AllClients());
        Campaign everyoneDone = c.campaigns().run(OWNER, TENANT, everyone.id(), CampaignProgressListener.NONE);
        assertThat(everyoneDone.progress().enqueued()).isEqualTo(1);
        c.mailDispatcher().dispatchAll();
        t.clock.advance(Duration.ofHours(25));
        Campaign aimed = c.campaigns().create(OWNER, TENANT, new CampaignTarget.Clients(Set.of(client.id())),
                PERSONAL_MESSAGE);
        Campaign aimedDone = c.campaigns().run(OWNER, TENANT, aimed.id(), CampaignProgressListener.NONE);
        assertThat(aimedDone.progress().enqueued()).isEqualTo(1);
        c.mailDispatcher().dispatchAll();
        // a second client, created after the campaign over all clients so that its position was this client's
        t.create(ClientDetails.named(OTHER_FIRST_NAME, OTHER_LAST_NAME).withEmail(OTHER_EMAIL));
        var page = c.clients().list(OWNER, TENANT, ClientQuery.all().withText("example"), PageRequest.first(1));
        assertThat(page.items()).extracting(ClientSummary::id).containsExactly(client.id());
        cursorsHandedOut.add(page.next().orElseThrow());
    }

    /**
     * Every form of every value: in clear, each distinctive mask, base64 of the value and of its
     * folded form (what the client list sorts by), and URL-encoded.
     */
    private static List<Needle> needleForms(List<String> values) {
        Map<String, Needle> forms = new LinkedHashMap<>();
        for (String value : values) {
            add(forms, new Needle(value, Form.CLEAR, value));
            for (UnaryOperator<String> mask : MASKS) {
                String masked = mask.apply(value);
                // "***" or "****" alone would match any masked value of anyone
                if (masked.length() >= 4 && !masked.chars().allMatch(ch -> ch == '*')) {
                    add(forms, new Needle(value, Form.MASKED, masked));
                }
            }
            for (String variant : new LinkedHashSet<>(List.of(value, Text.fold(value)))) {
                EncodedForms.base64(variant).forEach(b -> add(forms, new Needle(value, Form.BASE64, b)));
            }
            EncodedForms.urlEncoded(value).forEach(u -> add(forms, new Needle(value, Form.URL_ENCODED, u)));
        }
        return List.copyOf(forms.values());
    }

    /** Keeps the first needle of each text (ignoring case, but for base64). */
    private static void add(Map<String, Needle> forms, Needle needle) {
        String key = needle.form() == Form.BASE64 ? "b64:" + needle.text() : needle.text().toLowerCase(Locale.ROOT);
        forms.putIfAbsent(key, needle);
    }

    /** Every (store, needle) pair per stored object that contains the needle. */
    private List<Hit> scan(List<Needle> needles) {
        List<Hit> hits = new ArrayList<>();
        for (InspectableStore store : t.memory.stores()) {
            hits.addAll(scan(store.storeName(), store.contents(), needles));
        }
        return hits;
    }

    /** Every (name, needle) pair per object that contains the needle. */
    private static List<Hit> scan(String name, List<?> objects, List<Needle> needles) {
        List<Hit> hits = new ArrayList<>();
        for (Object object : objects) {
            String raw = String.valueOf(object);
            String lowerCased = raw.toLowerCase(Locale.ROOT);
            for (Needle needle : needles) {
                if (needle.isIn(raw, lowerCased)) {
                    hits.add(new Hit(name, needle));
                }
            }
        }
        return hits;
    }
}
