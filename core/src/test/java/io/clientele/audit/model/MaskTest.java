package io.clientele.audit.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void a_name_shows_only_its_first_character_and_never_its_length() {
        assertThat(Mask.name("Ana")).isEqualTo("A***");
        assertThat(Mask.name("Anastasia")).isEqualTo("A***");
    }

    @Test
    void a_one_letter_name_is_not_shown_at_all() {
        assertThat(Mask.name("J")).isEqualTo("***");
    }

    @Test
    void masks_never_split_a_character_outside_the_basic_multilingual_plane() {
        String name = "\uD840\uDC0Bxyz";
        assertThat(Mask.name(name)).isEqualTo("\uD840\uDC0B***");
        assertThat(Mask.email("\uD840\uDC0Ba@\uD840\uDC0Bb.com")).isEqualTo("\uD840\uDC0B***@\uD840\uDC0B***.com");
    }

    @Test
    void a_short_identifier_is_hidden_whole_and_a_long_one_shows_at_most_its_last_four() {
        assertThat(Mask.identifier("AB123")).isEqualTo("****");
        assertThat(Mask.identifier("CARD-0042")).isEqualTo("****0042");
    }

    @Test
    void a_malformed_email_is_hidden_whole() {
        assertThat(Mask.email("@example.com")).isEqualTo("***");
        assertThat(Mask.email("ana@")).isEqualTo("***");
    }
}
