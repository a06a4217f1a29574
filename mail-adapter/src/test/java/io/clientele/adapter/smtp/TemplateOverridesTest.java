package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ConfigurationException;
import io.clientele.common.TenantId;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MailModel;
import io.clientele.mail.model.RenderedMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts override templates without code, per language and per studio, from directories and the
 * classpath; a broken override is refused when the composer is built, naming the template and the
 * line. Issue 9: "Hosts override any template (per language, per studio if they wish) from a
 * directory or the classpath without code; a broken override (unknown tag, missing link) is refused
 * when loaded, with the template's name and line."
 */
class TemplateOverridesTest {

    private static final TenantId STUDIO_A = TenantId.of("studio-a");
    private static final TenantId STUDIO_B = TenantId.of("studio-b");

    @TempDir
    Path dir;

    private static RenderedMail compose(MustacheMailComposer composer, MailModel model) {
        return composer.compose(UUID.randomUUID(), model);
    }

    @Nested
    class Resolution {

        @Test
        void a_global_override_replaces_the_built_in_template_of_its_name_only() {
            TemplateFiles.write(dir, "invitation.en.txt.mustache", TemplateFiles.text(MailKind.INVITATION, "[global]"));
            MustacheMailComposer composer = MustacheMailComposer.builder().directory(dir).build();

            RenderedMail invitation = compose(composer, Mails.invitation().build());
            RenderedMail reset = compose(composer, Mails.passwordReset().build());

            assertThat(invitation.textBody()).startsWith("[global] Ana");
            assertThat(invitation.htmlBody()).contains("Hello Ana,").doesNotContain("[global]");
            assertThat(reset.textBody()).startsWith("Hello Ana,");
        }

        @Test
        void a_studio_s_override_wins_over_the_global_one_for_that_studio_only() {
            TemplateFiles.language(dir, "fr", "[global fr]");
            TemplateFiles.language(dir.resolve("studio-a"), "fr", "[studio-a fr]");
            MustacheMailComposer composer = MustacheMailComposer.builder().directory(dir).build();

            assertThat(compose(composer, Mails.invitation().tenant(STUDIO_A).language("fr").build()).textBody())
                    .startsWith("[studio-a fr] Ana");
            assertThat(compose(composer, Mails.invitation().tenant(STUDIO_A).language("fr").build()).htmlBody())
                    .contains("[studio-a fr] Ana");
            assertThat(compose(composer, Mails.invitation().tenant(STUDIO_B).language("fr").build()).textBody())
                    .startsWith("[global fr] Ana");
            assertThat(compose(composer, Mails.invitation().tenant(STUDIO_A).language("en").build()).textBody())
                    .startsWith("Hello Ana,");
        }

        @Test
        void the_language_is_chosen_before_the_scope() {
            TemplateFiles.language(dir, "fr", "[global fr]");
            TemplateFiles.language(dir.resolve("studio-a"), "de", "[studio-a de]");
            MustacheMailComposer composer = MustacheMailComposer.builder().directory(dir).build();

            RenderedMail mail = compose(composer,
                    Mails.invitation().tenant(STUDIO_A).language("fr").studioLanguage("de").build());

            assertThat(mail.textBody()).startsWith("[global fr] Ana");
            assertThat(compose(composer, Mails.invitation().tenant(STUDIO_A).language("pt").studioLanguage("de")
                    .build()).textBody()).startsWith("[studio-a de] Ana");
        }

        @Test
        void an_override_adds_a_language_with_any_bcp_47_tag() {
            TemplateFiles.language(dir, "pt-BR", "[pt-BR]");
            MustacheMailComposer composer = MustacheMailComposer.builder().directory(dir).build();

            RenderedMail mail = compose(composer, Mails.invitation().language("pt-BR").build());

            assertThat(mail.textBody()).startsWith("[pt-BR] Ana");
            assertThat(mail.htmlBody()).contains("<html lang=\"pt-BR\">", "[pt-BR] Ana");
            assertThat(composer.languages(MailKind.INVITATION)).contains("pt-BR", "en");
        }

        @Test
        void the_layout_can_be_overridden_globally_and_per_studio() {
            TemplateFiles.write(dir, "layout.html.mustache", TemplateFiles.layout("[global layout]"));
            TemplateFiles.write(dir.resolve("studio-a"), "layout.html.mustache", TemplateFiles.layout("[studio-a layout]"));
            MustacheMailComposer composer = MustacheMailComposer.builder().directory(dir).build();

            String a = compose(composer, Mails.invitation().tenant(STUDIO_A).build()).htmlBody();
            String b = compose(composer, Mails.passwordReset().tenant(STUDIO_B).build()).htmlBody();

            assertThat(a).contains("[studio-a layout]", "Hello Ana,").doesNotContain("[global layout]");
            assertThat(b).contains("[global layout]", "Hello Ana,").doesNotContain("[studio-a layout]");
            assertThat(composer.languages(STUDIO_A, MailKind.INVITATION)).contains("en");
        }

