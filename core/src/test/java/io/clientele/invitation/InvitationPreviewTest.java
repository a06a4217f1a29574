package io.clientele.invitation;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.LockPolicy;
import io.clientele.client.model.SenderSettings;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.invitation.model.SkipReason;
import io.clientele.invitation.model.TokenInspection;
import io.clientele.invitation.service.InvitationPreview;
import io.clientele.invitation.service.InvitationService;
import io.clientele.mail.model.MailPreview;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SenderIdentity;
import io.clientele.testing.TestClientele;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, point 6: staff could not see an invitation before sending it (the seed's tip was to
 * create a fake profile and invite oneself). A preview renders the mail one client would get, or a
 * sample client's in each offered language, through the same rendering as the real send, with
 * placeholder links, and changes nothing.
 */
class InvitationPreviewTest {

    private static final Pattern REAL_TOKEN = Pattern.compile("token=[A-Za-z0-9_-]{43}");
    private static final SenderIdentity STUDIO_SENDER = new SenderIdentity("Yoga Loft", "bonjour@yogaloft.example",
            Optional.of("accueil@yogaloft.example"));

    private final TestClientele t = new TestClientele();

    /** The studio of most tests: French first, its own address and reply-to, a signature. */
    private void studio() {
        t.memory.tenantSettings().put(TENANT, new TenantSettings(CountryCode.of("FR"),
                List.of(LanguageTag.of("fr"), LanguageTag.of("en"), LanguageTag.of("de")), LockPolicy.DEFAULT)
                .withStudioName("Yoga Loft")
                .withSender(SenderSettings.ownAddress("bonjour@yogaloft.example")
                        .withReplyTo("accueil@yogaloft.example")));
        t.memory.templates().putSignature(TENANT, "Yoga Loft\n12 rue de la Paix");
    }

    // --- what staff see is what clients get ---

    @Test
    void the_preview_of_a_client_is_the_mail_the_client_gets_with_placeholder_links_for_the_personal_ones() {
        studio();
        Client ana = t.create(ClientDetails.named("Ana", "López").withEmail("ana@example.com")
                .withPreferredLanguage("fr"));

        MailPreview preview = rendered(t.clientele.invitations().preview(OWNER, TENANT, ana.id()));
        RenderedMail sent = inviteAndSend(ana, Optional.empty());

        assertThat(preview.language()).isEqualTo("fr");
        assertThat(preview.textBody()).contains("Bonjour Ana,", "12 rue de la Paix");
        assertThat(preview.subject()).isEqualTo("Votre compte en ligne vous attend").isEqualTo(sent.subject());
        assertThat(preview.sender()).isEqualTo(STUDIO_SENDER).isEqualTo(sent.sender());
        assertThat(preview.to()).isEqualTo("ana@example.com").isEqualTo(sent.to());
        assertThat(preview.textBody()).isEqualTo(withPlaceholders(sent.textBody()));
        assertThat(preview.htmlBody()).isEqualTo(withPlaceholders(sent.htmlBody()));
    }

    @Test
    void the_preview_with_the_staffs_own_text_is_the_mail_an_invite_with_that_text_sends() {
        studio();
        Client ana = t.create(ClientDetails.named("Ana", "López").withEmail("ana@example.com"));
        InvitationMessage custom = new InvitationMessage("Our new app <3", "Book classes\nfrom your phone & more.");

        MailPreview preview = rendered(t.clientele.invitations().preview(OWNER, TENANT, ana.id(), custom));
        RenderedMail sent = inviteAndSend(ana, Optional.of(custom));

        assertThat(preview.language()).as("the tenant's default language").isEqualTo("fr");
        assertThat(preview.subject()).isEqualTo("Our new app <3").isEqualTo(sent.subject());
        assertThat(preview.textBody()).contains("Book classes\nfrom your phone & more.")
                .isEqualTo(withPlaceholders(sent.textBody()));
        assertThat(preview.htmlBody()).contains("Book classes<br>\nfrom your phone &amp; more.")
                .isEqualTo(withPlaceholders(sent.htmlBody()));
    }

    @Test
    void a_preview_issues_no_token_enqueues_audits_publishes_nor_changes_anything() {
        studio();
        Client ana = t.create(ClientDetails.named("Ana", "López").withEmail("ana@example.com"));
        Client noEmail = t.create(ClientDetails.named("Bo", "Berg"));
        Map<String, List<String>> before = t.storedState();

        t.clientele.invitations().preview(OWNER, TENANT, ana.id());
        t.clientele.invitations().preview(OWNER, TENANT, ana.id(), new InvitationMessage("Hi", "Join us."));
        t.clientele.invitations().preview(OWNER, TENANT, noEmail.id());
        t.clientele.invitations().previewSamples(OWNER, TENANT);
        t.clientele.invitations().previewSamples(OWNER, TENANT, new InvitationMessage("Hi", "Join us."));
        t.clientele.mailDispatcher().dispatchAll();

        assertThat(t.storedState()).isEqualTo(before);
        assertThat(t.memory.mailSender().calls()).isZero();
    }

    @Test
    void the_links_of_a_preview_are_placeholders_that_open_nothing() {
        studio();
        Client ana = t.create(ClientDetails.named("Ana", "López").withEmail("ana@example.com"));

        MailPreview preview = rendered(t.clientele.invitations().preview(OWNER, TENANT, ana.id()));

        Matcher links = Pattern.compile("https://studio\\.example/(activate|unsubscribe)\\?tenant=studio-a&token=(\\S+)")
                .matcher(preview.textBody());
        assertThat(links.find()).isTrue();
        assertThat(links.group(1)).isEqualTo("activate");
        assertThat(links.group(2)).isEqualTo("PREVIEW");
        assertThat(links.find()).isTrue();
        assertThat(links.group(1)).isEqualTo("unsubscribe");
        assertThat(links.group(2)).isEqualTo("PREVIEW");
        assertThat(t.clientele.activation().inspect(TENANT, "PREVIEW")).isInstanceOf(TokenInspection.Unknown.class);
    }

