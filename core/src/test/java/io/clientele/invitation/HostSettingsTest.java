package io.clientele.invitation;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.adapter.memory.InMemoryMessageTemplates;
import io.clientele.adapter.memory.InMemoryTenantSettings;
import io.clientele.client.model.Client;
import io.clientele.client.model.SenderSettings;
import io.clientele.client.model.TenantSettings;
import io.clientele.common.UntrustedInput;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.mail.model.Letterhead;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MailModel;
import io.clientele.mail.model.MessageTemplate;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SenderIdentity;
import io.clientele.testing.TestClientele;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 7, point 13: the studio name, the signature and template overrides are host settings that
 * reach every client's mailbox, so they refuse control characters, bidi overrides and (in
 * single-line values) line breaks like any input, and so does the {@link MailModel} a composer
 * gets. Issue 8, point 6: the studio name is a tenant setting now, and the sender's display name
 * (in the settings and in the mail's sender identity) is held to the same rules, since it ends up
 * in the {@code From} header.
 */
class HostSettingsTest {

    private static final URI LINK = URI.create("https://studio.example/activate?token=t");
    private static final SenderIdentity SENDER = new SenderIdentity("Yoga Loft", "no-reply@studio.example");

    /** A single-line host or mail text, how to set it, and the field a refusal names. */
    enum SingleLine {
        SETTINGS_STUDIO_NAME("studioName", s -> TenantSettings.defaults().withStudioName(s)),
        SETTINGS_SENDER_NAME("displayName", s -> SenderSettings.platform().withDisplayName(s)),
        MAIL_SENDER_NAME("displayName", s -> new SenderIdentity(s, "no-reply@studio.example")),
        OVERRIDE_SUBJECT("subject", s -> new InMemoryMessageTemplates().put(TENANT, MailKind.INVITATION, "fr",
                new MessageTemplate(s, "Bienvenue."))),
        MODEL_STUDIO_NAME("studioName", s -> model("en", "Ana", "Hello", "", s, Optional.empty())),
        MODEL_FIRST_NAME("recipientFirstName", s -> model("en", s, "Hello", "", "Studio", Optional.empty())),
        MODEL_SUBJECT("subject", s -> model("en", "Ana", s, "", "Studio", Optional.empty()));

        final String field;
        final Function<String, Object> set;

        SingleLine(String field, Function<String, Object> set) {
            this.field = field;
            this.set = set;
        }
    }

    /** A multi-line host or mail text, how to set it, and the field a refusal names. */
    enum MultiLine {
        TEMPLATE_SIGNATURE("signature", s -> new MessageTemplate("Your account", "See you soon.", Optional.of(s))),
        PUT_SIGNATURE("signature", s -> new InMemoryMessageTemplates().putSignature(TENANT, s)),
        OVERRIDE_MESSAGE("message", s -> new InMemoryMessageTemplates().put(TENANT, MailKind.PASSWORD_RESET, "de",
                new MessageTemplate("Neues Passwort", s))),
        MODEL_SIGNATURE("signature", s -> model("en", "Ana", "Hello", "", "Studio", Optional.of(s))),
        MODEL_MESSAGE("message", s -> model("en", "Ana", "Hello", s, "Studio", Optional.empty()));

        final String field;
        final Function<String, Object> set;

        MultiLine(String field, Function<String, Object> set) {
            this.field = field;
            this.set = set;
        }
    }

    // --- refusals ---

    @Property(tries = 300)
    void a_bidi_override_or_control_character_in_a_single_line_host_text_is_refused(
            @ForAll SingleLine text, @ForAll("forbidden") String forbidden) {
        assertRefused(() -> text.set.apply("Yoga" + forbidden + "Loft"), text.field, "forbidden_character");
    }

    @Property(tries = 200)
    void a_line_break_in_a_single_line_host_text_is_refused(@ForAll SingleLine text, @ForAll("lineBreaks") String lineBreak) {
        assertRefused(() -> text.set.apply("Yoga Loft" + lineBreak + "Bcc: everyone"), text.field, "line_break");
        assertRefused(() -> text.set.apply("Yoga Loft" + lineBreak), text.field, "line_break");
    }

    @Property(tries = 300)
    void a_bidi_override_or_control_character_in_a_multi_line_host_text_is_refused(
            @ForAll MultiLine text, @ForAll("forbiddenExceptTab") String forbidden) {
        assertRefused(() -> text.set.apply("12 rue de la Paix\n" + forbidden + "Paris"), text.field,
                "forbidden_character");
    }

    @Property(tries = 100)
    void a_line_separator_other_than_a_line_feed_in_a_multi_line_host_text_is_refused(
            @ForAll MultiLine text, @ForAll("lineBreaksOtherThanLf") String lineBreak) {
        assertRefused(() -> text.set.apply("12 rue de la Paix" + lineBreak + "Paris"), text.field, "line_break");
    }

    @Example
    void a_tab_in_a_signature_is_refused_as_a_control_character() {
        assertRefused(() -> new MessageTemplate("Your account", "", Optional.of("Yoga\tLoft")), "signature",
                "forbidden_character");
        assertRefused(() -> new InMemoryMessageTemplates().putSignature(TENANT, "Yoga\tLoft"), "signature",
                "forbidden_character");
        assertRefused(() -> model("en", "Ana", "Hello", "", "Studio", Optional.of("Yoga\tLoft")), "signature",
                "forbidden_character");
    }

    @Example
    void studio_names_and_signatures_have_documented_limits_and_must_show_something() {
        assertThat(TenantSettings.defaults().withStudioName("x".repeat(100)).studioName()).hasSize(100);
        assertRefused(() -> TenantSettings.defaults().withStudioName("x".repeat(101)), "studioName", "max_length");
        assertThat(MessageTemplate.signature(Optional.of("s".repeat(500)))).contains("s".repeat(500));
        assertRefused(() -> MessageTemplate.signature(Optional.of("s".repeat(501))), "signature", "max_length");
        assertRefused(() -> TenantSettings.defaults().withStudioName("\u3164"), "studioName", "invisible");
        assertRefused(() -> TenantSettings.defaults().withStudioName("\u3000"), "studioName", "required");
        assertRefused(() -> MessageTemplate.signature(Optional.of("\u200D\n\u2800")), "signature", "invisible");
        assertThat(MessageTemplate.signature(Optional.of(" \u00A0\n"))).isEmpty();
    }

    @Example
    void a_template_text_at_its_limits_still_prefills_the_staffs_invitation_form() {
        MessageTemplate longest = new MessageTemplate("s".repeat(MessageTemplate.MAX_SUBJECT),
                "m".repeat(MessageTemplate.MAX_MESSAGE));

        InvitationMessage prefilled = new InvitationMessage(longest.subject(), longest.message());

        assertThat(prefilled.subject()).hasSize(200);
        assertThat(prefilled.message()).hasSize(5000);
        assertRefused(() -> new MessageTemplate("s".repeat(201), ""), "subject", "max_length");
        assertRefused(() -> new MessageTemplate("Hello", "m".repeat(5001)), "message", "max_length");
    }

    @Example
    void the_mail_model_refuses_a_language_that_is_not_a_bcp_47_tag() {
        assertRefused(() -> model("en_US", "Ana", "Hello", "", "Studio", Optional.empty()), "language", "format");
        assertRefused(() -> model("123", "Ana", "Hello", "", "Studio", Optional.empty()), "language", "format");
        assertRefused(() -> model("en\u202E", "Ana", "Hello", "", "Studio", Optional.empty()), "language",
                "forbidden_character");
        assertThat(model("pt-BR", "Ana", "Hello", "", "Studio", Optional.empty()).language()).isEqualTo("pt-BR");
    }

    @Example
    void the_letterhead_refuses_a_default_language_that_is_not_a_bcp_47_tag() {
        assertRefused(() -> new Letterhead(TENANT, "Studio", Optional.empty(), SENDER, "en_US"), "defaultLanguage",
                "format");
        assertRefused(() -> new Letterhead(TENANT, "Studio", Optional.empty(), SENDER, "fr\u2028"), "defaultLanguage",
                "line_break");
        assertThat(new Letterhead(TENANT, "Studio", Optional.empty(), SENDER, "fr-CA").defaultLanguage())
                .isEqualTo("fr-CA");
    }

    @Example
    void a_refused_studio_name_or_signature_leaves_the_settings_and_templates_unchanged() {
        InMemoryTenantSettings settings = new InMemoryTenantSettings()
                .put(TENANT, TenantSettings.defaults().withStudioName("Yoga Loft"));
        InMemoryMessageTemplates templates = new InMemoryMessageTemplates(settings)
                .putSignature(TENANT, "Yoga Loft\n12 rue de la Paix");

        assertRefused(() -> settings.put(TENANT, settings.settings(TENANT).withStudioName("Yoga\u202ELoft")),
                "studioName", "forbidden_character");
        assertRefused(() -> templates.putSignature(TENANT, "Yoga\u2066Loft"), "signature", "forbidden_character");

        assertThat(settings.settings(TENANT).studioName()).isEqualTo("Yoga Loft");
        assertThat(templates.template(TENANT, MailKind.INVITATION, "en").signature())
                .contains("Yoga Loft\n12 rue de la Paix");
    }

    // --- the signature in the mail ---

    @Example
    void a_signature_reaches_the_text_and_the_html_body_escaped_with_its_line_breaks() {
        TestClientele t = new TestClientele();
        t.memory.tenantSettings().put(TENANT, TenantSettings.defaults().withStudioName("Yoga Loft"));
        t.memory.templates().putSignature(TENANT, "Yoga <Loft> & Co\r\n12 rue de la Paix\n\"Paris\"");
        Client ana = t.ana();

        t.clientele.invitations().invite(OWNER, TENANT, ana.id());
        t.clientele.mailDispatcher().dispatchAll();

        RenderedMail mail = t.memory.mailSender().delivered().get(0);
        assertThat(mail.textBody()).contains("Kind regards,\nYoga <Loft> & Co\n12 rue de la Paix\n\"Paris\"\n");
        assertThat(mail.htmlBody())
                .contains("Kind regards,<br>\nYoga &lt;Loft&gt; &amp; Co<br>\n12 rue de la Paix<br>\n&quot;Paris&quot;</p>")
                .doesNotContain("<Loft>");
    }

    @Example
    void without_a_signature_the_mail_is_signed_with_the_studio_name() {
        TestClientele t = new TestClientele();
        t.memory.tenantSettings().put(TENANT, TenantSettings.defaults().withStudioName("Yoga Loft"));
        Client ana = t.ana();

        t.clientele.invitations().invite(OWNER, TENANT, ana.id());
        t.clientele.mailDispatcher().dispatchAll();

        RenderedMail mail = t.memory.mailSender().delivered().get(0);
        assertThat(mail.textBody()).contains("Kind regards,\nYoga Loft\n");
        assertThat(mail.htmlBody()).contains("Kind regards,<br>\nYoga Loft</p>");
    }

    // --- helpers and generators ---

    private static MailModel model(String language, String firstName, String subject, String message,
            String studioName, Optional<String> signature) {
        return new MailModel(new Letterhead(TENANT, studioName, signature, SENDER, "en"), MailKind.INVITATION, language,
                "ana@example.com", firstName, subject, message, LINK, 14, Optional.empty());
    }

    @Provide
    Arbitrary<String> forbidden() {
        return Arbitraries.of(UntrustedInput.FORBIDDEN);
    }

    @Provide
    Arbitrary<String> forbiddenExceptTab() {
        return Arbitraries.of(UntrustedInput.FORBIDDEN_EXCEPT_TAB);
    }

    @Provide
    Arbitrary<String> lineBreaks() {
        return Arbitraries.of(UntrustedInput.LINE_BREAKS);
    }

    @Provide
    Arbitrary<String> lineBreaksOtherThanLf() {
        return Arbitraries.of(List.of("\u000B", "\u000C", "\u0085", "\u2028", "\u2029"));
    }
}
