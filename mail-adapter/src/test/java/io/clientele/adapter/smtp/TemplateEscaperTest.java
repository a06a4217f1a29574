package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.samskivert.mustache.Escapers;
import org.junit.jupiter.api.Test;

/**
 * The composer's one-pass HTML escaper replaces exactly what JMustache's own HTML escaper does
 * ({@code & < > " '} and also {@code `} and {@code =}, which matter in unquoted attributes), so
 * swapping it in for speed weakens nothing.
 */
class TemplateEscaperTest {

    @Test
    void it_escapes_the_html_specials_and_the_backtick_and_equals_sign() {
        assertThat(TemplateEscaper.html("& < > \" ' ` ="))
                .isEqualTo("&amp; &lt; &gt; &quot; &#39; &#x60; &#x3D;");
    }

    @Test
    void it_escapes_every_character_exactly_as_jmustache_s_html_escaper_does() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x250; c++) {
            all.append(c).append('x');
        }
        all.append("Zoé 😀 \u2028 &amp; already-escaped");
        String sample = all.toString();

        assertThat(TemplateEscaper.html(sample)).isEqualTo(Escapers.HTML.escape(sample));
        assertThat(TemplateEscaper.HTML.escape(sample)).isEqualTo(Escapers.HTML.escape(sample));
    }

    @Test
    void a_value_with_nothing_to_escape_is_returned_without_a_copy() {
        String plain = "Ana Lopez, Studio Lumière";

        assertThat(TemplateEscaper.html(plain)).isSameAs(plain);
    }
}
