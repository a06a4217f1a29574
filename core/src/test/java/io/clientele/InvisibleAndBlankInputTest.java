package io.clientele;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.lastAddress;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Address;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.NoteText;
import io.clientele.client.model.PassNumber;
import io.clientele.client.model.PersonName;
import io.clientele.client.model.PostalAddress;
import io.clientele.client.model.SenderSettings;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.service.AddressInput;
import io.clientele.client.service.ClientDetails;
import io.clientele.client.service.PhoneNumbers;
import io.clientele.common.ClientId;
import io.clientele.common.DisplayName;
import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.credit.model.CreditId;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.mail.model.MessageTemplate;
import io.clientele.mail.model.SenderIdentity;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.order.model.Cancellation;
import io.clientele.order.model.Money;
import io.clientele.order.model.OrderLine;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.payment.model.PaymentMethodKind;
import io.clientele.testing.TestClientele;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 7, point 12: a value made only of invisible characters is refused in every text field,
 * combining marks need a base, names refuse stacks of marks, and one rule for blank applies to
 * every field: only Unicode white space, and the same white space everywhere.
 */
class InvisibleAndBlankInputTest {

    private static final TestClientele T = new TestClientele();
    private static final ClientId CLIENT = T.ana().id();
    private static final CountryCode FR = CountryCode.of("FR");
    private static final Money PRICE = Money.of("EUR", new BigDecimal("10.00"));

    /** Spaces that are white space but not ASCII: they are all blank. */
    private static final List<String> UNICODE_SPACES = List.of(
            " ", "\u00A0", "\u1680", "\u2000", "\u2007", "\u2009", "\u200A", "\u202F", "\u205F", "\u3000");

    /**
     * Code points that show nothing and are not white space, written out rather than taken from
     * the code under test: Hangul fillers, joiners, variation selectors, the combining grapheme
     * joiner, Khmer inherent vowels, combining marks of several scripts (nonspacing, spacing and
     * enclosing) and the braille blank.
     */
    private static final List<String> INVISIBLE_NOT_SPACE = List.of(
            "\u115F", "\u1160", "\u3164", "\uFFA0", "\u200D", "\u200C", "\uFE00", "\uFE0F", "\uDB40\uDD00",
            "\u034F", "\u17B4", "\u17B5", "\u0301", "\u0308", "\u0E49", "\u05B4", "\u093F", "\u20DD", "\u2800");

