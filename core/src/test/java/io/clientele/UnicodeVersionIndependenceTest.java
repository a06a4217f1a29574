package io.clientele;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import io.clientele.adapter.credentials.HashingCredentialStore;
import io.clientele.adapter.credentials.HashingCredentialStore.Argon2Parameters;
import io.clientele.adapter.memory.InMemoryPasswordHashStore;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.PersonName;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.DisplayName;
import io.clientele.common.Text;
import io.clientele.invitation.model.Password;
import io.clientele.payment.model.CardData;
import io.clientele.testing.TestClientele;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression tests for review finding 8: whether text was accepted depended on the JDK running
 * Clientele. The letter, mark and forbidden-character checks used the JDK's Unicode tables
 * (Unicode 13 on JDK 17, 16 on JDK 25), so a name in Kawi, Nag Mundari or Garay was refused on JDK
 * 17 and accepted on JDK 25; folding, lower-casing and normalization changed with the JDK too. Every
 * expectation here holds on every JDK: the build runs this class on JDK 17 and on JDK 25.
 */
class UnicodeVersionIndependenceTest {

    /** Letters added in Unicode 14 to 17, none of which JDK 17 knows. */
    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {
            "11F04", // KAWI LETTER A (Unicode 15)
            "1E4D0", // NAG MUNDARI LETTER O (15)
            "10D4A", // GARAY VOWEL SIGN A, a letter (16)
            "10D50", // GARAY CAPITAL LETTER A (16)
            "16D43", // KIRAT RAI LETTER A (16)
            "1E5D0", // OL ONAL LETTER O (16)
            "10570", // VITHKUQI CAPITAL LETTER A (14)
            "1E290", // TOTO LETTER PA (14)
            "A7C0", // LATIN CAPITAL LETTER OLD POLISH O (14)
            "18D09", // TANGUT IDEOGRAPH-18D09 (17)
    })
    void letters_of_scripts_newer_than_the_jdk_are_accepted_in_names_on_every_jdk(String hex) {
        String letter = Character.toString(Integer.parseInt(hex, 16));

        PersonName name = new PersonName(letter.repeat(3), "Doe " + letter);

        assertThat(name.firstName()).isEqualTo(letter + letter + letter);
        assertThat(name.lastName()).isEqualTo("Doe " + letter);
    }

    @Test
    void a_client_with_a_kawi_name_is_created_on_every_jdk() {
        TestClientele t = new TestClientele();
        String kawi = new String(Character.toChars(0x11F04)) + new String(Character.toChars(0x11F05));

        assertThat(t.create(ClientDetails.named(kawi, "Nag " + kawi)).details().name()
                .firstName()).isEqualTo(kawi);
    }

    @Test
    void kawi_marks_on_a_kawi_letter_are_marks_on_every_jdk() {
        String letter = new String(Character.toChars(0x11F04));
        String candrabindu = new String(Character.toChars(0x11F00));

        assertThat(new PersonName(letter + candrabindu, "Doe").firstName()).isEqualTo(letter + candrabindu);
        assertRefused(() -> new PersonName(letter + candrabindu.repeat(Text.MAX_COMBINING_MARKS + 1), "Doe"),
                "firstName", "combining_marks");
        assertRefused(() -> new PersonName(candrabindu + letter, "Doe"), "firstName", "lone_combining_mark");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0378", "05FF", "2FFFE", "E0080", "E01F0"})
    void unassigned_code_points_are_refused_in_names_on_every_jdk(String hex) {
        int cp = Integer.parseInt(hex, 16);
        assertThat(UCharacter.getType(cp)).as("unassigned in ICU's tables").isEqualTo(UCharacterCategory.UNASSIGNED);
        String raw = "An" + new String(Character.toChars(cp)) + "a";

        assertRefused(() -> new PersonName(raw, "Doe"), "firstName", "forbidden_character");
        assertRefused(() -> Text.singleLine("note", raw, 100), "note", "forbidden_character");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"11F50", "10D40", "16D70", "1E4F0"})
    void digits_of_scripts_newer_than_the_jdk_are_not_letters_in_names(String hex) {
        String digit = Character.toString(Integer.parseInt(hex, 16));

        assertRefused(() -> new PersonName("Ana" + digit, "Doe"), "firstName", "characters");
    }

    @Test
    void a_name_typed_decomposed_in_a_script_newer_than_the_jdk_equals_the_composed_one() {
        // KIRAT RAI VOWEL SIGN E + AA compose to VOWEL SIGN O (Unicode 16): JDK 17 leaves them apart
        String decomposed = Character.toString(0x16D43) + Character.toString(0x16D63) + Character.toString(0x16D67);
        String composed = Character.toString(0x16D43) + Character.toString(0x16D69);

        assertThat(new PersonName(decomposed, "Doe")).isEqualTo(new PersonName(composed, "Doe"));
        assertThat(new PersonName(decomposed, "Doe").firstName()).isEqualTo(composed);
    }

    @Test
    void sort_and_search_keys_fold_the_case_of_scripts_newer_than_the_jdk() {
        String garayCapital = Character.toString(0x10D50);
        String garaySmall = Character.toString(0x10D70);
        String vithkuqiCapital = Character.toString(0x10570);
        String vithkuqiSmall = Character.toString(0x10597);

        assertThat(Text.fold(garayCapital + vithkuqiCapital + "\u00C9")).isEqualTo(garaySmall + vithkuqiSmall + "e");
        assertThat(Text.lowerCase("A" + garayCapital)).isEqualTo("a" + garaySmall);
    }

    @Test
    void catalog_names_differing_only_in_the_case_of_a_newer_script_are_one_name() {
        String garayCapital = Character.toString(0x10D50);
        String garaySmall = Character.toString(0x10D70);
        TestClientele t = new TestClientele();
        t.clientele.labels().create(OWNER, TENANT, "VIP " + garayCapital);

        assertThat(new DisplayName("VIP " + garayCapital).key()).isEqualTo(new DisplayName("vip " + garaySmall).key());
        assertThatThrownBy(() -> t.clientele.labels().create(OWNER, TENANT, "vip " + garaySmall))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void an_email_local_part_in_a_script_newer_than_the_jdk_is_accepted_and_lower_cased() {
        String vithkuqiCapital = Character.toString(0x10570);
        String vithkuqiSmall = Character.toString(0x10597);

        assertThat(EmailAddress.of(vithkuqiCapital + "ana@example.com").value())
                .isEqualTo(vithkuqiSmall + "ana@example.com");
    }

    @Test
    void a_card_number_written_in_digits_of_a_newer_script_is_found_on_every_jdk() {
        // 4111 1111 1111 1111 in Kawi digits (U+11F50..U+11F59, Unicode 15) and in Garay digits (16)
        for (int zero : new int[] {0x11F50, 0x10D40}) {
            String pan = digits("4111 1111 1111 1111", zero);

            assertThat(CardData.containsCardNumber(pan)).as("zero U+%X", zero).isTrue();
            assertRefused(() -> CardData.refuseCardData("label", "card " + pan), "label",
                    CardData.CARD_NUMBER_NOT_ALLOWED);
        }
    }

    @Test
    void a_cvc_written_in_digits_of_a_newer_script_is_found_on_every_jdk() {
        String cvc = "cvc: " + digits("123", 0x1E4F0);

        assertThat(CardData.containsCvc(cvc)).isTrue();
        assertRefused(() -> CardData.refuseCardData("label", "Visa " + cvc), "label", CardData.CVC_NOT_ALLOWED);
        assertThat(CardData.containsCvc("cvc: " + digits("12", 0x1E4F0))).isFalse();
    }

    @Test
    void a_password_with_a_compatibility_character_newer_than_the_jdk_verifies_in_its_normalized_form() {
        MemoryTransactions tx = new MemoryTransactions();
        HashingCredentialStore store = new HashingCredentialStore(new InMemoryPasswordHashStore(tx),
                new Argon2Parameters(1024, 1, 1));
        ClientId ana = new ClientId(UUID.fromString("01900000-0000-7000-8000-000000000001"));
        // U+10783 MODIFIER LETTER SMALL AE (Unicode 14) is <super> U+00E6 under NFKC
        store.setPassword(TENANT, ana, store.prepare(new Password("caf" + Character.toString(0x10783) + " au lait")));

        assertThat(store.verify(TENANT, ana, "caf\u00E6 au lait")).isTrue();
        assertThat(store.verify(TENANT, ana, "cafe au lait")).isFalse();
    }

    /**
     * Pins the Unicode version of every text rule to ICU4J's. When an ICU upgrade moves it, keys
     * adapters store ({@link Text#fold}, {@link DisplayName#key()}) may change for characters new
     * in that version: the upgrade must say so in the changelog.
     */
    @Test
    void the_unicode_version_of_the_text_rules_is_icus_whatever_the_jdk() {
        assertThat(Text.unicodeVersion()).isEqualTo("17.0");
    }

    private static String digits(String ascii, int zero) {
        StringBuilder out = new StringBuilder();
        ascii.chars().forEach(c -> out.append(c >= '0' && c <= '9' ? Character.toString(zero + c - '0') : (char) c));
        return out.toString();
    }
}
