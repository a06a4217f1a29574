package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The compilers the composer renders with are strict (a missing variable or section is an error,
 * never an empty string) and escape HTML only in HTML: the last line behind the load-time checks.
 */
class TemplateCompilersTest {

    private static final TemplateContext MAIL = new TemplateContext("<b>Ana</b>", "Yoga & Co", "Hi", "en", "",
            "Yoga & Co", "https://app.example/a?x=1&y=2", Optional.empty(), 3);

    @Test
    void a_missing_variable_is_an_error_never_an_empty_string() {
        for (Mustache.Compiler compiler : new Mustache.Compiler[] {TemplateCheck.HTML, TemplateCheck.TEXT}) {
            assertThatThrownBy(() -> compiler.compile("Hello {{nope}}").execute(MAIL))
                    .isInstanceOf(MustacheException.class).hasMessageContaining("nope");
            assertThatThrownBy(() -> compiler.compile("{{#nope}}x{{/nope}}").execute(MAIL))
                    .isInstanceOf(MustacheException.class).hasMessageContaining("nope");
            assertThatThrownBy(() -> compiler.compile("{{unsubscribeLink}}").execute(MAIL))
                    .as("an absent unsubscribe link is missing, not empty").isInstanceOf(MustacheException.class);
        }
    }

    @Test
    void html_escapes_every_value_and_text_escapes_none() {
        assertThat(TemplateCheck.HTML.compile("{{firstName}} {{studioName}} {{actionLink}}").execute(MAIL))
                .isEqualTo("&lt;b&gt;Ana&lt;/b&gt; Yoga &amp; Co https://app.example/a?x&#x3D;1&amp;y&#x3D;2");
        assertThat(TemplateCheck.TEXT.compile("{{firstName}} {{studioName}} {{actionLink}}").execute(MAIL))
                .isEqualTo("<b>Ana</b> Yoga & Co https://app.example/a?x=1&y=2");
    }

    @Test
    void the_boolean_sections_follow_the_link_s_validity() {
        String template = "{{linkValidDays}}:{{#validForDays}}D{{/validForDays}}{{#validForOneDay}}1{{/validForOneDay}}"
                + "{{#validForLessThanADay}}0{{/validForLessThanADay}}{{^hasMessage}}-{{/hasMessage}}";

        assertThat(TemplateCheck.TEXT.compile(template).execute(MAIL)).isEqualTo("3:D-");
        assertThat(TemplateCheck.TEXT.compile(template).execute(new TemplateContext("A", "S", "s", "en", "m", "S",
                "https://a.example", Optional.empty(), 1))).isEqualTo("1:1");
        assertThat(TemplateCheck.TEXT.compile(template).execute(new TemplateContext("A", "S", "s", "en", "m", "S",
                "https://a.example", Optional.empty(), 0))).isEqualTo("0:0");
    }
}