    /** A text field of any kind, how to fill it with one value, and the field name a refusal gives. */
    enum TextField {
        FIRST_NAME("firstName", s -> new PersonName(s, "L\u00F3pez")),
        LAST_NAME("lastName", s -> new PersonName("Ana", s)),
        EMAIL("email", EmailAddress::of),
        PHONE("phone", s -> PhoneNumbers.parse(s, FR)),
        LANGUAGE("preferredLanguage", LanguageTag::of),
        PASS_NUMBER("passNumber", PassNumber::of),
        LABEL("name", s -> T.clientele.labels().create(OWNER, TENANT, s)),
        GROUP("name", s -> T.clientele.groups().create(OWNER, TENANT, s)),
        MEMBERSHIP_TYPE("name", s -> T.clientele.membershipTypes().createType(OWNER, TENANT, s,
                RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1)))),
        DISPLAY_NAME("name", DisplayName::new),
        NOTE("text", s -> T.clientele.notes().add(OWNER, TENANT, CLIENT, s)),
        NOTE_TEXT("text", NoteText::new),
        INVITATION_SUBJECT("subject", s -> new InvitationMessage(s, "See you soon.")),
        INVITATION_MESSAGE("message", s -> new InvitationMessage("Your account", s)),
        ADDRESS_LINE1("address.line1", s -> address(s, Optional.empty(), "75002", "Paris", Optional.empty())),
        ADDRESS_LINE2("address.line2", s -> address("1 rue", Optional.of(s), "75002", "Paris", Optional.empty())),
        POSTAL_CODE("address.postalCode", s -> address("1 rue", Optional.empty(), s, "Paris", Optional.empty())),
        CITY("address.city", s -> address("1 rue", Optional.empty(), "75002", s, Optional.empty())),
        REGION("address.region", s -> address("1 rue", Optional.empty(), "75002", "Paris", Optional.of(s))),
        CREDIT_REASON("reason", s -> T.clientele.credits().revoke(OWNER, TENANT, new CreditId(UUID.randomUUID()), s)),
        CANCELLATION_REASON("reason", Cancellation::reason),
        PACKAGE_NAME("name", s -> new OrderLine.PackagePurchase(s, 1, Optional.empty(), PRICE)),
        BOOKING_REF("bookingRef", s -> new OrderLine.BookingReference(s, "Yoga", PRICE)),
        BOOKING_DESCRIPTION("description", s -> new OrderLine.BookingReference("b-1", s, PRICE)),
        FORM_NAME("formName", s -> intake(s, Map.of("Injuries?", "None"))),
        FORM_QUESTION("answers[0].question", s -> intake("Health", Map.of(s, "None"))),
        FORM_ANSWER("answers[0].answer", s -> intake("Health", Map.of("Injuries?", s))),
        PREFERENCE_KEY("key", s -> preference(s, "Newsletter", "Monthly news.")),
        PREFERENCE_NAME("name", s -> preference("newsletter", s, "Monthly news.")),
        PREFERENCE_WORDING("wording", s -> preference("newsletter", "Newsletter", s)),
        USER_AGENT("userAgent", s -> new ConsentOrigin(Optional.empty(), Optional.of(s))),
        PAYMENT_BRAND("brand", s -> PaymentMethodInput.of(PaymentMethodKind.CARD, s, "4242", "pm_1")),
        PAYMENT_PROVIDER_REF("providerRef", s -> PaymentMethodInput.of(PaymentMethodKind.CARD, "Visa", "4242", s)),
        CLIENT_LIST_TEXT("text", s -> ClientQuery.all().withText(s)),
        STUDIO_NAME("studioName", s -> TenantSettings.defaults().withStudioName(s)),
        SIGNATURE("signature", s -> MessageTemplate.signature(Optional.of(s))),
        TEMPLATE_SUBJECT("subject", s -> new MessageTemplate(s, "")),
        SENDER_DISPLAY_NAME("displayName", s -> SenderSettings.platform().withDisplayName(s)),
        MAIL_SENDER_DISPLAY_NAME("displayName", s -> new SenderIdentity(s, "no-reply@studio.example"));

        final String field;
        final Function<String, Object> fill;

        TextField(String field, Function<String, Object> fill) {
            this.field = field;
            this.fill = fill;
        }
    }

    /** A field that must hold something, and how to fill it. */
    enum RequiredField {
        FIRST_NAME(TextField.FIRST_NAME), LAST_NAME(TextField.LAST_NAME), EMAIL(TextField.EMAIL),
        PHONE(TextField.PHONE), LANGUAGE(TextField.LANGUAGE), PASS_NUMBER(TextField.PASS_NUMBER),
        LABEL(TextField.LABEL), GROUP(TextField.GROUP), MEMBERSHIP_TYPE(TextField.MEMBERSHIP_TYPE),
        NOTE(TextField.NOTE), INVITATION_SUBJECT(TextField.INVITATION_SUBJECT),
        ADDRESS_LINE1(TextField.ADDRESS_LINE1), CITY(TextField.CITY), CREDIT_REASON(TextField.CREDIT_REASON),
        CANCELLATION_REASON(TextField.CANCELLATION_REASON), PACKAGE_NAME(TextField.PACKAGE_NAME),
        BOOKING_REF(TextField.BOOKING_REF), BOOKING_DESCRIPTION(TextField.BOOKING_DESCRIPTION),
        FORM_NAME(TextField.FORM_NAME), FORM_QUESTION(TextField.FORM_QUESTION),
        PREFERENCE_KEY(TextField.PREFERENCE_KEY), PREFERENCE_NAME(TextField.PREFERENCE_NAME),
        PREFERENCE_WORDING(TextField.PREFERENCE_WORDING), PAYMENT_PROVIDER_REF(TextField.PAYMENT_PROVIDER_REF),
        STUDIO_NAME(TextField.STUDIO_NAME),
        COUNTRY(new Named("country", CountryCode::of));

        final String field;
        final Function<String, Object> fill;

        RequiredField(TextField text) {
            this(new Named(text.field, text.fill));
        }

        RequiredField(Named named) {
            this.field = named.field();
            this.fill = named.fill();
        }
    }

    private record Named(String field, Function<String, Object> fill) {
    }

    // --- invisible values ---

    @Property(tries = 1000)
    void a_value_made_only_of_invisible_characters_is_refused_in_every_text_field(
            @ForAll TextField field, @ForAll("invisibleOnly") String value) {
        assertRefused(() -> field.fill.apply(value), field.field, "invisible");
    }

    @Example
    void hangul_fillers_and_lone_joiners_are_not_a_name_a_label_a_note_or_a_subject() {
        Map<String, List<String>> before = T.storedState();

        assertRefused(() -> T.create(ClientDetails.named("\u3164", "L\u00F3pez")), "firstName", "invisible");
        assertRefused(() -> T.create(ClientDetails.named("Ana", "\u115F\u1160")), "lastName", "invisible");
        assertRefused(() -> T.clientele.labels().create(OWNER, TENANT, "\u200D"), "name", "invisible");
        assertRefused(() -> T.clientele.groups().create(OWNER, TENANT, "\u200C \u200D"), "name", "invisible");
        assertRefused(() -> T.clientele.notes().add(OWNER, TENANT, CLIENT, "\n\u3164\n\u2800\n"), "text", "invisible");
        assertRefused(() -> new InvitationMessage("\uFFA0", "Hello"), "subject", "invisible");
        assertRefused(() -> new InvitationMessage("Hello", "\u0301\u0301"), "message", "invisible");
        assertThat(T.storedState()).isEqualTo(before);
    }

    @Example
    void an_empty_invitation_message_stays_allowed() {
        assertThat(new InvitationMessage("Your account", "").message()).isEmpty();
        assertThat(new InvitationMessage("Your account", " \u00A0\n\u3000").message()).isEmpty();
    }

    @Example
    void a_combining_mark_at_the_start_or_after_white_space_is_refused_with_rule_lone_combining_mark() {
        assertRefused(() -> new PersonName("\u0301Ana", "L\u00F3pez"), "firstName", "lone_combining_mark");
        assertRefused(() -> new PersonName("Ana \u0308Maria", "L\u00F3pez"), "firstName", "lone_combining_mark");
        assertRefused(() -> new DisplayName("VIP\u3000\u20DD"), "name", "lone_combining_mark");
        assertRefused(() -> new NoteText("First line\n\u0301second line"), "text", "lone_combining_mark");
        assertRefused(() -> new NoteText("Col 1\t\u093Fcol 2"), "text", "lone_combining_mark");
        // a joiner or filler does not give a mark a base either
        assertRefused(() -> new NoteText("Yoga \u200D\u0301"), "text", "lone_combining_mark");
    }

    @Example
    void marks_on_their_letter_and_joiners_inside_words_are_kept() {
        assertThat(new PersonName("Jose\u0301", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647").firstName())
                .isEqualTo("Jos\u00E9");
        assertThat(new DisplayName("\u2764\uFE0F fans").value()).isEqualTo("\u2764\uFE0F fans");
        assertThat(new NoteText("\u0915\u093F\u0924\u093E\u092C").value()).isEqualTo("\u0915\u093F\u0924\u093E\u092C");
    }

    // --- floods of combining marks in names ---

    @Example
    void a_flood_of_combining_marks_on_one_letter_is_refused_in_names() {
        String zalgo = "Z\u0338\u0321\u0322\u031B\u0317\u0318\u0319\u031C\u031D\u031E\u031F\u0320algo";

        assertRefused(() -> new PersonName(zalgo, "L\u00F3pez"), "firstName", "combining_marks");
        assertRefused(() -> new PersonName("Ana", "Lq" + "\u0301".repeat(6) + "opez"), "lastName", "combining_marks");
        assertRefused(() -> T.create(ClientDetails.named("Ana", zalgo)), "lastName", "combining_marks");
        assertRefused(() -> T.clientele.labels().create(OWNER, TENANT, zalgo), "name", "combining_marks");
    }

    @Example
    void five_marks_on_one_letter_are_accepted_and_six_are_not() {
        // q has no precomposed form with these marks, so NFC leaves all of them in place
        String five = "Aq" + "\u0300\u0301\u0302\u0303\u0304";

        assertThat(new PersonName(five + "na", "L\u00F3pez").firstName()).isEqualTo(five + "na");
        assertRefused(() -> new PersonName(five + "\u0305na", "L\u00F3pez"), "firstName", "combining_marks");
    }

    @Example
    void names_in_scripts_that_stack_marks_are_accepted() {
        List<String> names = List.of(
                "\u1000\u103B\u1031\u102C\u103A",             // Burmese Kyaw: 4 marks on one consonant
                "\u1019\u103B\u103E\u1031\u102C\u103A",       // Burmese "hope": 5 marks
                "\u05E9\u05C1\u05B0\u05DC\u05B9\u05DE\u05B9\u05D4", // Hebrew Shlomo with points
                "\u05E9\u05BC\u05C1\u05B8\u05BD",              // Hebrew shin: dagesh, shin dot, qamats, meteg
                "\u0E2A\u0E21\u0E28\u0E31\u0E01\u0E14\u0E34\u0E4C", // Thai Somsak
                "Nguye\u0302\u0303n",                            // Vietnamese, decomposed
                "\u0915\u093C\u0941\u0901\u0935\u0930",          // Hindi, nukta + vowel sign + candrabindu
                "\u0F56\u0F66\u0F92\u0FB2\u0F74\u0F56\u0F66");   // Tibetan stack
        for (String name : names) {
            assertThat(new PersonName(name, "Test").firstName()).as(name).isNotEmpty();
        }
    }

    // --- one rule for blank ---

    @Property(tries = 300)
    void white_space_of_any_kind_in_a_required_field_is_refused_with_rule_required(
            @ForAll RequiredField field, @ForAll("whiteSpaceOnly") String blank) {
        assertRefused(() -> field.fill.apply(blank), field.field, "required");
    }

    @Property(tries = 300)
    void white_space_of_any_kind_in_an_optional_field_means_absent(@ForAll("whiteSpaceOnly") String blank) {
        PostalAddress address = address("1 rue", Optional.of(blank), "75002", "Paris", Optional.of(blank));
        ConsentOrigin origin = new ConsentOrigin(Optional.of(blank), Optional.of(blank));

        assertThat(address.line2()).isEmpty();
        assertThat(address.region()).isEmpty();
        assertThat(address("1 rue", Optional.empty(), blank, "Paris", Optional.empty()).postalCode()).isEmpty();
        assertThat(origin.ipAddress()).isEmpty();
        assertThat(origin.userAgent()).isEmpty();
        assertThat(ClientQuery.all().withText(blank).text()).isEmpty();
        assertThat(new InvitationMessage("Your account", blank).message()).isEmpty();
        assertThat(MessageTemplate.signature(Optional.of(blank))).isEmpty();
    }

    @Property(tries = 300)
    void blank_optional_fields_across_the_whole_profile_form_are_absent(
            @ForAll("whiteSpaceOnly") String email, @ForAll("whiteSpaceOnly") String phone,
            @ForAll("whiteSpaceOnly") String language, @ForAll("whiteSpaceOnly") String line2,
            @ForAll("whiteSpaceOnly") String region) {
        ClientDetails details = new ClientDetails("Ana", "L\u00F3pez", Optional.of(email), Optional.of(phone),
                Optional.empty(), Optional.of(language));

        Client created = T.create(details);
        Address address = lastAddress(T.clientele.addresses().add(OWNER, TENANT, created.id(),
                new AddressInput("1 rue de la Paix", Optional.of(line2), "75002", "Paris", Optional.of(region), "FR")));
        Client edited = T.clientele.clients().editDetails(OWNER, TENANT, created.id(), T.reload(created.id()).version(),
                details.withEmail(phone).withPhone(email));

        assertThat(created.details().email()).isEmpty();
        assertThat(created.details().phone()).isEmpty();
        assertThat(created.details().preferredLanguage()).isEmpty();
        assertThat(address.postal().line2()).isEmpty();
        assertThat(address.postal().region()).isEmpty();
        assertThat(edited.details().email()).isEmpty();
        assertThat(edited.details().phone()).isEmpty();
    }

    @Property
    void blank_trim_and_not_blank_share_one_definition(@ForAll("whiteSpaceOrText") String value) {
        boolean blank = value.codePoints().allMatch(cp -> UNICODE_SPACES.contains(new String(Character.toChars(cp)))
                || "\t\n\u000B\u000C\r\u0085\u2028\u2029".indexOf(cp) >= 0);

        assertThat(Text.isBlank(value)).isEqualTo(blank);
        assertThat(Text.trim(value).isEmpty()).isEqualTo(blank);
        if (blank) {
            assertRefused(() -> Validate.notBlank("field", value), "field", "required");
        } else {
            assertThat(Validate.notBlank("field", value)).isSameAs(value);
        }
    }

    @Example
    void information_separators_are_not_blank_but_control_characters() {
        assertThat(Text.isBlank("\u001C\u001F")).isFalse();
        assertRefused(() -> new DisplayName("\u001F"), "name", "forbidden_character");
    }

    // --- generators ---

    @Provide
    Arbitrary<String> invisibleOnly() {
        Arbitrary<String> any = Arbitraries.oneOf(Arbitraries.of(UNICODE_SPACES), Arbitraries.of(INVISIBLE_NOT_SPACE));
        Arbitrary<String> notSpace = Arbitraries.of(INVISIBLE_NOT_SPACE);
        return Combinators.combine(any.list().ofMaxSize(6), notSpace, Arbitraries.integers().between(0, 6))
                .as((others, one, at) -> {
                    List<String> parts = new ArrayList<>(others);
                    parts.add(Math.min(at, parts.size()), one);
                    return String.join("", parts);
                });
    }

    @Provide
    Arbitrary<String> whiteSpaceOnly() {
        return Arbitraries.oneOf(Arbitraries.of(UNICODE_SPACES), Arbitraries.of("\t", "\n", "\r\n"))
                .list().ofMinSize(0).ofMaxSize(6).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> whiteSpaceOrText() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(UNICODE_SPACES),
                Arbitraries.of("\t", "\n", "\u000B", "\u000C", "\r", "\u0085", "\u2028", "\u2029"),
                Arbitraries.of("a", "\u3164", "\u200B", "\u001C", "\u0301", "\u2800", "\uFEFF"));
        return piece.list().ofMaxSize(5).map(parts -> parts.stream().collect(Collectors.joining()));
    }

    // --- helpers ---

    private static PostalAddress address(String line1, Optional<String> line2, String postalCode, String city,
            Optional<String> region) {
        return new PostalAddress(line1, line2, postalCode, city, region, FR);
    }

    private static IntakeSubmission intake(String formName, Map<String, String> answers) {
        return new IntakeSubmission(UUID.randomUUID(), TENANT, CLIENT, formName, 1, Instant.EPOCH,
                new LinkedHashMap<>(answers));
    }

    private static MarketingPreference preference(String key, String name, String wording) {
        return new MarketingPreference(new PreferenceId(UUID.randomUUID()), TENANT, key, name, wording, 1,
                Channel.EMAIL);
    }
}
