package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.RenderedMail;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which language a mail is written in: the client's tag exactly, its primary subtag, the studio's
 * default language (tag, then primary subtag), then English; HTML and text alike. The languages
 * here come from overrides that say which file they are, so the test does not depend on the
 * wording of the built-in templates; English is the built-in one.
 */
class ComposerLanguageTest {

    @TempDir
    Path dir;

    private MustacheMailComposer composer;

    @BeforeEach
    void templates() {
        TemplateFiles.language(dir, "fr", "[fr]");
        TemplateFiles.language(dir, "de", "[de]");
        TemplateFiles.language(dir, "pt", "[pt]");
        TemplateFiles.language(dir, "pt-BR", "[pt-BR]");
        composer = MustacheMailComposer.builder().directory(dir).build();
    }

    private RenderedMail compose(String clientLanguage, String studioLanguage) {
        return composer.compose(UUID.randomUUID(),
                Mails.invitation().language(clientLanguage).studioLanguage(studioLanguage).build());
    }

    private static void assertWrittenIn(RenderedMail mail, String marker, String lang) {
        assertThat(mail.htmlBody()).contains(marker + " Ana").contains("<html lang=\"" + lang + "\">");
        assertThat(mail.textBody()).startsWith(marker + " Ana");
    }

    @Test
    void the_client_s_preferred_language_is_used() {
        assertWrittenIn(compose("fr", "de"), "[fr]", "fr");
        assertWrittenIn(compose("de", "fr"), "[de]", "de");
    }

    @Test
    void the_exact_tag_comes_before_its_primary_subtag_and_case_does_not_matter() {
        assertWrittenIn(compose("pt-BR", "en"), "[pt-BR]", "pt-BR");
        assertWrittenIn(compose("pt-br", "en"), "[pt-BR]", "pt-BR");
        assertWrittenIn(compose("pt-PT", "en"), "[pt]", "pt");
    }

    @Test
    void a_regional_tag_without_templates_falls_back_to_its_primary_subtag() {
        assertWrittenIn(compose("fr-CA", "de"), "[fr]", "fr");
        assertWrittenIn(compose("de-CH-1996", "fr"), "[de]", "de");
    }

    @Test
    void a_client_language_without_templates_gets_the_studio_s_default_language() {
        MustacheMailComposer withoutPortuguese = MustacheMailComposer.builder().directory(languages("fr", "de"))
                .build();

        RenderedMail mail = withoutPortuguese.compose(UUID.randomUUID(),
                Mails.invitation().language("pt").studioLanguage("de").build());

        assertWrittenIn(mail, "[de]", "de");
    }

    @Test
    void the_studio_s_default_language_falls_back_to_its_primary_subtag() {
        assertWrittenIn(compose("ja", "de-AT"), "[de]", "de");
    }

    @Test
    void without_templates_in_the_client_s_nor_the_studio_s_language_the_mail_is_in_english() {
        RenderedMail mail = compose("ja", "ko-KR");

        assertThat(mail.htmlBody()).contains("<html lang=\"en\">", "Hello Ana,");
        assertThat(mail.textBody()).startsWith("Hello Ana,");
    }

    @Test
    void a_password_reset_is_resolved_the_same_way() {
        RenderedMail mail = composer.compose(UUID.randomUUID(),
                Mails.passwordReset().language("fr-BE").studioLanguage("de").build());

        assertWrittenIn(mail, "[fr]", "fr");
    }

    @Test
    void the_languages_available_are_the_built_in_ones_and_those_overrides_add() {
        assertThat(composer.languages(MailKind.INVITATION)).contains("en", "fr", "de", "pt", "pt-BR");
        assertThat(MustacheMailComposer.withDefaults().languages(MailKind.PASSWORD_RESET)).contains("en")
                .doesNotContain("pt-BR");
    }

    private Path languages(String... tags) {
        Path other = dir.resolve("only-" + String.join("-", tags));
        for (String tag : tags) {
            TemplateFiles.language(other, tag, "[" + tag + "]");
        }
        return other;
    }
}
