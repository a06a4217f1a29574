package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.Client;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.LockPolicy;
import io.clientele.client.model.SenderSettings;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.TokenInspection;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.model.UnsubscribeResult;
import io.clientele.invitation.service.CampaignProgressListener;
import io.clientele.invitation.service.DispatchReport;
import io.clientele.invitation.service.InvitationConfig;
import io.clientele.invitation.service.InvitationPreview;
import io.clientele.testkit.MutableClock;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole way, as a host wires it: Clientele's dispatcher with {@link MustacheMailComposer} and
 * {@link SmtpMailSender} delivers invitations to a real SMTP server (GreenMail, behind the test's
 * {@link FaultySmtpProxy}), and each mail is parsed back with Jakarta Mail the way a mail client
 * reads it. The links in it are checked against the core (a personal activation token the core
 * recognizes for that client), not against what the composer was given.
 */
class InvitationMailEndToEndTest {

    private static final TenantId STUDIO = TenantId.of("studio-zen");
    private static final Actor OWNER = Actor.Staff.owner("front-desk", STUDIO);
    private static final URI ACTIVATE = URI.create("https://book.studio.example/activate");
    private static final URI RESET = URI.create("https://book.studio.example/reset-password");
    private static final URI UNSUBSCRIBE = URI.create("https://book.studio.example/unsubscribe");
    private static final Pattern LINK_TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");

    private final MutableClock clock = MutableClock.standard();
    private TestSmtpServer smtp;
    private SmtpMailSender sender;
    private InMemoryAdapters memory;
    private Clientele clientele;

    @BeforeEach
    void wire() {
        smtp = TestSmtpServer.start();
        sender = SmtpMailSender.create(smtp.config().build(), clock);
        memory = InMemoryAdapters.create();
        clientele = memory.installInto(Clientele.builder())
                .clock(clock)
                .mailComposer(MustacheMailComposer.withDefaults())
                .mailSender(sender)
                .invitations(InvitationConfig.withLinks(ACTIVATE, RESET, UNSUBSCRIBE))
                .build();
        memory.tenantSettings().put(STUDIO, new TenantSettings(CountryCode.of("FR"),
                List.of(LanguageTag.of("fr"), LanguageTag.of("de"), LanguageTag.of("pt")), LockPolicy.DEFAULT)
                .withStudioName("Studio Zen")
                .withSender(SenderSettings.ownAddress("bonjour@studio-zen.example").withDisplayName("Studio Zen Paris")
                        .withReplyTo("accueil@studio-zen.example")));
    }

    @AfterEach
    void stop() throws IOException {
        sender.close();
        smtp.close();
    }