        @Test
        void a_later_location_wins_over_an_earlier_one() {
            Path first = dir.resolve("first");
            Path second = dir.resolve("second");
            TemplateFiles.write(first, "invitation.en.txt.mustache", TemplateFiles.text(MailKind.INVITATION, "[first]"));
            TemplateFiles.write(second, "invitation.en.txt.mustache", TemplateFiles.text(MailKind.INVITATION, "[second]"));

            MustacheMailComposer composer = MustacheMailComposer.builder().directory(first).directory(second).build();

            assertThat(compose(composer, Mails.invitation().build()).textBody()).startsWith("[second] Ana");
        }

        @Test
        void templates_are_read_and_compiled_when_the_composer_is_built_not_when_a_mail_is_composed()
                throws IOException {
            TemplateFiles.language(dir, "fr", "[fr]");
            MustacheMailComposer composer = MustacheMailComposer.builder().directory(dir).build();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }

            assertThat(compose(composer, Mails.invitation().language("fr").build()).htmlBody()).contains("[fr] Ana");
        }
    }

    @Nested
    class Locations {

        @Test
        void a_classpath_prefix_is_probed_for_the_given_languages_and_tenants() {
            TenantId studio = TenantId.of("studio-cp");
            MustacheMailComposer composer = MustacheMailComposer.builder().classpath("/mail-overrides")
                    .probeLanguages(List.of("en", "pt-BR")).probeTenants(List.of(studio)).build();

            assertThat(compose(composer, Mails.invitation().build()).textBody()).startsWith("[classpath en] Ana");
            assertThat(compose(composer, Mails.invitation().language("pt-BR").build()).htmlBody())
                    .contains("[classpath pt-BR] Ana");
            assertThat(compose(composer, Mails.passwordReset().tenant(studio).build()).textBody())
                    .startsWith("[classpath studio-cp reset] Ana");
            assertThat(compose(composer, Mails.passwordReset().build()).textBody()).startsWith("Hello Ana,");
        }

        @Test
        void a_classpath_prefix_sees_only_the_languages_and_tenants_it_is_told_to_probe() {
            MustacheMailComposer composer = MustacheMailComposer.builder().classpath("mail-overrides").build();

            assertThat(composer.languages(MailKind.INVITATION)).doesNotContain("pt-BR");
            assertThat(compose(composer, Mails.passwordReset().tenant(TenantId.of("studio-cp")).build()).textBody())
                    .startsWith("Hello Ana,");
        }

        @Test
        void properties_configure_locations_languages_and_tenants_without_code() {
            TemplateFiles.language(dir.resolve("studio-a"), "fr", "[studio-a fr]");
            Properties properties = new Properties();
            properties.setProperty("clientele.mail.templates", "file:" + dir + ", classpath:/mail-overrides");
            properties.setProperty("clientele.mail.templates.languages", "en,pt-BR");
            properties.setProperty("clientele.mail.templates.tenants", "studio-cp");
            properties.setProperty("clientele.mail.smtp.host", "ignored.example");

            MustacheMailComposer composer = MustacheMailComposer.fromProperties(properties);

            assertThat(compose(composer, Mails.invitation().tenant(STUDIO_A).language("fr").build()).textBody())
                    .startsWith("[studio-a fr] Ana");
            assertThat(compose(composer, Mails.invitation().language("pt-BR").build()).textBody())
                    .startsWith("[classpath pt-BR] Ana");
            assertThat(compose(composer, Mails.passwordReset().tenant(TenantId.of("studio-cp")).build()).textBody())
                    .startsWith("[classpath studio-cp reset] Ana");
        }

        @Test
        void without_properties_the_built_in_templates_are_used() {
            MustacheMailComposer composer = MustacheMailComposer.fromProperties(new Properties());

            assertThat(compose(composer, Mails.invitation().build()).textBody()).startsWith("Hello Ana,");
        }

        @Test
        void a_malformed_setting_is_refused_naming_the_setting() {
            assertThatThrownBy(() -> MustacheMailComposer.fromProperties(props("clientele.mail.templates", "/srv/x")))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("clientele.mail.templates");
            assertThatThrownBy(() -> MustacheMailComposer.fromProperties(props("clientele.mail.templates", "file:" + dir
                    + ",")))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("clientele.mail.templates");
            assertThatThrownBy(() -> MustacheMailComposer.fromProperties(props("clientele.mail.templates.tenant", "a")))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("clientele.mail.templates.tenant");
            assertThatThrownBy(() -> MustacheMailComposer.fromProperties(
                    props("clientele.mail.templates.languages", "en,not a tag")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("clientele.mail.templates.languages");
            assertThatThrownBy(() -> MustacheMailComposer.fromProperties(
                    props("clientele.mail.templates.tenants", "studio a")))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("clientele.mail.templates.tenants");
        }

        @Test
        void a_classpath_prefix_where_nothing_is_found_is_refused_as_a_likely_typo() {
            assertThatThrownBy(() -> MustacheMailComposer.builder().classpath("/mail-overides").build())
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("classpath:/mail-overides");
        }

        @Test
        void a_directory_that_does_not_exist_is_refused() {
            Path missing = dir.resolve("missing");

            assertThatThrownBy(() -> MustacheMailComposer.builder().directory(missing).build())
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("not a readable directory");
        }

        @Test
        void hidden_entries_of_a_directory_are_skipped() {
            TemplateFiles.write(dir, ".DS_Store", "\0binary");
            TemplateFiles.write(dir.resolve(".git"), "HEAD", "ref: main");

            assertThat(compose(MustacheMailComposer.builder().directory(dir).build(), Mails.invitation().build())
                    .textBody()).startsWith("Hello Ana,");
        }

        private static Properties props(String key, String value) {
            Properties properties = new Properties();
            properties.setProperty(key, value);
            return properties;
        }
    }

    @Nested
    class Refusals {

        private MailTemplateException refused(String fileName, String text) {
            TemplateFiles.write(dir, fileName, text);
            return refused();
        }

        private MailTemplateException refused() {
            try {
                MustacheMailComposer.builder().directory(dir).build();
            } catch (MailTemplateException e) {
                return e;
            }
            throw new AssertionError("the composer was built");
        }

        private static void assertRefusal(MailTemplateException e, String name, int line, String rule) {
            assertThat(e.templateName()).isEqualTo(name);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.code()).isEqualTo("mail_template");
            assertThat(e.getMessage()).startsWith(line > 0 ? name + " line " + line + ": " : name + ": ");
        }

        private String validInvitationHtmlWith(String line3) {
            return "<p>Hello {{firstName}},</p>\n"
                    + "{{#button}}Activate{{/button}}\n"
                    + line3 + "\n"
                    + "<p>{{actionLink}}</p>\n"
                    + "<p><a href=\"{{unsubscribeLink}}\">Unsubscribe</a></p>\n";
        }

        @Test
        void an_unknown_tag_is_refused_with_the_template_name_and_line() {
            MailTemplateException e = refused("invitation.fr.html.mustache",
                    validInvitationHtmlWith("<p>Bonjour {{fristName}}</p>"));

            assertRefusal(e, "invitation.fr.html.mustache", 3, "unknown_tag");
            assertThat(e.getMessage()).contains("unknown tag 'fristName'").contains("file:" + dir);
        }

        @Test
        void a_triple_mustache_is_refused() {
            assertRefusal(refused("invitation.fr.html.mustache", validInvitationHtmlWith("<p>{{{message}}}</p>")),
                    "invitation.fr.html.mustache", 3, "unescaped");
        }

        @Test
        void an_ampersand_tag_is_refused() {
            assertRefusal(refused("invitation.fr.html.mustache", validInvitationHtmlWith("<p>{{& message}}</p>")),
                    "invitation.fr.html.mustache", 3, "unescaped");
        }

        @Test
        void a_delimiter_change_is_refused() {
            assertRefusal(refused("invitation.fr.html.mustache", validInvitationHtmlWith("{{=<% %>=}}")),
                    "invitation.fr.html.mustache", 3, "delimiter_change");
        }

        @Test
        void a_partial_in_a_content_template_is_refused() {
            assertRefusal(refused("invitation.fr.html.mustache", validInvitationHtmlWith("{{> footer}}")),
                    "invitation.fr.html.mustache", 3, "unknown_partial");
        }

        @Test
        void a_layout_including_another_partial_is_refused() {
            assertRefusal(refused("layout.html.mustache", "<html>\n{{> header}}\n{{> content}}\n</html>\n"),
                    "layout.html.mustache", 2, "unknown_partial");
        }

        @Test
        void a_layout_without_the_content_is_refused() {
            assertRefusal(refused("layout.html.mustache", "<html>\n<body>{{studioName}}</body>\n</html>\n"),
                    "layout.html.mustache", 3, "missing_content");
        }

        @Test
        void a_layout_hiding_the_content_in_a_section_is_refused() {
            assertRefusal(refused("layout.html.mustache",
                    "<html>\n{{#hasMessage}}\n{{> content}}\n{{/hasMessage}}\n</html>\n"),
                    "layout.html.mustache", 3, "missing_content");
        }

        @Test
        void a_layout_using_the_unsubscribe_link_is_refused_since_it_serves_password_resets_too() {
            assertRefusal(refused("layout.html.mustache", "<html>\n{{> content}}\n{{unsubscribeLink}}\n</html>\n"),
                    "layout.html.mustache", 3, "unsubscribe_in_reset");
        }

        @Test
        void an_invitation_without_its_unsubscribe_link_is_refused() {
            MailTemplateException e = refused("invitation.fr.txt.mustache", "Bonjour {{firstName}},\n{{actionLink}}\n");

            assertRefusal(e, "invitation.fr.txt.mustache", 2, "missing_link");
            assertThat(e.getMessage()).contains("unsubscribeLink");
        }

        @Test
        void a_template_without_the_personal_link_is_refused() {
            assertRefusal(refused("password-reset.de.txt.mustache", "Hallo {{firstName}},\nbis bald\n"),
                    "password-reset.de.txt.mustache", 2, "missing_link");
        }

        @Test
        void an_html_template_without_the_button_is_refused() {
            assertRefusal(refused("password-reset.de.html.mustache", "<p>Hallo {{firstName}},</p>\n<p>{{actionLink}}</p>\n"),
                    "password-reset.de.html.mustache", 2, "missing_link");
        }

        @Test
        void an_html_template_showing_the_link_only_in_an_href_is_refused() {
            assertRefusal(refused("password-reset.de.html.mustache",
                    "<p>Hallo</p>\n{{#button}}Los{{/button}}\n<p><a href=\"{{actionLink}}\">hier</a></p>\n"),
                    "password-reset.de.html.mustache", 3, "missing_link");
        }

        @Test
        void a_link_that_a_section_hides_in_some_case_is_refused() {
            MailTemplateException e = refused("password-reset.de.txt.mustache",
                    "Hallo {{firstName}},\n{{#validForDays}}\n{{actionLink}}\n{{/validForDays}}\n");

            assertRefusal(e, "password-reset.de.txt.mustache", 3, "missing_link");
            assertThat(e.getMessage()).contains("one day");
        }

        @Test
        void an_unclosed_section_is_refused_with_jmustache_s_line() {
            MailTemplateException e = refused("password-reset.de.txt.mustache",
                    "Hallo {{firstName}},\n{{actionLink}}\n{{#hasMessage}}\n{{message}}\n");

            assertRefusal(e, "password-reset.de.txt.mustache", 3, "syntax");
            assertThat(e.getMessage()).contains("hasMessage");
        }

        @Test
        void mismatched_section_tags_are_refused() {
            assertRefusal(refused("password-reset.de.txt.mustache",
                    "{{actionLink}}\n{{#hasMessage}}\n{{message}}\n{{/hasMesage}}\n"),
                    "password-reset.de.txt.mustache", 4, "syntax");
        }

        @Test
        void an_unclosed_tag_is_refused() {
            assertRefusal(refused("password-reset.de.txt.mustache", "{{actionLink}}\nHallo {{firstName,\n"),
                    "password-reset.de.txt.mustache", 2, "syntax");
        }

        @Test
        void a_stray_closing_brace_pair_is_refused() {
            assertRefusal(refused("password-reset.de.txt.mustache", "{{actionLink}}\nHallo {firstName}},\n"),
                    "password-reset.de.txt.mustache", 2, "syntax");
        }

        @Test
        void a_password_reset_template_using_the_unsubscribe_link_is_refused() {
            MailTemplateException e = refused("password-reset.fr.txt.mustache",
                    "Bonjour {{firstName}},\n{{actionLink}}\n-- \n{{unsubscribeLink}}\n");

            assertRefusal(e, "password-reset.fr.txt.mustache", 4, "unsubscribe_in_reset");
        }

        @Test
        void a_lambda_in_a_text_template_is_refused() {
            assertRefusal(refused("password-reset.fr.txt.mustache", "{{actionLink}}\n{{#button}}Go{{/button}}\n"),
                    "password-reset.fr.txt.mustache", 2, "unknown_tag");
        }

        @Test
        void a_value_used_as_a_section_or_a_section_used_as_a_value_is_refused() {
            assertRefusal(refused("password-reset.fr.txt.mustache", "{{actionLink}}\n{{#firstName}}x{{/firstName}}\n"),
                    "password-reset.fr.txt.mustache", 2, "unknown_tag");
            assertRefusal(refused("password-reset.fr.txt.mustache", "{{actionLink}}\n{{hasMessage}}\n"),
                    "password-reset.fr.txt.mustache", 2, "unknown_tag");
        }

        @Test
        void a_tag_inside_the_button_label_or_an_empty_label_is_refused() {
            assertRefusal(refused("invitation.fr.html.mustache",
                    validInvitationHtmlWith("{{#button}}Go {{firstName}}{{/button}}")),
                    "invitation.fr.html.mustache", 3, "button_label");
            assertRefusal(refused("invitation.fr.html.mustache", validInvitationHtmlWith("{{#button}}  {{/button}}")),
                    "invitation.fr.html.mustache", 3, "button_label");
        }

        @Test
        void a_file_name_that_is_not_a_template_name_is_refused() {
            TemplateFiles.write(dir, "invitaton.fr.html.mustache", TemplateFiles.html(MailKind.INVITATION, "x"));

            assertRefusal(refused(), "invitaton.fr.html.mustache", 0, "unknown_file");
        }

        @Test
        void a_stray_file_or_a_bad_language_tag_or_a_folder_that_is_not_a_tenant_id_is_refused() {
            assertRefusal(refused("README.md", "notes"), "README.md", 0, "unknown_file");
            Path readme = dir.resolve("README.md");
            readme.toFile().delete();
            assertRefusal(refused("invitation.e1.txt.mustache", "{{actionLink}}\n{{unsubscribeLink}}\n"),
                    "invitation.e1.txt.mustache", 0, "unknown_file");
            dir.resolve("invitation.e1.txt.mustache").toFile().delete();
            TemplateFiles.language(dir.resolve("studio a"), "fr", "[x]");
            assertRefusal(refused(), "studio a/", 0, "unknown_file");
        }

        @Test
        void a_broken_studio_override_is_named_with_its_folder() {
            TemplateFiles.write(dir.resolve("studio-a"), "invitation.en.txt.mustache",
                    "Hi {{fristName}}\n{{actionLink}}\n{{unsubscribeLink}}\n");

            assertRefusal(refused(), "studio-a/invitation.en.txt.mustache", 1, "unknown_tag");
        }

        @Test
        void a_language_with_an_html_template_and_no_text_one_is_refused() {
            TemplateFiles.write(dir, "invitation.pt-BR.html.mustache", TemplateFiles.html(MailKind.INVITATION, "[pt]"));

            MailTemplateException e = refused();

            assertRefusal(e, "invitation.pt-BR.html.mustache", 0, "incomplete_language");
            assertThat(e.getMessage()).contains("invitation.pt-BR.txt.mustache");
        }

        @Test
        void two_files_for_one_template_in_one_location_are_refused() {
            TemplateFiles.write(dir, "invitation.pt-BR.txt.mustache", TemplateFiles.text(MailKind.INVITATION, "[a]"));
            TemplateFiles.write(dir, "invitation.pt-br.txt.mustache", TemplateFiles.text(MailKind.INVITATION, "[b]"));

            assertThat(refused().rule()).isEqualTo("duplicate_template");
        }

        @Test
        void a_file_that_is_not_utf_8_is_refused() throws IOException {
            Files.write(dir.resolve("invitation.fr.txt.mustache"), new byte[] {'{', '{', 'a', (byte) 0xC3, '(', '}'});

            assertRefusal(refused(), "invitation.fr.txt.mustache", 0, "unreadable");
        }

        @Test
        void a_broken_file_is_refused_even_when_a_later_location_overrides_it() {
            Path first = dir.resolve("first");
            Path second = dir.resolve("second");
            TemplateFiles.write(first, "invitation.en.txt.mustache", "{{fristName}}\n{{actionLink}}\n{{unsubscribeLink}}\n");
            TemplateFiles.write(second, "invitation.en.txt.mustache", TemplateFiles.text(MailKind.INVITATION, "[ok]"));

            assertThatThrownBy(() -> MustacheMailComposer.builder().directory(first).directory(second).build())
                    .isInstanceOfSatisfying(MailTemplateException.class,
                            e -> assertThat(e.location()).isEqualTo("file:" + first));
        }
    }
}
