package io.clientele.client;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.PageRequest;
import io.clientele.common.Text;
import io.clientele.testing.TestClientele;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression tests for review finding 6: the part before the {@code @} accepted invisible
 * characters (the Hangul fillers are letters), so {@code ana\u3164@example.com}, which shows as
 * {@code ana@example.com}, made a second client beside the real one; an address of fillers alone
 * was accepted; and combining marks could pile up there without limit.
 */
class EmailLookalikeTest {

    @Test
    void an_address_with_a_hangul_filler_no_longer_makes_a_second_client_that_looks_like_the_first() {
        TestClientele t = new TestClientele();
        t.create(ClientDetails.named("Ana", "L\u00F3pez").withEmail("ana@example.com"));
        Map<String, List<String>> before = t.storedState();

        assertRefused(() -> t.create(ClientDetails.named("Ana", "Impostor").withEmail("ana\u3164@example.com")),
                "email", "format");

        assertThat(t.storedState()).isEqualTo(before);
        assertThat(t.clientele.clients().list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(10)).items())
                .extracting(s -> s.email().orElseThrow().value()).containsExactly("ana@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u3164@example.com", // HANGUL FILLER alone, a letter
            "\u115F\u1160@example.com", // HANGUL CHOSEONG and JUNGSEONG FILLERS
            "ana\uFFA0@example.com", // HALFWIDTH HANGUL FILLER
            "ana\u3164@example.com",
            "\u3164ana@example.com",
            "ana.\u3164@example.com",
            "an\u034Fa@example.com", // COMBINING GRAPHEME JOINER, a mark
            "ana\uFE0F@example.com", // VARIATION SELECTOR-16, a mark
            "ana\u200D@example.com", // ZERO WIDTH JOINER
            "an\u200Ca@example.com", // ZERO WIDTH NON-JOINER
            "ana\u17B4@example.com", // KHMER VOWEL INHERENT AQ, a mark
    })
    void invisible_characters_before_the_at_are_refused(String raw) {
        assertRefused(() -> EmailAddress.of(raw), "email", "format");
    }

    @Test
    void a_flood_of_combining_marks_before_the_at_is_refused_with_the_limit_of_names() {
        // U+0334 COMBINING TILDE OVERLAY composes with nothing, so NFC keeps every one
        String marks = "\u0334".repeat(Text.MAX_COMBINING_MARKS);

        assertThat(EmailAddress.of("a" + marks + "@example.com").localPart()).isEqualTo("a" + marks);
        assertRefused(() -> EmailAddress.of("a" + marks + "\u0334@example.com"), "email", "combining_marks");
        assertRefused(() -> EmailAddress.of("a" + "\u0301".repeat(9) + "@example.com"), "email", "combining_marks");
    }

    @Test
    void a_combining_mark_on_the_dot_between_two_parts_is_refused() {
        assertRefused(() -> EmailAddress.of("ana.\u0301x@example.com"), "email", "format");
        assertRefused(() -> EmailAddress.of("\u0301ana@example.com"), "email", "lone_combining_mark");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u0930\u093E\u092E\u0942@example.com", // Devanagari with vowel signs
            "\u0E2A\u0E21\u0E0A\u0E32\u0E22@example.com", // Thai
            "\uAE40\uBBFC\uC900@example.com", // Hangul syllables
            "jos\u00E9.mar\u00EDa@example.com",
            "\u05E9\u05B8\u05C1\u05DC\u05D5\u05B9\u05DD@example.com", // Hebrew with points
    })
    void addresses_of_scripts_that_need_marks_are_still_accepted(String raw) {
        assertThat(EmailAddress.of(raw).value()).isEqualTo(raw);
    }

    @Test
    void conjoining_jamo_before_the_at_are_composed_not_refused() {
        assertThat(EmailAddress.of("\u1100\u1161\u11A8@example.com").value()).isEqualTo("\uAC01@example.com");
    }
}