    @Test
    void a_received_invitation_has_the_studios_identity_both_parts_the_personal_links_and_the_rfc_8058_headers()
            throws Exception {
        Client ana = client("Ana", "ana@example.com", "fr");
        String subject = "Votre espace en ligne chez Studio Zen — réservez en 2 clics ✓";
        String message = "Nouveauté : <b>réservez</b> vos cours & \"ateliers\" en ligne.\nÀ très vite !";

        runCampaign(new CampaignTarget.Clients(java.util.Set.of(ana.id())), new InvitationMessage(subject, message));
        DispatchReport report = clientele.mailDispatcher().dispatchAll();

        assertThat(report.sent()).isEqualTo(1);
        MimeMessage mail = onlyMessageTo("ana@example.com");
        assertThat(addresses(mail.getRecipients(MimeMessage.RecipientType.TO))).containsExactly("ana@example.com");
        assertThat(mail.getRecipients(MimeMessage.RecipientType.CC)).isNull();
        assertThat(mail.getRecipients(MimeMessage.RecipientType.BCC)).isNull();
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("bonjour@studio-zen.example");
        assertThat(from.getPersonal()).isEqualTo("Studio Zen Paris");
        assertThat(addresses(mail.getReplyTo())).containsExactly("accueil@studio-zen.example");
        assertThat(mail.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        assertThat(mail.getSubject()).isEqualTo(subject);

        Map<String, String> parts = parts(mail);
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.keySet()).containsExactly("text/plain", "text/html");
        String text = parts.get("text/plain");
        String html = parts.get("text/html");

        // the language of the client's preference: the French templates, in the text and the HTML
        assertThat(text).startsWith("Bonjour Ana,");
        assertThat(html).contains("<html lang=\"fr\">", "Bonjour Ana,");

        // the staff's message: as typed in the text part, escaped in HTML with its line break kept
        assertThat(text).contains(message);
        assertThat(html).doesNotContain("<b>réservez</b>")
                .contains("&lt;b&gt;réservez&lt;/b&gt; vos cours &amp; &quot;ateliers&quot; en ligne.<br>");

        // the personal activation link: in both parts, and the core knows its token as Ana's
        String activation = onlyLink(text, ACTIVATE);
        assertThat(unescape(html)).contains("href=\"" + activation + "\"");
        TokenInspection inspected = clientele.activation().inspect(STUDIO, token(activation));
        assertThat(inspected).isInstanceOfSatisfying(TokenInspection.Valid.class, valid -> {
            assertThat(valid.clientId()).isEqualTo(ana.id());
            assertThat(valid.purpose()).isEqualTo(TokenPurpose.ACTIVATION);
        });

        // the personal unsubscribe link: in both parts and in the RFC 8058 headers
        String unsubscribe = onlyLink(text, UNSUBSCRIBE);
        assertThat(unescape(html)).contains("href=\"" + unsubscribe + "\"");
        assertThat(mail.getHeader("List-Unsubscribe")).containsExactly("<" + unsubscribe + ">");
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(clientele.activation().inspectUnsubscribe(STUDIO, token(unsubscribe)))
                .isEqualTo(new UnsubscribeResult.Unsubscribed(STUDIO, ana.id()));

        assertThat(mail.getHeader("Message-ID")[0]).endsWith("@studio-zen.example>");
        assertThat(mail.getSentDate().toInstant()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(clientele.clients().get(OWNER, STUDIO, ana.id()).invitationStatus())
                .isEqualTo(InvitationStatus.INVITED);
    }

    @Test
    void each_client_reads_the_mail_in_their_own_language_or_else_the_studios() throws Exception {
        client("Ana", "ana@example.com", "fr");
        client("Jonas", "jonas@example.com", "de");
        client("Inês", "ines@example.com", "pt");
        client("Lou", "lou@example.com", null);

        runCampaign(new CampaignTarget.AllClients(), null);
        clientele.mailDispatcher().dispatchAll();

        assertThat(parts(onlyMessageTo("ana@example.com")).get("text/plain")).startsWith("Bonjour Ana,");
        assertThat(parts(onlyMessageTo("jonas@example.com")).get("text/plain")).startsWith("Hallo Jonas,");
        // no Portuguese template: the studio's default language (French)
        assertThat(parts(onlyMessageTo("ines@example.com")).get("text/html")).contains("<html lang=\"fr\">",
                "Bonjour Inês,");
        assertThat(parts(onlyMessageTo("lou@example.com")).get("text/plain")).startsWith("Bonjour Lou,");
    }

    @Test
    void the_dispatcher_delivers_a_whole_campaign_and_every_client_gets_exactly_one_mail_with_their_own_link()
            throws Exception {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            clients.add(client("Client " + (char) ('A' + i % 26) + (i < 26 ? "" : "a"), "client" + i + "@example.com",
                    i % 2 == 0 ? "fr" : "de"));
        }

        runCampaign(new CampaignTarget.AllClients(), null);
        DispatchReport report = clientele.mailDispatcher().dispatchAll();

        assertThat(report.sent()).isEqualTo(30);
        assertThat(report.retried() + report.failed() + report.lost()).isZero();
        assertThat(smtp.receivedRecipients()).hasSize(30)
                .containsExactlyInAnyOrderElementsOf(clients.stream().map(c -> c.details().email().orElseThrow().value())
                        .toList());
        List<String> tokens = new ArrayList<>();
        for (Client c : clients) {
            MimeMessage mail = onlyMessageTo(c.details().email().orElseThrow().value());
            String token = token(onlyLink(parts(mail).get("text/plain"), ACTIVATE));
            assertThat(clientele.activation().inspect(STUDIO, token))
                    .isInstanceOfSatisfying(TokenInspection.Valid.class, v -> assertThat(v.clientId()).isEqualTo(c.id()));
            tokens.add(token);
            assertThat(clientele.clients().get(OWNER, STUDIO, c.id()).invitationStatus())
                    .isEqualTo(InvitationStatus.INVITED);
        }
        assertThat(tokens).doesNotHaveDuplicates();
        assertThat(smtp.proxy.connections()).isEqualTo(1);
    }

