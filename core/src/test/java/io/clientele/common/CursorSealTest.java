package io.clientele.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.testing.EncodedForms;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seal of list cursors on its own: what it hides, what it binds, which keys it takes. */
class CursorSealTest {

    private static final TenantId TENANT = TenantId.of("studio-a");
    private static final String POSITION_TEXT = "quillfeather\u0001zephyrine";
    private static final Cursor POSITION = Cursor.of(POSITION_TEXT, "019cadc6-9a80-7000-822d-2c53cb841da3");

    private final CursorSeal seal = CursorSeal.withRandomKey();
    private final CursorSeal.Bound list = seal.bind(TENANT, "client-list", CursorSeal.fingerprint("text", "=quill"));

    @Test
    void a_sealed_cursor_holds_neither_the_position_nor_any_encoding_of_it() {
        Cursor sealed = sealed(list, POSITION);

        assertThat(sealed.value()).matches("[A-Za-z0-9_-]+").doesNotContain(POSITION.value());
        for (String form : EncodedForms.base64(POSITION_TEXT)) {
            assertThat(sealed.value()).doesNotContain(form);
        }
        byte[] raw = Base64.getUrlDecoder().decode(sealed.value());
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("quillfeather")
                .doesNotContain("zephyrine");
    }

    @Test
    void a_sealed_cursor_opens_to_the_position_it_sealed() {
        PageRequest opened = list.open(PageRequest.after(sealed(list, POSITION), 7));

        assertThat(opened).isEqualTo(PageRequest.after(POSITION, 7));
    }

    @Test
    void sealing_the_same_position_twice_gives_two_different_cursors_that_both_open() {
        Cursor first = sealed(list, POSITION);
        Cursor second = sealed(list, POSITION);

        assertThat(first).isNotEqualTo(second);
        assertThat(list.open(PageRequest.after(first, 1)).after()).contains(POSITION);
        assertThat(list.open(PageRequest.after(second, 1)).after()).contains(POSITION);
    }

    @Test
    void a_first_page_request_and_a_last_page_pass_through_unchanged() {
        assertThat(list.open(PageRequest.first(9))).isEqualTo(PageRequest.first(9));
        Page<String> last = new Page<>(List.of("a"), Optional.empty());
        assertThat(list.seal(last)).isEqualTo(last);
    }

    @Test
    void a_cursor_with_any_one_bit_flipped_is_refused() {
        byte[] genuine = Base64.getUrlDecoder().decode(sealed(list, POSITION).value());

        for (int bit = 0; bit < genuine.length * 8; bit++) {
            byte[] flipped = Arrays.copyOf(genuine, genuine.length);
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            Cursor tampered = new Cursor(Base64.getUrlEncoder().withoutPadding().encodeToString(flipped));
            assertRefused(list, tampered);
        }
    }

    @Test
    void a_cursor_opens_only_for_the_tenant_list_and_query_it_was_sealed_for() {
        Cursor sealed = sealed(list, POSITION);

        assertRefused(seal.bind(TenantId.of("studio-b"), "client-list", CursorSeal.fingerprint("text", "=quill")),
                sealed);
        assertRefused(seal.bind(TENANT, "audit-trail", CursorSeal.fingerprint("text", "=quill")), sealed);
        assertRefused(seal.bind(TENANT, "client-list", CursorSeal.fingerprint("text", "=quilt")), sealed);
        assertRefused(seal.bind(TENANT, "client-list", CursorSeal.fingerprint("text", "-")), sealed);
    }

    @Test
    void a_cursor_sealed_under_another_key_is_refused() {
        CursorSeal other = CursorSeal.withRandomKey();
        Cursor foreign = sealed(other.bind(TENANT, "client-list", CursorSeal.fingerprint("text", "=quill")), POSITION);

        assertRefused(list, foreign);
    }

    @Test
    void two_seals_with_the_same_key_open_each_others_cursors() {
        byte[] key = new byte[CursorSeal.KEY_BYTES];
        Arrays.fill(key, (byte) 7);
        CursorSeal first = CursorSeal.withKey(key);
        CursorSeal second = CursorSeal.withKey(key);
        String query = CursorSeal.fingerprint("text", "=quill");

        Cursor sealed = sealed(first.bind(TENANT, "client-list", query), POSITION);

        assertThat(second.bind(TENANT, "client-list", query).open(PageRequest.after(sealed, 3)).after())
                .contains(POSITION);
    }

    @Test
    void strings_clientele_never_sealed_are_refused() {
        byte[] shortBlob = new byte[20];
        for (String raw : List.of("not-a-cursor", "%%%", "e30", POSITION.value(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(shortBlob), "A".repeat(2048))) {
            assertRefused(list, new Cursor(raw));
        }
    }

    @Test
    void fingerprints_of_different_parts_never_collide() {
        assertThat(CursorSeal.fingerprint("ab", "c")).isNotEqualTo(CursorSeal.fingerprint("a", "bc"));
        assertThat(CursorSeal.fingerprint("a:b")).isNotEqualTo(CursorSeal.fingerprint("a", "b"));
        assertThat(CursorSeal.fingerprint("", "x")).isNotEqualTo(CursorSeal.fingerprint("x", ""));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 24, 31, 33, 64})
    void a_key_that_is_not_32_bytes_is_a_configuration_error(int length) {
        assertThatThrownBy(() -> CursorSeal.withKey(new byte[length]))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cursorKey").hasMessageContaining("32 bytes");
    }

    @Test
    void a_missing_key_is_a_configuration_error() {
        assertThatThrownBy(() -> CursorSeal.withKey(null)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cursorKey");
    }

    @Test
    void changing_the_key_array_after_use_does_not_change_the_seal() {
        byte[] key = new byte[CursorSeal.KEY_BYTES];
        Arrays.fill(key, (byte) 3);
        CursorSeal keyed = CursorSeal.withKey(key);
        String query = CursorSeal.fingerprint("q");
        Cursor sealed = sealed(keyed.bind(TENANT, "client-list", query), POSITION);

        Arrays.fill(key, (byte) 1);

        assertThat(keyed.bind(TENANT, "client-list", query).open(PageRequest.after(sealed, 1)).after())
                .contains(POSITION);
    }

    @Test
    void the_longest_position_an_adapter_may_use_seals_into_a_cursor() {
        Cursor longest = new Cursor("p".repeat(CursorSeal.MAX_POSITION_BYTES));

        Cursor sealed = sealed(list, longest);

        assertThat(list.open(PageRequest.after(sealed, 1)).after()).contains(longest);
        assertThatThrownBy(() -> sealed(list, new Cursor("p".repeat(CursorSeal.MAX_POSITION_BYTES + 1))))
                .isInstanceOf(IllegalStateException.class);
    }

    private static Cursor sealed(CursorSeal.Bound bound, Cursor position) {
        return bound.seal(new Page<>(List.of("item"), Optional.of(position))).next().orElseThrow();
    }

    private static void assertRefused(CursorSeal.Bound bound, Cursor cursor) {
        assertThatThrownBy(() -> bound.open(PageRequest.after(cursor, 1)))
                .as(cursor.value())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("cursor");
                    assertThat(e.rule()).isEqualTo("format");
                });
    }
}
