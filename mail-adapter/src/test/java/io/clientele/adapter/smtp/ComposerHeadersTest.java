package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.mail.model.MailModel;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SenderIdentity;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the rendered mail carries besides its bodies: the RFC 8058 one-click unsubscribe headers on
 * invitations only, and the letterhead's tenant and sender identity, the model's recipient and
 * subject, unchanged.
 */
class ComposerHeadersTest {

    private static final MustacheMailComposer COMPOSER = MustacheMailComposer.withDefaults();

    @Test
    void an_invitation_carries_the_rfc_8058_one_click_unsubscribe_headers() {
        RenderedMail mail = COMPOSER.compose(UUID.randomUUID(), Mails.invitation().build());

        assertThat(mail.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "List-Unsubscribe", "<" + Mails.UNSUBSCRIBE + ">",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }

    @Test
    void a_password_reset_has_no_unsubscribe_header_nor_link_even_if_the_model_holds_one() {
        RenderedMail mail = COMPOSER.compose(UUID.randomUUID(),
                Mails.passwordReset().unsubscribe(Optional.of(Mails.UNSUBSCRIBE)).build());

        assertThat(mail.headers()).isEmpty();
        assertThat(Mails.decode(mail.htmlBody()) + mail.textBody()).doesNotContain(Mails.UNSUBSCRIBE.toString());
    }

    @Test
    void the_mail_carries_the_letterhead_s_tenant_and_sender_and_the_model_s_recipient_and_subject() {
        SenderIdentity sender = new SenderIdentity("Café Yoga Zürich", "post@cafe-yoga.example",
                Optional.of("team@cafe-yoga.example"));
        TenantId tenant = TenantId.of("studio-zh");
        MailModel model = Mails.invitation().tenant(tenant).sender(sender).subject("Ihr Konto – bitte aktivieren ✓")
                .build();
        UUID id = UUID.randomUUID();

        RenderedMail mail = COMPOSER.compose(id, model);

        assertThat(mail.id()).isEqualTo(id);
        assertThat(mail.tenantId()).isEqualTo(tenant);
        assertThat(mail.sender()).isEqualTo(sender);
        assertThat(mail.to()).isEqualTo("ana@example.com");
        assertThat(mail.subject()).isEqualTo("Ihr Konto – bitte aktivieren ✓");
    }

    @Test
    void an_invitation_without_an_unsubscribe_link_is_refused() {
        MailModel model = Mails.invitation().unsubscribe(Optional.empty()).build();

        assertThatThrownBy(() -> COMPOSER.compose(UUID.randomUUID(), model))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("unsubscribeLink");
                    assertThat(e.rule()).isEqualTo("required");
                });
    }

    @Test
    void an_invitation_whose_unsubscribe_link_is_not_https_is_refused_without_showing_the_link() {
        MailModel model = Mails.invitation()
                .unsubscribe(Optional.of(URI.create("http://app.example/unsubscribe?token=secret-token"))).build();

        assertThatThrownBy(() -> COMPOSER.compose(UUID.randomUUID(), model))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("unsubscribeLink");
                    assertThat(e.rule()).isEqualTo("format");
                    assertThat(e.getMessage()).doesNotContain("secret-token");
                });
    }

    @Test
    void an_invitation_with_links_on_localhost_keeps_its_unsubscribe_link_in_the_body_but_writes_no_rfc_8058_header() {
        URI unsubscribe = URI.create("http://localhost:8080/unsubscribe?tenant=studio-a&token=local-token");
        MailModel model = Mails.invitation().action(URI.create("http://localhost:8080/activate?tenant=studio-a&token=t"))
                .unsubscribe(Optional.of(unsubscribe)).build();

        RenderedMail mail = COMPOSER.compose(UUID.randomUUID(), model);

        assertThat(mail.headers()).as("RFC 8058 wants https").isEmpty();
        assertThat(mail.textBody()).contains(unsubscribe.toString());
    }

    @Test
    void a_personal_link_over_plain_http_off_this_machine_is_refused() {
        MailModel model = Mails.invitation().action(URI.create("http://studio.example/activate?token=secret-token"))
                .build();

        assertThatThrownBy(() -> COMPOSER.compose(UUID.randomUUID(), model))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("actionLink");
                    assertThat(e.rule()).isEqualTo("format");
                    assertThat(e.getMessage()).doesNotContain("secret-token");
                });
    }
}