    @Test
    void a_server_answering_4xx_is_retried_by_the_dispatcher_after_its_backoff_and_then_delivers() throws Exception {
        client("Ana", "ana@example.com", "fr");
        smtp.proxy.replyOnce("MAIL FROM", "451 4.3.0 Mailbox temporarily unavailable");

        runCampaign(new CampaignTarget.AllClients(), null);
        DispatchReport first = clientele.mailDispatcher().dispatchAll();

        assertThat(first.sent()).isZero();
        assertThat(first.retried()).isEqualTo(1);
        assertThat(smtp.received()).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        DispatchReport second = clientele.mailDispatcher().dispatchAll();

        assertThat(second.sent()).isEqualTo(1);
        assertThat(smtp.receivedRecipients()).containsExactly("ana@example.com");
    }

    @Test
    void a_recipient_refused_with_5xx_fails_for_good_while_the_rest_of_the_batch_is_delivered() throws Exception {
        client("Ana", "ana@example.com", "fr");
        Client gone = client("Bruno", "gone@example.com", "fr");
        client("Chloé", "chloe@example.com", "fr");
        smtp.proxy.reply("RCPT TO:<gone@example.com>", "550 5.1.1 No such user");

        runCampaign(new CampaignTarget.AllClients(), null);
        DispatchReport report = clientele.mailDispatcher().dispatchAll();

        assertThat(report.sent()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(smtp.receivedRecipients()).containsExactlyInAnyOrder("ana@example.com", "chloe@example.com");
        clock.advance(Duration.ofDays(2));
        assertThat(clientele.mailDispatcher().dispatchAll().claimed()).isZero();
        assertThat(clientele.clients().get(OWNER, STUDIO, gone.id()).invitationStatus())
                .isEqualTo(InvitationStatus.ADDED);
    }

    @Test
    void the_staffs_preview_is_rendered_with_these_templates_and_sends_nothing() {
        Client ana = client("Ana", "ana@example.com", "de");

        InvitationPreview preview = clientele.invitations().preview(OWNER, STUDIO, ana.id());

        assertThat(preview).isInstanceOfSatisfying(InvitationPreview.Rendered.class, rendered -> {
            assertThat(rendered.mail().language()).isEqualTo("de");
            assertThat(rendered.mail().textBody()).startsWith("Hallo Ana,");
            // the layout of this composer: a card of tables with the studio's name on top
            assertThat(rendered.mail().htmlBody()).contains("<html lang=\"de\">", "role=\"presentation\"",
                    "max-width:600px", "Studio Zen");
        });
        assertThat(smtp.proxy.connections()).isZero();
        assertThat(smtp.received()).isEmpty();
    }

    // --- helpers ---

    private Client client(String firstName, String email, String language) {
        ClientDetails details = ClientDetails.named(firstName, "Martin").withEmail(email);
        if (language != null) {
            details = details.withPreferredLanguage(language);
        }
        return clientele.clients().create(OWNER, STUDIO, details);
    }

    private void runCampaign(CampaignTarget target, InvitationMessage message) {
        Campaign campaign = message == null
                ? clientele.campaigns().create(OWNER, STUDIO, target)
                : clientele.campaigns().create(OWNER, STUDIO, target, message);
        clientele.campaigns().run(OWNER, STUDIO, campaign.id(), CampaignProgressListener.NONE);
    }

    private MimeMessage onlyMessageTo(String address) throws MessagingException {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : smtp.received()) {
            if (addresses(m.getRecipients(MimeMessage.RecipientType.TO)).contains(address)) {
                found.add(m);
            }
        }
        assertThat(found).as("messages to %s", address).hasSize(1);
        return found.get(0);
    }

    private static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    /** The parts of a multipart/alternative message by their media type, decoded, line ends as line feeds. */
    private static Map<String, String> parts(MimeMessage mail) throws MessagingException, IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        Multipart multipart = (Multipart) mail.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            assertThat(part.getContentType()).containsIgnoringCase("charset=UTF-8");
            parts.put(part.getContentType().split(";")[0].trim().toLowerCase(java.util.Locale.ROOT),
                    ((String) part.getContent()).replace("\r\n", "\n"));
        }
        return parts;
    }

    /** The one link on {@code base} in a text body (each link stands on its own line). */
    private static String onlyLink(String text, URI base) {
        List<String> links = text.lines().map(String::trim).filter(l -> l.startsWith(base + "?")).distinct().toList();
        assertThat(links).as("links to %s", base).hasSize(1);
        return links.get(0);
    }

    private static String token(String link) {
        Matcher m = LINK_TOKEN.matcher(link);
        assertThat(m.find()).as("a token in the link").isTrue();
        return m.group(1);
    }

    /** HTML attribute text as a mail client reads it: the entities the escaper writes, decoded. */
    private static String unescape(String html) {
        return html.replace("&#x3D;", "=").replace("&amp;", "&");
    }
}
