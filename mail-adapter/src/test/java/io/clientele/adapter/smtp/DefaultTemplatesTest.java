package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MailModel;
import io.clientele.mail.model.RenderedMail;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in templates, in every language the contract lists and both kinds: each renders with
 * no missing key and no tag left, links only to the client's personal links, greets by first
 * name, names the studio, signs off, escapes every value in HTML, keeps the staff message's line
 * breaks, loads nothing external, and states the link's validity for each case. Issue 9: "every
 * default template renders in all six languages with no missing key and no unrendered tag, and
 * every link in it is the personal one."
 */
class DefaultTemplatesTest {

    /** The languages of the template contract; each must have built-in templates of both kinds. */
    static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "it", "nl");

    private static final MustacheMailComposer COMPOSER = MustacheMailComposer.withDefaults();

    static Stream<Arguments> mails() {
        List<Arguments> all = new ArrayList<>();
        for (String language : LANGUAGES) {
            for (MailKind kind : MailKind.values()) {
                all.add(Arguments.of(language, kind));
            }
        }
        return all.stream();
    }

    private static RenderedMail compose(MailModel model) {
        return COMPOSER.compose(UUID.randomUUID(), model);
    }

    @Test
    void every_listed_language_has_built_in_templates_of_both_kinds() {
        for (MailKind kind : MailKind.values()) {
            assertThat(COMPOSER.languages(kind)).as("built-in languages of %s", kind).containsAll(LANGUAGES);
        }
        assertThat(MustacheMailComposer.DEFAULT_LANGUAGES).containsExactlyInAnyOrderElementsOf(LANGUAGES);
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("mails")
    void a_default_template_leaves_no_key_missing_and_no_tag_unrendered(String language, MailKind kind) {
        assertThat(COMPOSER.languages(kind)).as("built-in %s templates in %s", kind, language).contains(language);
        for (String message : List.of("", "Welcome!\nSee you on the mat.")) {
            for (long days : new long[] {14, 1, 0}) {
                RenderedMail mail = compose(Mails.of(kind).language(language).message(message).days(days).build());

                assertThat(mail.htmlBody()).as("html, %s days", days).doesNotContain("{{", "}}")
                        .startsWith("<!DOCTYPE html>").contains("<html lang=\"" + language + "\">");
                assertThat(mail.textBody()).as("text, %s days", days).doesNotContain("{{", "}}").isNotBlank();
            }
        }
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("mails")
    void every_link_is_the_personal_action_link_or_the_unsubscribe_link(String language, MailKind kind) {
        MailModel model = Mails.of(kind).language(language).message("Visit https://elsewhere.example soon").build();
        RenderedMail mail = compose(model);
        String action = model.actionLink().toString();
        List<String> allowed = kind == MailKind.INVITATION ? List.of(action, Mails.UNSUBSCRIBE.toString())
                : List.of(action);

        List<String> hrefs = Mails.hrefs(mail.htmlBody());
        assertThat(hrefs).as("href values").isNotEmpty().allMatch(allowed::contains);
        assertThat(hrefs).as("the button and the copy-this-link line").filteredOn(action::equals).hasSizeGreaterThanOrEqualTo(2);
        List<String> htmlUrls = Mails.urls(Mails.decode(mail.htmlBody().replace("https://elsewhere.example", "")));
        assertThat(htmlUrls).as("URLs in the HTML").allMatch(allowed::contains).contains(action);
        List<String> textUrls = Mails.urls(mail.textBody().replace("https://elsewhere.example", ""));
        assertThat(textUrls).as("URLs in the text").allMatch(allowed::contains).contains(action);
        if (kind == MailKind.INVITATION) {
            assertThat(hrefs).contains(Mails.UNSUBSCRIBE.toString());
            assertThat(textUrls).contains(Mails.UNSUBSCRIBE.toString());
        } else {
            assertThat(mail.textBody() + mail.htmlBody()).doesNotContain("unsubscribe?");
        }
        for (String link : allowed) {
            assertThat(mail.textBody().lines()).as("%s on a line of its own", link).contains(link);
        }
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("mails")
    void the_first_name_the_studio_name_and_the_sign_off_appear(String language, MailKind kind) {
        RenderedMail mail = compose(Mails.of(kind).language(language).firstName("Zoé").studio("Studio Soleil")
                .signature("L'équipe Lumière\nRue du Lac 4, Genève").build());

        assertThat(mail.textBody()).contains("Zoé", "Studio Soleil", "L'équipe Lumière\nRue du Lac 4, Genève");
        assertThat(mail.htmlBody()).contains("Zoé", "L&#39;équipe Lumière<br>\nRue du Lac 4, Genève");
        assertThat(mail.htmlBody().split("Studio Soleil", -1)).as("the studio in the layout's header and in the content")
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(mail.textBody().indexOf("Rue du Lac 4")).as("the signature comes after the greeting")
                .isGreaterThan(mail.textBody().indexOf("Zoé"));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("mails")
    void client_and_studio_text_is_escaped_in_html_and_kept_as_typed_in_text(String language, MailKind kind) {
        RenderedMail mail = compose(Mails.of(kind).language(language).firstName("<b>Ana</b> & \"co\"")
                .studio("Yoga & <Co>").subject("Hi <there>").build());

        assertThat(mail.htmlBody()).contains("&lt;b&gt;Ana&lt;/b&gt; &amp; &quot;co&quot;", "Yoga &amp; &lt;Co&gt;",
                "<title>Hi &lt;there&gt;</title>").doesNotContain("<b>Ana", "<Co>", "<there>");
        assertThat(mail.textBody()).contains("<b>Ana</b> & \"co\"", "Yoga & <Co>");
    }

    @ParameterizedTest(name = "invitation in {0}")
    @MethodSource("languages")
    void the_staff_message_keeps_its_line_breaks_and_is_escaped(String language) {
        String message = "Welcome to the studio!\n<script>alert('x')</script> & see you soon";
        RenderedMail with = compose(Mails.invitation().language(language).message(message).build());
        RenderedMail without = compose(Mails.invitation().language(language).build());

        assertThat(with.htmlBody())
                .contains("Welcome to the studio!<br>\n&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; see you soon")
                .doesNotContain("<script");
        assertThat(with.textBody()).contains(message);
        assertThat(without.htmlBody() + without.textBody()).doesNotContain("Welcome to the studio!");
    }

    @ParameterizedTest(name = "password reset in {0}")
    @MethodSource("languages")
    void a_password_reset_is_written_by_its_template_alone_in_every_language(String language) {
        // the reset templates say why the mail came themselves; the tenant's reset message (which
        // the built-in message templates fill with the same sentence) would only repeat it
        String message = "We received a request to set a new password for your online account.";
        RenderedMail reset = compose(Mails.of(MailKind.PASSWORD_RESET).language(language).message(message).build());

        assertThat(reset.textBody()).doesNotContain(message);
        assertThat(reset.htmlBody()).doesNotContain(message);
    }

    static Stream<String> languages() {
        return LANGUAGES.stream();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("mails")
    void the_html_loads_nothing_external(String language, MailKind kind) {
        String html = compose(Mails.of(kind).language(language).message("Hi").build()).htmlBody();

        assertThat(html.toLowerCase()).doesNotContain("src=", "<link", "<script", "url(", "@import", "<img",
                "<iframe", "<object", "<embed", "http://");
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("mails")
    void the_validity_sentence_differs_for_days_one_day_and_less_than_a_day(String language, MailKind kind) {
        String days = compose(Mails.of(kind).language(language).days(14).build()).textBody();
        String oneDay = compose(Mails.of(kind).language(language).days(1).build()).textBody();
        String lessThanADay = compose(Mails.of(kind).language(language).days(0).build()).textBody();

        assertThat(days).contains("14");
        assertThat(oneDay).doesNotContain("14").isNotEqualTo(lessThanADay);
        assertThat(lessThanADay).doesNotContain("14");
        assertThat(compose(Mails.of(kind).language(language).days(14).build()).htmlBody()).contains("14");
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("mails")
    void the_text_body_keeps_lines_under_78_characters_and_an_invitation_has_its_footer_after_a_dash_line(
            String language, MailKind kind) {
        String text = compose(Mails.of(kind).language(language).studio("Yoga Loft").firstName("Ana")
                .message("See you soon.").build()).textBody();

        assertThat(text.lines().filter(line -> !line.startsWith("https://")))
                .allMatch(line -> line.length() < 78, "shorter than 78 characters");
        if (kind == MailKind.INVITATION) {
            assertThat(text).contains("\n-- \n");
            assertThat(text.indexOf(Mails.UNSUBSCRIBE.toString())).isGreaterThan(text.indexOf("\n-- \n"));
        } else {
            assertThat(text).doesNotContain("\n-- \n");
        }
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("mails")
    void the_html_shows_a_bulletproof_button_with_the_personal_link(String language, MailKind kind) {
        MailModel model = Mails.of(kind).language(language).build();
        String html = compose(model).htmlBody();
        String escapedLink = TemplateEscaper.html(model.actionLink().toString());

        assertThat(html).contains("role=\"presentation\"", "<a href=\"" + escapedLink + "\" target=\"_blank\"");
    }
}
