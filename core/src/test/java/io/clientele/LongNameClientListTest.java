package io.clientele;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.lang.UCharacter;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.PersonName;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.Cursor;
import io.clientele.common.CursorSeal;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Text;
import io.clientele.testing.TestClientele;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Regression tests for review finding 3: a valid name broke the staff client list. The list
 * position holds the folded names, folding turns each Hangul syllable into three jamo (9 bytes),
 * and the position was base64 before being sealed: from about 67 syllables a page ending on that
 * client failed with {@code cursor/max_length}, at 100 with a raw {@link IllegalStateException}.
 * The sealed cursor's length also grew with the name, and an all-zero cursor key was accepted.
 */
class LongNameClientListTest {

    /** Hangul syllables with a final consonant: three jamo each when folded. */
    private static final String GAK = "\uAC01";
    private static final String HIH = "\uD7A3";
    /** U+16D6A KIRAT RAI VOWEL SIGN AU, a letter: three 4-byte letters when folded, the most of any code point. */
    private static final String KIRAT_RAI_AU = Character.toString(0x16D6A);

    // ---------------------------------------------------------------- every client is listed

    @Example
    void a_page_boundary_on_clients_with_the_longest_hangul_names_lists_every_client_exactly_once() {
        TestClientele t = new TestClientele();
        List<ClientId> created = new ArrayList<>();
        created.add(t.create(ClientDetails.named("Zed", "Aaa")).id());
        created.add(t.create(ClientDetails.named("Ana", GAK.repeat(100))).id());
        created.add(t.create(ClientDetails.named(GAK.repeat(30), GAK.repeat(100))).id());
        created.add(t.create(ClientDetails.named(GAK.repeat(100), GAK.repeat(100))).id());
        created.add(t.create(ClientDetails.named(HIH.repeat(100), GAK.repeat(100))).id());
        created.add(t.create(ClientDetails.named("Zed", HIH)).id());

        for (int size = 1; size <= 3; size++) {
            List<ClientId> listed = listAll(t.clientele, size).ids();

            // created in list order: "aaa" sorts first, the jamo of GAK (U+1100 ...) before those of
            // HIH (U+1112 ...), a first name before a longer one it starts, Latin before jamo
            assertThat(listed).as("pages of %d", size).isEqualTo(created);
        }
    }

    @Example
    void a_client_who_gives_themself_the_longest_hangul_name_stays_listable() {
        TestClientele t = new TestClientele();
        Client ana = t.ana();
        t.create(ClientDetails.named("Zed", HIH));
        t.clientele.clients().editDetails(new Actor.ClientSelf(ana.id()), TENANT,
                ana.id(), ana.version(), ClientDetails.named(HIH.repeat(100), GAK.repeat(100))
                        .withEmail("ana.lopez@example.com"));

        Walk walk = listAll(t.clientele, 1);

        assertThat(walk.ids()).hasSize(2).startsWith(ana.id());
        assertThat(walk.cursors()).hasSize(1);
    }