    @Test
    void a_client_who_would_be_skipped_gets_no_preview_but_the_reason_invite_would_answer() {
        Client noEmail = t.create(ClientDetails.named("Bo", "Berg"));
        Client ana = t.ana();
        t.clientele.invitations().invite(OWNER, TENANT, ana.id());

        assertThat(t.clientele.invitations().preview(OWNER, TENANT, noEmail.id()))
                .isEqualTo(new InvitationPreview.Skipped(noEmail.id(), SkipReason.NO_EMAIL));
        assertThat(t.clientele.invitations().preview(OWNER, TENANT, ana.id()))
                .isEqualTo(new InvitationPreview.Skipped(ana.id(), SkipReason.IN_COOLDOWN));
        assertThat(t.clientele.invitations().invite(OWNER, TENANT, ana.id()))
                .isEqualTo(new InviteOutcome.Skipped(ana.id(), SkipReason.IN_COOLDOWN));
    }

    // --- samples in each offered language ---

    @Test
    void sample_previews_come_in_each_offered_language_default_first_with_that_languages_template() {
        studio();

        List<MailPreview> samples = t.clientele.invitations().previewSamples(OWNER, TENANT);

        assertThat(samples).extracting(MailPreview::language).containsExactly("fr", "en", "de");
        assertThat(samples).extracting(MailPreview::subject).containsExactly("Votre compte en ligne vous attend",
                "Your online account is ready", "Ihr Online-Konto ist bereit");
        assertThat(samples.get(0).textBody()).startsWith("Bonjour Alex,").contains("token=PREVIEW");
        assertThat(samples.get(1).textBody()).startsWith("Hello Alex,");
        assertThat(samples.get(2).textBody()).startsWith("Hallo Alex,");
        assertThat(samples).allSatisfy(sample -> {
            assertThat(sample.to()).isEqualTo(InvitationService.SAMPLE_RECIPIENT).isEqualTo("alex@example.com");
            assertThat(sample.sender()).isEqualTo(STUDIO_SENDER);
            assertThat(sample.textBody()).contains("Yoga Loft\n12 rue de la Paix")
                    .doesNotContainPattern(REAL_TOKEN);
            assertThat(sample.htmlBody()).contains("token=PREVIEW");
        });
    }

    @Test
    void sample_previews_with_the_staffs_own_text_show_it_in_every_language() {
        studio();
        InvitationMessage custom = new InvitationMessage("Our new app", "Book from your phone.");

        List<MailPreview> samples = t.clientele.invitations().previewSamples(OWNER, TENANT, custom);

        assertThat(samples).extracting(MailPreview::subject).containsExactly("Our new app", "Our new app",
                "Our new app");
        assertThat(samples).extracting(MailPreview::textBody).allSatisfy(text -> assertThat(text)
                .contains("Book from your phone."));
        assertThat(samples.get(2).textBody()).contains("Dieser Link ist 14 Tage gültig.");
    }

    @Test
    void a_tenant_with_default_settings_previews_one_english_sample_from_the_platform_address() {
        List<MailPreview> samples = t.clientele.invitations().previewSamples(OWNER, TENANT);

        assertThat(samples).singleElement().satisfies(sample -> {
            assertThat(sample.language()).isEqualTo("en");
            assertThat(sample.sender()).isEqualTo(new SenderIdentity("Your studio", "no-reply@studio.example"));
            assertThat(sample.textBody()).contains("Kind regards,\nYour studio\n");
        });
    }

    // --- who may preview ---

    @Test
    void only_staff_who_may_invite_may_preview_and_only_in_their_own_tenant() {
        Client ana = t.ana();
        Client foreign = t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT,
                ClientDetails.named("Bo", "Berg").withEmail("bo@example.com"));

        assertThatThrownBy(() -> t.clientele.invitations().preview(VIEWER, TENANT, ana.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> t.clientele.invitations().previewSamples(
                TestClientele.staffWithout("desk-1", Permission.INVITE_CLIENTS), TENANT))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> t.clientele.invitations().preview(OWNER, TENANT, foreign.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.clientele.invitations().preview(OTHER_OWNER, TENANT, ana.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(t.clientele.invitations().preview(OTHER_OWNER, OTHER_TENANT, foreign.id()))
                .isInstanceOf(InvitationPreview.Rendered.class);
    }

    // --- helpers ---

    private RenderedMail inviteAndSend(Client client, Optional<InvitationMessage> custom) {
        InviteOutcome outcome = custom.isPresent()
                ? t.clientele.invitations().invite(OWNER, TENANT, client.id(), custom.get())
                : t.clientele.invitations().invite(OWNER, TENANT, client.id());
        assertThat(outcome).isInstanceOf(InviteOutcome.Enqueued.class);
        t.clientele.mailDispatcher().dispatchAll();
        return t.memory.mailSender().delivered().get(0);
    }

    private static MailPreview rendered(InvitationPreview preview) {
        assertThat(preview).isInstanceOf(InvitationPreview.Rendered.class);
        return ((InvitationPreview.Rendered) preview).mail();
    }

    private static String withPlaceholders(String body) {
        return REAL_TOKEN.matcher(body).replaceAll("token=PREVIEW");
    }
}
