package io.clientele.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.mail.model.Letterhead;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MailModel;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SenderIdentity;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SimpleMailComposerTest {

    private static final String TOKEN = "dGhpcy1pcy1hLXRlc3QtdG9rZW4tb2YtNDMtY2hhcnNfeA";
    private static final String OPT_OUT_TOKEN = "b3B0LW91dC10b2tlbi1mb3ItdGVzdHMtNDMtY2hhcnNfeA";
    private static final URI ACTION = URI.create("https://studio.example/activate?token=" + TOKEN);
    private static final URI UNSUBSCRIBE = URI.create("https://studio.example/unsubscribe?token=" + OPT_OUT_TOKEN);

    private static final TenantId TENANT = TenantId.of("studio-a");
    private static final SenderIdentity SENDER = new SenderIdentity("Yoga Loft", "hello@yogaloft.example",
            Optional.of("desk@yogaloft.example"));

    private final SimpleMailComposer composer = new SimpleMailComposer();
    private final UUID id = UUID.randomUUID();

    @Test
    void staff_and_client_text_is_escaped_in_the_html_body() {
        MailModel model = invitation("en", "Ana <b>", "Hi!\n<script>alert('x')</script> & \"welcome\"", "Yoga & <Co>");

        RenderedMail mail = composer.compose(id, model);

        assertThat(mail.htmlBody())
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;welcome&quot;")
                .contains("Hello Ana &lt;b&gt;,")
                .contains("Yoga &amp; &lt;Co&gt;")
                .contains("Hi!<br>\n&lt;script&gt;")
                .doesNotContain("<script>", "<b>", "<Co>");
        assertThat(mail.textBody()).contains("<script>alert('x')</script>", "Hello Ana <b>,", "Yoga & <Co>");
    }

    @Test
    void an_invitation_has_its_links_and_the_rfc_8058_unsubscribe_headers() {
        RenderedMail mail = composer.compose(id, invitation("en", "Ana", "See you soon.", "Yoga Loft"));

        assertThat(mail.id()).isEqualTo(id);
        assertThat(mail.to()).isEqualTo("ana@example.com");
        assertThat(mail.subject()).isEqualTo("Your online account");
        assertThat(mail.headers()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "List-Unsubscribe", "<" + UNSUBSCRIBE + ">",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        assertThat(mail.textBody()).contains("Hello Ana,", "See you soon.", ACTION.toString(),
                "This link is valid for 14 days.", "Kind regards,\nYoga Loft", UNSUBSCRIBE.toString());
        assertThat(mail.htmlBody()).contains("<a href=\"" + ACTION + "\">Activate my account</a>",
                "<a href=\"" + UNSUBSCRIBE + "\">Unsubscribe</a>", "<html lang=\"en\">");
    }

    @Test
    void a_password_reset_has_no_unsubscribe_link_nor_header() {
        MailModel model = new MailModel(letterhead("Yoga Loft"), MailKind.PASSWORD_RESET, "en", "ana@example.com",
                "Ana", "New password", "", URI.create("https://studio.example/reset-password?token=" + TOKEN), 0,
                Optional.empty());

        RenderedMail mail = composer.compose(id, model);

        assertThat(mail.headers()).isEmpty();
        assertThat(mail.textBody()).contains("Set a new password with this personal link:",
                "valid for less than a day", "If you did not ask for a new password").doesNotContain("nsubscribe");
        assertThat(mail.htmlBody()).doesNotContain("nsubscribe");
    }

    @Test
    void the_added_sentences_follow_the_language_and_fall_back_to_english() {
        assertThat(composer.compose(id, invitation("fr-CA", "Zoé", "", "Studio")).textBody())
                .contains("Bonjour Zoé,", "Ce lien est valable 14 jours.", "Se désabonner");
        assertThat(composer.compose(id, invitation("de", "Jonas", "", "Studio")).textBody())
                .contains("Hallo Jonas,", "14 Tage gültig");
        assertThat(composer.compose(id, invitation("es", "Lucía", "", "Studio")).textBody())
                .contains("Hola, Lucía:", "14 días");
        assertThat(composer.compose(id, invitation("it", "Giulia", "", "Studio")).textBody())
                .contains("Ciao Giulia,", "14 giorni");
        assertThat(composer.compose(id, invitation("nl", "Sanne", "", "Studio")).textBody())
                .contains("Hallo Sanne,", "14 dagen geldig");
        assertThat(composer.compose(id, invitation("pt-BR", "João", "", "Studio")).textBody())
                .contains("Hello João,", "valid for 14 days");
        assertThat(composer.compose(id, invitation("fr", "Zoé", "", "Studio")).htmlBody())
                .contains("Activez votre compte en ligne avec ce lien personnel :", "Activer mon compte");
    }

    @Test
    void a_subject_with_a_line_break_is_refused_so_no_header_can_be_injected() {
        assertThatThrownBy(() -> composer.compose(id, new MailModel(letterhead("Studio"), MailKind.INVITATION, "en",
                "ana@example.com", "Ana", "Hello\r\nBcc: victim@example.com", "", ACTION, 14, Optional.of(UNSUBSCRIBE))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("line");
    }

    @Test
    void neither_the_model_nor_the_rendered_mail_shows_a_token_or_the_address_in_to_string() {
        MailModel model = invitation("en", "Ana", "Hi", "Studio");
        RenderedMail mail = composer.compose(id, model);

        assertThat(model.toString()).doesNotContain(TOKEN, OPT_OUT_TOKEN, "ana@example.com");
        assertThat(mail.toString()).doesNotContain(TOKEN, OPT_OUT_TOKEN, "ana@example.com");
    }

    @Test
    void escape_covers_the_five_html_special_characters() {
        assertThat(SimpleMailComposer.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    @Test
    void a_rendered_mail_says_whose_it_is_with_the_tenant_and_sender_identity_of_its_model() {
        RenderedMail mail = composer.compose(id, invitation("en", "Ana", "", "Yoga Loft"));

        assertThat(mail.tenantId()).isEqualTo(TENANT);
        assertThat(mail.sender()).isEqualTo(new SenderIdentity("Yoga Loft", "hello@yogaloft.example",
                Optional.of("desk@yogaloft.example")));
        assertThat(mail.sender().asciiDomain()).isEqualTo("yogaloft.example");
    }

    private static MailModel invitation(String language, String firstName, String message, String studio) {
        return new MailModel(letterhead(studio), MailKind.INVITATION, language, "ana@example.com", firstName,
                "Your online account", message, ACTION, 14, Optional.of(UNSUBSCRIBE));
    }

    private static Letterhead letterhead(String studio) {
        return new Letterhead(TENANT, studio, Optional.empty(), SENDER, "en");
    }
}
