package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.audit.model.Mask;
import io.clientele.client.model.Client;
import io.clientele.client.service.AddressInput;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.Text;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.credit.service.CreditIssue;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.service.CampaignProgressListener;
import io.clientele.mail.model.RenderedMail;
import io.clientele.order.model.Order;
import io.clientele.order.service.OrderLineInput;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.testing.EncodedForms;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * After erasing a client through the use case on PostgreSQL, no text, varchar, character, json,
 * jsonb or bytea column of any table of the schema (read from {@code information_schema.columns})
 * holds the person's values: in clear (ignoring case, so the folded sort key too), masked as the
 * audit trail masks them ({@link Mask}), base64 (standard or URL-safe, at each byte alignment, of
 * the value and its folded form), URL-encoded, hex, and the phone's digits alone; bytea columns are
 * scanned as UTF-8 text and as hex. The distinctive values carry random suffixes, so they are
 * looked for in every row of the database (other tests share it); the short forms that are not
 * distinctive (masks, postal codes, the birth date) only in the rows of this test's tenant.
 */
class PgErasureScanTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");
    private static final Set<String> TEXT_TYPES = Set.of("text", "character varying", "character", "json", "jsonb",
            "bytea");
    private static final List<UnaryOperator<String>> MASKS = List.of(Mask::name, Mask::email, Mask::phone,
            Mask::identifier, Mask::opaque);

    private final String suffix = letters(8);
    private final String firstName = "Zephyrine" + suffix;
    private final String lastName = "Quillfeather" + letters(8);
    private final String firstEmail = "zq." + hex(5) + "@quillmail.example";
    private final String email = "z.quill." + hex(5) + "@featherpost.example";
    // a French mobile number is valid only in some ranges (06 12 ... is one): random digits after it
    private final String phoneDigits = "12" + digits(6);
    private final String phoneTyped = "+33 6 " + phoneDigits.replaceAll("(\\d\\d)(?!$)", "$1 ");
    private final String phoneE164 = "+336" + phoneDigits;
    private final LocalDate birthDate = LocalDate.of(1931, 1, 1).plusDays(RANDOM.nextInt(20_000));
    private final String pass = "ZQ-" + digits(7);
    private final AddressInput home = new AddressInput("17 Wyvernholt" + suffix + " Crescent",
            Optional.of("Flat Quorvale" + suffix), "QX7 9ZW", "Brimblewick" + suffix, Optional.empty(), "GB");
    private final AddressInput work = AddressInput.of("4 Marrowgate" + suffix + " Yard", "VZ4 2JQ",
            "Thistlemoor" + suffix, "GB");
    private final List<String> notes = List.of(
            "Allergic to Quorlinth" + suffix + " pollen, keep the studio windows shut",
            "Paid with Kumquatine" + suffix + " vouchers from the spring fair",
            "Asks to be called Zephy" + suffix + " by the front desk");
    private final String ipAddress = "2001:db8:" + hex(2) + ":" + hex(2) + "::7";
    private final String userAgent = "Mozilla/5.0 (Quillbrowser " + suffix + ")";
    private final String intakeAnswer = lastName + " senior, brother";
    private final InvitationMessage personalMessage = new InvitationMessage(firstName + ", your account is ready",
            "Dear " + firstName + " " + lastName + ", as promised at the front desk, book online from now on.");

    /** One form of one personal value; {@code everywhere} when it is distinctive enough to look for in any tenant's rows. */
    record Needle(String value, String form, String text, boolean everywhere) {

        boolean isIn(String raw, String lowerCased) {
            return form.equals("base64") ? raw.contains(text) : lowerCased.contains(text.toLowerCase(Locale.ROOT));
        }
    }

    /** A needle found in one column of one row. */
    record Hit(String table, String column, Needle needle) {

        @Override
        public String toString() {
            return table + "." + column + " holds " + needle.form() + " " + needle.text();
        }
    }

    /** What a scan looked at and found. */
    record Scan(int columns, List<Hit> hits) {
    }

    @Test
    void after_erasure_no_column_of_any_table_holds_the_erased_clients_data_in_any_form() throws SQLException {
        JpaClientele t = JpaClientele.postgres();
        Client client = populate(t);
        List<Needle> needles = needleForms();

        Scan before = scan(t, needles);

        assertThat(before.hits().stream().filter(h -> h.needle().form().equals("clear")).map(h -> h.needle().value())
                .distinct())
                .as("the scan finds the values held in clear before erasure")
                .contains(firstName, lastName, email, phoneE164, pass, home.line1(), work.city(), notes.get(0),
                        notes.get(2), ipAddress, userAgent, intakeAnswer);
        assertThat(before.hits()).as("the scan finds the masked values of the audit trail before erasure")
                .anySatisfy(h -> assertThat(h.needle().text()).isEqualTo(Mask.email(email)));

        t.clientele.erasure().erase(t.owner, t.tenant, client.id());

        Scan after = scan(t, needles);
        System.out.println("RESULT name=pg-erasure-scan columns=" + after.columns() + " hits=" + after.hits().size());
        assertThat(after.columns()).as("columns scanned").isGreaterThan(50);
        assertThat(after.hits()).as("personal data left after erasure").isEmpty();
    }

    /**
     * A client with every kind of personal data the database keeps: details edited once (so the
     * audit holds masked values), addresses, notes, a pass, credits, an order cancelled with a
     * reason, an intake form, a payment method, a consent with IP and user agent, an invitation
     * sent and its link used to activate, campaigns (one with a message naming them) sent, a staff
     * password reset sent, and a forgotten-password request still waiting in the outbox.
     */
    private Client populate(JpaClientele t) {
        Clientele c = t.clientele;
        Actor.Staff owner = t.owner;
        Client client = c.clients().create(owner, t.tenant, ClientDetails.named(firstName, lastName)
                .withEmail(firstEmail).withPhone(phoneTyped));
        c.addresses().add(owner, t.tenant, client.id(), home);
        c.addresses().add(owner, t.tenant, client.id(), work);
        for (String note : notes) {
            c.notes().add(owner, t.tenant, client.id(), note);
        }
        c.passes().link(owner, t.tenant, client.id(), pass);
        c.credits().issueMembershipCredits(owner, t.tenant, client.id(),
                CreditIssue.of(2, "Birthday gift for " + firstName + " " + lastName));
        Order order = c.orders().place(owner, t.tenant, client.id(), List.of(OrderLineInput.bookingReference(
                "bk-" + hex(4), "Private session with " + firstName, "EUR", new BigDecimal("60.00"))));
        c.orders().cancel(owner, t.tenant, order.id(), lastName + " asked for a refund");
        c.intakeForms().record(owner, t.tenant, client.id(), "Health questionnaire", 1, t.clock.instant(),
                Map.of("Emergency contact", intakeAnswer));
        c.paymentMethods().add(owner, t.tenant, client.id(), PaymentMethodInput.card("Visa", "4242",
                YearMonth.of(2031, 5), "pm_" + lastName));
        MarketingPreference news = c.consent().definePreference(owner, t.tenant, "news", "Newsletter",
                "May we send you our newsletter?", Channel.EMAIL);
        c.consent().recordSelfService(new Actor.ClientSelf(client.id()), t.tenant, client.id(), news.id(),
                ConsentDecision.OPT_IN, new ConsentOrigin(Optional.of(ipAddress), Optional.of(userAgent)));

        c.invitations().invite(owner, t.tenant, client.id());
        c.mailDispatcher().dispatchAll();
        t.clock.advance(Duration.ofHours(25));
        Campaign everyone = c.campaigns().create(owner, t.tenant, new CampaignTarget.AllClients());
        assertThat(c.campaigns().run(owner, t.tenant, everyone.id(), CampaignProgressListener.NONE).progress()
                .enqueued()).isEqualTo(1);
        c.mailDispatcher().dispatchAll();
        t.clock.advance(Duration.ofHours(25));
        Campaign aimed = c.campaigns().create(owner, t.tenant, new CampaignTarget.Clients(Set.of(client.id())),
                personalMessage);
        assertThat(c.campaigns().run(owner, t.tenant, aimed.id(), CampaignProgressListener.NONE).progress()
                .enqueued()).isEqualTo(1);
        c.mailDispatcher().dispatchAll();
        c.activation().activate(t.tenant, lastActivationToken(t), "a good long password");
        c.activation().requestPasswordReset(owner, t.tenant, client.id());
        c.mailDispatcher().dispatchAll();

        Client current = c.clients().get(owner, t.tenant, client.id());
        Client edited = c.clients().editDetails(owner, t.tenant, client.id(), current.version(),
                ClientDetails.named(firstName, lastName).withEmail(email).withPhone(phoneTyped)
                        .withBirthDate(birthDate));
        c.activation().forgotPassword(t.tenant, email);
        return edited;
    }

    /** The token of the newest activation link the host's mail sender delivered. */
    private static String lastActivationToken(JpaClientele t) {
        List<RenderedMail> delivered = t.host.mailSender().delivered();
        for (int i = delivered.size() - 1; i >= 0; i--) {
            Matcher link = Pattern.compile("https://studio\\.example/activate\\S*").matcher(delivered.get(i).textBody());
            if (link.find()) {
                Matcher token = TOKEN.matcher(link.group());
                assertThat(token.find()).as("the activation link carries a token").isTrue();
                return token.group(1);
            }
        }
        throw new AssertionError("no activation link was delivered");
    }

    /** The person's values, each distinctive one with the suffix of this test. */
    private List<String> distinctiveValues() {
        Set<String> values = new LinkedHashSet<>(List.of(firstName, lastName, firstEmail, email, phoneTyped,
                phoneE164, phoneE164.substring(1), pass, ipAddress, userAgent, intakeAnswer, "pm_" + lastName));
        for (AddressInput a : List.of(home, work)) {
            values.add(a.line1());
            a.line2().ifPresent(values::add);
            values.add(a.city());
        }
        values.addAll(notes);
        return List.copyOf(values);
    }

    /**
     * Every form of every value: the distinctive ones in clear, base64 (of the value and of its
     * folded form), URL-encoded and hex everywhere, their masks in this tenant only; the values
     * that are not distinctive (postal codes, birth date) in clear in this tenant only.
     */
    private List<Needle> needleForms() {
        Map<String, Needle> forms = new LinkedHashMap<>();
        for (String value : distinctiveValues()) {
            add(forms, new Needle(value, "clear", value, true));
            for (UnaryOperator<String> mask : MASKS) {
                String masked = mask.apply(value);
                // "***" or "****" alone would match any masked value of anyone
                if (masked.length() >= 4 && !masked.chars().allMatch(ch -> ch == '*')) {
                    add(forms, new Needle(value, "masked", masked, false));
                }
            }
            for (String variant : new LinkedHashSet<>(List.of(value, Text.fold(value)))) {
                EncodedForms.base64(variant).forEach(b -> add(forms, new Needle(value, "base64", b, true)));
                add(forms, new Needle(value, "hex", HexFormat.of().formatHex(variant.getBytes(StandardCharsets.UTF_8)),
                        true));
            }
            EncodedForms.urlEncoded(value).forEach(u -> add(forms, new Needle(value, "url-encoded", u, true)));
        }
        for (String value : List.of(home.postalCode(), work.postalCode(), birthDate.toString())) {
            add(forms, new Needle(value, "clear", value, false));
        }
        add(forms, new Needle(birthDate.toString(), "masked", Mask.opaque(birthDate.toString()), false));
        return List.copyOf(forms.values());
    }

    private static void add(Map<String, Needle> forms, Needle needle) {
        String key = needle.form().equals("base64") ? "b64:" + needle.text() : needle.text().toLowerCase(Locale.ROOT);
        forms.putIfAbsent(key, needle);
    }

    /**
     * Every column of a text, character, json or bytea type of every table of the schema, every
     * row of each, looked at for every needle.
     */
    private static Scan scan(JpaClientele t, List<Needle> needles) throws SQLException {
        DataSource db = Databases.postgres();
        List<Hit> hits = new ArrayList<>();
        int columns = 0;
        try (Connection connection = db.getConnection()) {
            connection.setReadOnly(true);
            Map<String, Map<String, String>> tables = new LinkedHashMap<>();
            try (PreparedStatement read = connection.prepareStatement("SELECT c.table_name, c.column_name, c.data_type"
                    + " FROM information_schema.columns c JOIN information_schema.tables t"
                    + " ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                    + " WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'"
                    + " ORDER BY c.table_name, c.ordinal_position");
                    ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    tables.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
                            rs.getString(3));
                }
            }
            for (Map.Entry<String, Map<String, String>> table : tables.entrySet()) {
                boolean tenanted = table.getValue().containsKey("tenant_id");
                for (Map.Entry<String, String> column : table.getValue().entrySet()) {
                    if (!TEXT_TYPES.contains(column.getValue())) {
                        continue;
                    }
                    columns++;
                    String sql = "SELECT \"" + column.getKey() + "\", " + (tenanted ? "tenant_id = ?" : "false")
                            + " FROM \"" + table.getKey() + "\" WHERE \"" + column.getKey() + "\" IS NOT NULL";
                    try (PreparedStatement read = connection.prepareStatement(sql)) {
                        if (tenanted) {
                            read.setString(1, t.tenant.value());
                        }
                        try (ResultSet rs = read.executeQuery()) {
                            while (rs.next()) {
                                boolean ours = rs.getBoolean(2);
                                for (String raw : renderings(rs, column.getValue())) {
                                    String lowerCased = raw.toLowerCase(Locale.ROOT);
                                    for (Needle needle : needles) {
                                        if ((ours || needle.everywhere()) && needle.isIn(raw, lowerCased)) {
                                            hits.add(new Hit(table.getKey(), column.getKey(), needle));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            connection.rollback();
        }
        return new Scan(columns, hits);
    }

    /** A column's value as text: bytea as UTF-8 text and as hex. */
    private static List<String> renderings(ResultSet rs, String type) throws SQLException {
        if (type.equals("bytea")) {
            byte[] bytes = rs.getBytes(1);
            return List.of(new String(bytes, StandardCharsets.UTF_8), HexFormat.of().formatHex(bytes));
        }
        return List.of(rs.getString(1));
    }

    private static String letters(int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            s.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return s.toString();
    }

    private static String digits(int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            s.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return s.toString();
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