    @Property(tries = 40)
    void clients_with_the_longest_names_of_several_scripts_are_listed_exactly_once_through_sealed_cursors(
            @ForAll("longestNames") List<PersonName> names, @ForAll @IntRange(min = 1, max = 3) int pageSize) {
        TestClientele t = new TestClientele();
        List<ClientId> created = names.stream()
                .map(n -> t.create(ClientDetails.named(n.firstName(), n.lastName())).id()).toList();

        Walk walk = listAll(t.clientele, pageSize);

        assertThat(walk.ids()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(walk.cursors()).allSatisfy(c -> assertThat(c.value().length()).isIn(bucketLengths()));
    }

    // ---------------------------------------------------------------- the worst case, worked out

    @Example
    void no_code_point_folds_to_more_bytes_than_the_documented_worst_case() {
        int worst = IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .map(cp -> Text.fold(Character.toString(cp)).getBytes(StandardCharsets.UTF_8).length)
                .max().orElseThrow();

        assertThat(worst).isEqualTo(Text.MAX_FOLDED_BYTES_PER_CODE_POINT).isEqualTo(12);
        assertThat(Text.fold(KIRAT_RAI_AU).getBytes(StandardCharsets.UTF_8)).hasSize(12);
        assertThat(Text.fold(GAK).getBytes(StandardCharsets.UTF_8)).hasSize(9);
    }

    @Example
    void the_longest_client_list_position_fits_in_the_longest_cursor() {
        // two parts of 100 code points at 12 bytes, U+0001 between them, U+001F and the 36-character id
        assertThat(ClientSummary.MAX_SORT_KEY_BYTES).isEqualTo(2 * 100 * 12 + 1);
        assertThat(ClientSummary.MAX_POSITION_BYTES).isEqualTo(2 * 100 * 12 + 1 + 1 + 36)
                .isLessThanOrEqualTo(CursorSeal.MAX_POSITION_BYTES);
        PersonName longest = new PersonName(KIRAT_RAI_AU.repeat(100), KIRAT_RAI_AU.repeat(100));
        assertThat(ClientSummary.sortKeyOf(longest).getBytes(StandardCharsets.UTF_8))
                .hasSize(ClientSummary.MAX_SORT_KEY_BYTES);

        TestClientele t = new TestClientele();
        // two namesakes: the first page ends on one of them, its position is the longest there is
        Client first = t.create(ClientDetails.named(longest.firstName(), longest.lastName()));
        Client second = t.create(ClientDetails.named(longest.firstName(), longest.lastName()));
        Walk walk = listAll(t.clientele, 1);

        assertThat(walk.ids()).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(walk.cursors()).singleElement()
                .satisfies(c -> assertThat(c.value()).hasSize(Cursor.MAX_LENGTH).matches("[A-Za-z0-9_-]+"));
    }

    // ---------------------------------------------------------------- the length tells nothing

    @Example
    void cursors_of_short_and_long_latin_names_have_the_same_length() {
        TestClientele t = new TestClientele();
        t.create(ClientDetails.named("A", "B"));
        t.create(ClientDetails.named("Bea", "Cruz"));
        t.create(ClientDetails.named("\u00C9".repeat(100), "C" + "\u00E9".repeat(99)));
        t.create(ClientDetails.named("Maximiliana-Josefina", "de la Torre y Villanueva de Montenegro"));
        t.create(ClientDetails.named("Zed", "Zz"));

        Set<Integer> lengths = listAll(t.clientele, 1).cursors().stream().map(c -> c.value().length())
                .collect(Collectors.toSet());

        // one block of 256 bytes: 4 * (1 + 12 + 256 + 16) / 3
        assertThat(lengths).containsExactly(380);
        assertThat(CursorSeal.MIN_CURSOR_LENGTH).isEqualTo(380);
    }

    @Example
    void cursors_of_hangul_names_of_different_lengths_within_one_block_have_the_same_length() {
        TestClientele t = new TestClientele();
        // folded positions of 2 * 9 * n + 38 bytes: 56 to 236 for 1 to 11 syllables, all in one block
        for (int n = 1; n <= 11; n++) {
            t.create(ClientDetails.named(GAK.repeat(n), GAK.repeat(n)));
        }
        t.create(ClientDetails.named("Zed", HIH));

        List<Cursor> cursors = listAll(t.clientele, 1).cursors();

        assertThat(cursors).hasSize(11).extracting(c -> c.value().length()).containsOnly(380);
    }

    // ---------------------------------------------------------------- the key

    @Example
    void an_all_zero_cursor_key_is_refused() {
        assertThatThrownBy(() -> Clientele.builder().cursorKey(new byte[CursorSeal.KEY_BYTES]))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cursorKey")
                .hasMessageContaining("zero");
        assertThatThrownBy(() -> CursorSeal.withKey(new byte[CursorSeal.KEY_BYTES]))
                .isInstanceOf(ConfigurationException.class);

        byte[] oneBitSet = new byte[CursorSeal.KEY_BYTES];
        oneBitSet[CursorSeal.KEY_BYTES - 1] = 1;
        assertThat(CursorSeal.withKey(oneBitSet)).isNotNull();
    }

    // ---------------------------------------------------------------- generators and helpers

    @Provide
    Arbitrary<List<PersonName>> longestNames() {
        Arbitrary<String> name = Arbitraries.oneOf(List.of(
                        codePoints(0xAC00, 0xD7A3, cp -> (cp - 0xAC00) % 28 != 0), // Hangul with a final jamo
                        codePoints(0x16D40, 0x16D6C, UCharacter::isLetter), // Kirat Rai
                        codePoints(0x20000, 0x2A6DF, UCharacter::isLetter), // Han, supplementary plane
                        codePoints(0x00C0, 0x024F, UCharacter::isLetter), // Latin with accents
                        codePoints(0x0400, 0x04FF, UCharacter::isLetter), // Cyrillic
                        codePoints(0x0905, 0x0939, UCharacter::isLetter))) // Devanagari
                .list().ofSize(PersonName.MAX_LENGTH).map(letters -> String.join("", letters));
        return Combinators.combine(name, name).as(PersonName::new).list().ofMinSize(2).ofMaxSize(5);
    }

    private static Arbitrary<String> codePoints(int from, int to, IntPredicate keep) {
        return Arbitraries.integers().between(from, to).filter(keep::test).map(Character::toString);
    }

    private record Walk(List<ClientId> ids, List<Cursor> cursors) {
    }

    private static Walk listAll(Clientele clientele, int size) {
        List<ClientId> ids = new ArrayList<>();
        List<Cursor> cursors = new ArrayList<>();
        Page<ClientSummary> page = clientele.clients().list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(size));
        ids.addAll(page.items().stream().map(ClientSummary::id).toList());
        while (page.hasNext()) {
            Cursor next = page.next().orElseThrow();
            cursors.add(next);
            // as a host passes it back: through the public constructor and its checks
            page = clientele.clients().list(OWNER, TENANT, ClientQuery.all(),
                    PageRequest.after(new Cursor(next.value()), size));
            ids.addAll(page.items().stream().map(ClientSummary::id).toList());
        }
        return new Walk(ids, cursors);
    }

    /** The lengths a sealed cursor can have: base64 of 29 bytes and 1 to 10 blocks of 256. */
    private static List<Integer> bucketLengths() {
        return Arrays.stream(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
                .mapToObj(blocks -> (4 * (29 + 256 * blocks) + 2) / 3).toList();
    }
}
