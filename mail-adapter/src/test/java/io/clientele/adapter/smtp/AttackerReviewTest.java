package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ValidationException;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MailModel;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The review of issue 9's mail adapter as an attacker: each test is one attempt (a header
 * injected, a value unescaped in the HTML, a template override that prints raw output or reads a
 * file, a token or address in a log or an exception, a TLS downgrade, credentials in clear, a
 * message smuggled in the body) and asserts what the defence must keep true, so it fails if the
 * defence breaks.
 */
class AttackerReviewTest {

    private static final MustacheMailComposer COMPOSER = MustacheMailComposer.withDefaults();
    private static final List<String> LANGUAGES = MustacheMailComposer.DEFAULT_LANGUAGES;

    private static RenderedMail compose(MailModel model) {
        return COMPOSER.compose(UUID.randomUUID(), model);
    }

    /** Header injection through every value the sender puts in a header, parsed back from GreenMail. */
    @Nested
    class Headers {

        private TestSmtpServer server;
        private SmtpMailSender sender;

        @BeforeEach
        void startServer() {
            server = TestSmtpServer.start();
            sender = SmtpMailSender.create(server.config().build());
        }

        @AfterEach
        void stopServer() throws Exception {
            sender.close();
            server.close();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "Studio Zen\", eve@evil.example, \"Eve",
                "Eve <eve@evil.example>",
                "Zoé\" <eve@evil.example>, \"Studio",
                "Studio \\\" (comment) eve@evil.example;"})
        void a_display_name_shaped_like_more_addresses_stays_the_one_from_address_under_the_name_as_typed(
                String displayName) throws Exception {
            RenderedMail mail = TestMails.aMail("ana@clients.example")
                    .from(displayName, "hello@studio-zen.example").build();

            assertThat(sender.send(List.of(mail))).containsExactly(new SendResult.Sent(mail.id()));

            MimeMessage received = server.received().get(0);
            assertThat(received.getHeader("From")).hasSize(1);
            Address[] from = received.getFrom();
            assertThat(from).hasSize(1);
            assertThat(((InternetAddress) from[0]).getAddress()).isEqualTo("hello@studio-zen.example");
            assertThat(((InternetAddress) from[0]).getPersonal()).isEqualTo(displayName);
            assertThat(received.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly("hello@studio-zen.example");
            assertThat(received.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly("ana@clients.example");
            assertThat(server.proxy.commandsStartingWith("RCPT TO")).containsExactly("RCPT TO:<ana@clients.example>");
        }

        static Stream<Arguments> encodedWords() {
            return Stream.of(
                    Arguments.of("=?UTF-8?Q?Eve?= <eve@evil.example>", "a name"),
                    Arguments.of("Studio =?UTF-8?B?4oCuWmVu?=", "a bidi override"),
                    Arguments.of("=?utf-8?q?Studio=0D=0ABcc:_eve@evil.example?=", "a line break"));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("encodedWords")
        void an_encoded_word_in_the_subject_or_the_display_name_is_refused_since_the_reader_would_see_other_text(
                String text, String hidden) throws Exception {
            RenderedMail subject = TestMails.aMail("ana@clients.example").subject(text).build();
            RenderedMail displayName = TestMails.aMail("ana@clients.example").from(text, "hello@studio-zen.example")
                    .build();
            RenderedMail plain = TestMails.aMail("ana@clients.example").subject("Q&A =? yes ?=").build();

            assertThat(sender.send(List.of(subject, displayName, plain))).containsExactly(
                    new SendResult.PermanentFailure(subject.id(), "refused before sending: subject encoded_word"),
                    new SendResult.PermanentFailure(displayName.id(),
                            "refused before sending: sender.displayName encoded_word"),
                    new SendResult.Sent(plain.id()));
            assertThat(server.received()).singleElement().satisfies(
                    m -> assertThat(m.getSubject()).isEqualTo("Q&A =? yes ?="));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "ana@clients.example(eve@evil.example)",
                "\"eve@evil.example\"@clients.example",
                "ana@clients.example;eve@evil.example",
                "ana@clients.example eve@evil.example",
                "<ana@clients.example>",
                "ana@[127.0.0.1]",
                "ana@clients.example>\u0000RCPT TO:<eve@evil.example"})
        void a_recipient_that_hides_a_second_address_or_a_command_is_refused_before_anything_is_sent(String to) {
            RenderedMail mail = TestMails.aMail(to).build();

            List<SendResult> results = sender.send(List.of(mail));

            assertThat(results).singleElement().isInstanceOfSatisfying(SendResult.PermanentFailure.class, r -> {
                assertThat(r.reason()).startsWith("refused before sending: to ").doesNotContain("@", "evil");
            });
            assertThat(server.proxy.connections()).isZero();
            assertThat(server.received()).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {".ana@clients.example", "ana..b@clients.example", "ana.@clients.example"})
        void a_recipient_that_passes_the_character_checks_but_is_no_mailbox_is_refused_naming_no_address(String to) {
            RenderedMail mail = TestMails.aMail(to).build();

            List<SendResult> results = sender.send(List.of(mail));

            assertThat(results).containsExactly(
                    new SendResult.PermanentFailure(mail.id(), "refused before sending: to format"));
            assertThat(server.proxy.connections()).isZero();
        }

        @Test
        void reply_to_values_hiding_a_second_address_are_refused_by_the_adapter_s_own_check() {
            for (String replyTo : List.of("desk@studio-zen.example, eve@evil.example", "desk@studio-zen.example(x)",
                    "Eve <eve@evil.example>", "desk@studio-zen.example\u2028Bcc: eve@evil.example")) {
                assertThatThrownBy(() -> HeaderText.mailbox("sender.replyTo", replyTo))
                        .isInstanceOfSatisfying(ValidationException.class, e -> {
                            assertThat(e.field()).isEqualTo("sender.replyTo");
                            assertThat(e.getMessage()).doesNotContain("evil", "desk@");
                        });
            }
        }

        @Test
        void an_unsubscribe_link_carrying_brackets_and_a_mailto_stays_one_https_uri_in_list_unsubscribe()
                throws Exception {
            URI link = new URI("https", "app.example", "/unsubscribe",
                    "tenant=studio-a&token=x>, <mailto:eve@evil.example>", null);
            RenderedMail mail = compose(Mails.invitation().unsubscribe(Optional.of(link)).build());

            assertThat(mail.headers().get("List-Unsubscribe")).matches("<https://[^<>\\s]+>");
            assertThat(sender.send(List.of(mail))).containsExactly(new SendResult.Sent(mail.id()));

            MimeMessage received = server.received().get(0);
            assertThat(received.getHeader("List-Unsubscribe")).singleElement().asString()
                    .matches("<https://[^<>\\s]+>");
            assertThat(received.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
            assertThat(received.getAllRecipients()).hasSize(1);
        }

        @Test
        void an_unsubscribe_link_with_a_non_ascii_path_goes_out_as_a_plain_ascii_uri_not_an_encoded_word()
                throws Exception {
            URI link = URI.create("https://app.example/d\u00e9sinscription?tenant=studio-a&token=abc");
            RenderedMail mail = compose(Mails.invitation().unsubscribe(Optional.of(link)).build());

            String expected = "<https://app.example/d%C3%A9sinscription?tenant=studio-a&token=abc>";
            assertThat(mail.headers()).containsEntry("List-Unsubscribe", expected);
            assertThat(sender.send(List.of(mail))).containsExactly(new SendResult.Sent(mail.id()));
            // as one-click unsubscribe reads it: the raw header, which RFC 2369 does not let hold an encoded word
            assertThat(server.received().get(0).getHeader("List-Unsubscribe")).containsExactly(expected);
        }

        static Stream<Arguments> smuggledEnds() {
            return Stream.of(
                    Arguments.of("CRLF.CRLF", "\r\n.\r\n"),
                    Arguments.of("LF.LF", "\n.\n"),
                    Arguments.of("CR.CR", "\r.\r"),
                    Arguments.of("LF.CRLF", "\n.\r\n"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("smuggledEnds")
        void a_body_that_ends_the_data_early_smuggles_no_second_message(String name, String end) throws Exception {
            String smuggled = "Hello Ana," + end + "MAIL FROM:<eve@evil.example>\r\nRCPT TO:<victim@evil.example>\r\n"
                    + "DATA\r\nSubject: smuggled\r\n\r\npay here" + end + "QUIT\r\n";
            RenderedMail mail = TestMails.aMail("ana@clients.example")
                    .bodies(smuggled, "<p>" + smuggled + "</p>").build();

            assertThat(sender.send(List.of(mail))).containsExactly(new SendResult.Sent(mail.id()));

            assertThat(server.received()).hasSize(1);
            assertThat(server.receivedRecipients()).containsExactly("ana@clients.example");
            assertThat(server.proxy.commandsStartingWith("MAIL FROM")).hasSize(1).noneMatch(c -> c.contains("evil"));
            assertThat(server.proxy.commandsStartingWith("RCPT TO")).containsExactly("RCPT TO:<ana@clients.example>");
            Multipart parts = (Multipart) server.received().get(0).getContent();
            assertThat((String) parts.getBodyPart(0).getContent()).contains("MAIL FROM:<eve@evil.example>", "pay here");
        }

        @Test
        void random_recipients_made_of_tricky_characters_are_sent_to_exactly_one_mailbox_or_refused_by_a_rule() {
            String pool = "a.@ \"(),:;<>[\\]\r\n\u0085\u2028\u2029\t\u0000\u007F\u009Bé\uD83D\uDE00\uD83D%!-+_=?/{}|~"
                    + "xn--";
            Random random = new Random(9);
            MailMessages messages = new MailMessages(jakarta.mail.Session.getInstance(new Properties()),
                    server.config().build(), java.time.Clock.systemUTC());
            for (int n = 0; n < 2_000; n++) {
                StringBuilder to = new StringBuilder("a");
                for (int i = random.nextInt(12); i > 0; i--) {
                    to.append(pool.charAt(random.nextInt(pool.length())));
                }
                to.append(random.nextBoolean() ? "@clients.example" : "@b");
                RenderedMail mail = TestMails.aMail(to.toString()).build();
                try {
                    MailMessages.Prepared prepared = messages.prepare(mail);
                    assertThat(prepared.to().getAddress()).as("%s", to).matches("[!#-'*+\\-/-9=?A-Z^-~.]+@[a-z0-9.-]+");
                } catch (ValidationException e) {
                    assertThat(e.field()).isEqualTo("to");
                    assertThat(e.getMessage()).doesNotContain("clients.example");
                }
            }
        }
    }

    /** Hostile values in every field the HTML shows, and links that are not what they seem. */
    @Nested
    class Html {

        private static final String PAYLOAD = "\"><img src=x onerror=alert(1)><script>alert('x')</script>`=";
        private static final String ESCAPED = "&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&lt;script&gt;"
                + "alert(&#39;x&#39;)&lt;/script&gt;&#x60;&#x3D;";

        static Stream<Arguments> mails() {
            return LANGUAGES.stream().flatMap(l -> Stream.of(Arguments.of(l, MailKind.INVITATION),
                    Arguments.of(l, MailKind.PASSWORD_RESET)));
        }

        @ParameterizedTest(name = "{1} in {0}")
        @MethodSource("mails")
        void first_name_studio_name_signature_and_staff_message_reach_the_html_escaped_and_inert(String language,
                MailKind kind) {
            RenderedMail mail = compose(Mails.of(kind).language(language).firstName("Ana" + PAYLOAD)
                    .studio("Yoga" + PAYLOAD).signature("The team\n" + PAYLOAD).message("Hi\n" + PAYLOAD).build());

            String html = mail.htmlBody();
            assertThat(html).doesNotContain("<img", "<script", "onerror=", "'x'");
            assertThat(html).contains("Ana" + ESCAPED, "Yoga" + ESCAPED, "The team<br>\n" + ESCAPED);
            assertThat(mail.textBody()).contains("Ana" + PAYLOAD, "Yoga" + PAYLOAD, "The team\n" + PAYLOAD);
            // every link in the HTML is still one of the two personal links, whatever the values held
            assertThat(Mails.hrefs(html)).isNotEmpty().allSatisfy(href -> assertThat(href)
                    .isIn(Mails.of(kind).build().actionLink().toString(), Mails.UNSUBSCRIBE.toString()));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"javascript:alert(document.cookie)//", "JavaScript:alert(1)",
                "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
                "http://app.example/activate?tenant=studio-a&token=secret-token", "https:/activate?token=secret-token",
                "//evil.example/activate?token=secret-token"})
        void an_action_link_that_is_not_an_absolute_https_url_is_refused_without_showing_it(String link) {
            for (MailKind kind : MailKind.values()) {
                MailModel model = Mails.of(kind).action(URI.create(link)).build();

                assertThatThrownBy(() -> compose(model)).isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("actionLink");
                    assertThat(e.rule()).isEqualTo("format");
                    assertThat(e.getMessage()).doesNotContain("secret-token", "alert", "evil");
                });
            }
        }

        @Test
        void an_unsubscribe_link_in_javascript_is_refused() {
            MailModel model = Mails.invitation().unsubscribe(Optional.of(URI.create("javascript:alert(1)"))).build();

            assertThatThrownBy(() -> compose(model)).isInstanceOfSatisfying(ValidationException.class, e -> {
                assertThat(e.field()).isEqualTo("unsubscribeLink");
                assertThat(e.rule()).isEqualTo("format");
            });
        }

        @ParameterizedTest(name = "{1} in {0}")
        @MethodSource("mails")
        void a_link_holding_quotes_cannot_leave_its_attribute(String language, MailKind kind) {
            URI link = URI.create("https://app.example/activate?tenant=studio-a&token=abc'onmouseover='alert(1)'x=");
            URI unsubscribe = URI.create("https://app.example/unsubscribe?token=u'style='x");
            RenderedMail mail = compose(Mails.of(kind).language(language).action(link)
                    .unsubscribe(kind == MailKind.INVITATION ? Optional.of(unsubscribe) : Optional.empty()).build());

            assertThat(mail.htmlBody()).doesNotContain("'onmouseover", "'style").contains("&#39;onmouseover&#x3D;&#39;");
            assertThat(Mails.hrefs(mail.htmlBody())).contains(link.toString()).allSatisfy(
                    href -> assertThat(href).isIn(link.toString(), unsubscribe.toString()));
            assertThat(mail.textBody()).contains(link.toString());
        }
    }

    /** Host overrides that try to print raw values or pull in other files. */
    @Nested
    class Overrides {

        @TempDir
        Path dir;

        static Stream<Arguments> hostileTags() {
            return Stream.of(
                    Arguments.of("{{ &firstName }}", "unescaped"),
                    Arguments.of("{{{ firstName }}}", "unescaped"),
                    Arguments.of("{{&\nfirstName}}", "unescaped"),
                    Arguments.of("{{ =<% %>= }}", "delimiter_change"),
                    Arguments.of("{{> /etc/passwd}}", "unknown_partial"),
                    Arguments.of("{{>../../../../etc/passwd}}", "unknown_partial"),
                    Arguments.of("{{> content}}", "unknown_partial"),
                    Arguments.of("{{<layout}}{{/layout}}", "unknown_tag"),
                    Arguments.of("{{$content}}x{{/content}}", "unknown_tag"),
                    Arguments.of("{{firstName.class}}", "unknown_tag"),
                    Arguments.of("{{class.classLoader}}", "unknown_tag"),
                    Arguments.of("{{.}}", "unknown_tag"),
                    Arguments.of("{{this}}", "unknown_tag"),
                    Arguments.of("{{-first}}", "unknown_tag"),
                    Arguments.of("{{#firstName}}x{{/firstName}}", "unknown_tag"),
                    Arguments.of("{{#button}}{{firstName}}{{/button}}", "button_label"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("hostileTags")
        void an_html_override_that_prints_raw_output_or_loads_another_file_is_refused_when_the_composer_is_built(
                String tag, String rule) {
            TemplateFiles.write(dir, "invitation.en.html.mustache",
                    TemplateFiles.html(MailKind.INVITATION, "[x]") + "<p>" + tag + "</p>\n");

            assertThatThrownBy(() -> MustacheMailComposer.builder().directory(dir).build())
                    .isInstanceOfSatisfying(MailTemplateException.class, e -> {
                        assertThat(e.templateName()).isEqualTo("invitation.en.html.mustache");
                        assertThat(e.rule()).isEqualTo(rule);
                        assertThat(e.line()).isEqualTo(5);
                        assertThat(e.getMessage()).doesNotContain("root:");
                    });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"{{> /etc/passwd}}", "{{{firstName}}}", "{{=| |=}}"})
        void a_text_override_or_a_layout_cannot_load_another_file_or_print_raw_output_either(String tag) {
            TemplateFiles.write(dir, "password-reset.en.txt.mustache",
                    TemplateFiles.text(MailKind.PASSWORD_RESET, "[x]") + tag + "\n");
            assertThatThrownBy(() -> MustacheMailComposer.builder().directory(dir).build())
                    .isInstanceOf(MailTemplateException.class);

            Path layoutDir = dir.resolve("layout-only");
            TemplateFiles.write(layoutDir, "layout.html.mustache", TemplateFiles.layout("[x]") + tag + "\n");
            assertThatThrownBy(() -> MustacheMailComposer.builder().directory(layoutDir).build())
                    .isInstanceOfSatisfying(MailTemplateException.class,
                            e -> assertThat(e.templateName()).isEqualTo("layout.html.mustache"));
        }

        @Test
        void the_compilers_themselves_load_no_partial_and_escape_every_value() {
            assertThatThrownBy(() -> TemplateCheck.HTML.compile("{{> /etc/passwd}}").execute(Map.of()))
                    .isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> TemplateCheck.TEXT.compile("{{> /etc/passwd}}").execute(Map.of()))
                    .isInstanceOf(RuntimeException.class);
            assertThat(TemplateCheck.HTML.compile("{{v}}").execute(Map.of("v", "<b>\"'`=&"))).isEqualTo(
                    "&lt;b&gt;&quot;&#39;&#x60;&#x3D;&amp;");
        }
    }

    /** Tokens, addresses and passwords must reach neither a log line nor an exception message. */
    @Nested
    class Secrets {

        private static final String TOKEN = "c2VjcmV0LXRva2VuLW9mLXRoZS1jbGllbnQtNDMtY2hhcnM";

        @Test
        void server_answers_repeating_the_address_and_the_token_reach_neither_results_nor_logs() throws Exception {
            List<SendResult> results = new ArrayList<>();
            String log = captureErr(() -> {
                try (TestSmtpServer server = TestSmtpServer.start()) {
                    server.proxy.replyOnce("DATA", "554 5.7.1 <dana@clients.example> https://book.example/a?token="
                            + TOKEN + " looks like spam");
                    server.proxy.replyOnce("RCPT TO:<erin", "550 5.1.1 erin@clients.example unknown, token " + TOKEN);
                    server.proxy.replyOnce("MAIL FROM", "421 4.7.0 bounces@platform.example throttled " + TOKEN);
                    List<RenderedMail> batch = List.of(mail("dana@clients.example"), mail("erin@clients.example"),
                            mail("frank@clients.example"), mail(".gina@clients.example"), mail("hal@clients.example"));
                    try (SmtpMailSender sender = SmtpMailSender.create(server.config().build())) {
                        results.addAll(sender.send(batch));
                    }
                }
            });

            assertThat(results).hasSize(5).allSatisfy(r -> assertThat(r.toString())
                    .doesNotContain("@", TOKEN, "clients.example", "dana", "erin", "gina"));
            assertThat(results).filteredOn(r -> r instanceof SendResult.PermanentFailure).hasSize(3);
            List<String> ours = log.lines().filter(l -> l.contains("io.clientele.adapter.smtp")).toList();
            assertThat(ours).isNotEmpty().noneMatch(l -> l.contains("@") || l.contains(TOKEN) || l.contains("token"));
        }

        @Test
        void a_refused_configuration_names_the_setting_but_never_the_password_or_the_address() {
            Map<String, String> environment = Map.of(
                    "CLIENTELE_SMTP_HOST", "smtp.provider.example",
                    "CLIENTELE_SMTP_PORT", "587",
                    "CLIENTELE_SMTP_USERNAME", "api\tkey",
                    "CLIENTELE_SMTP_PASSWORD", "hunter2-Secret",
                    "CLIENTELE_SMTP_PLATFORM_ADDRESS", "bounces@platform.example",
                    "CLIENTELE_SMTP_PLATFORM_NAME", "Platform");
            assertThatThrownBy(() -> SmtpConfig.fromEnvironment(environment))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("CLIENTELE_SMTP_USERNAME");
                        assertThat(e.getMessage()).doesNotContain("hunter2", "api");
                    });

            Map<String, String> badAddress = new java.util.HashMap<>(environment);
            badAddress.put("CLIENTELE_SMTP_USERNAME", "apikey");
            badAddress.put("CLIENTELE_SMTP_PLATFORM_ADDRESS", "bounces.secret@platform..example");
            assertThatThrownBy(() -> SmtpConfig.fromEnvironment(badAddress))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("CLIENTELE_SMTP_PLATFORM_ADDRESS");
                        assertThat(e.getMessage()).doesNotContain("hunter2", "bounces", "platform..example");
                    });
            SmtpConfig good = SmtpConfig.fromEnvironment(Map.of("CLIENTELE_SMTP_HOST", "smtp.provider.example",
                    "CLIENTELE_SMTP_PORT", "587", "CLIENTELE_SMTP_USERNAME", "apikey",
                    "CLIENTELE_SMTP_PASSWORD", "hunter2-Secret", "CLIENTELE_SMTP_PLATFORM_ADDRESS",
                    "bounces@platform.example", "CLIENTELE_SMTP_PLATFORM_NAME", "Platform"));
            assertThat(good.toString()).doesNotContain("hunter2");
        }

        private RenderedMail mail(String to) {
            return TestMails.aMail(to).bodies("Hello, your link: https://book.example/a?token=" + TOKEN,
                    "<a href=\"https://book.example/a?token=" + TOKEN + "\">go</a>").build();
        }
    }

    /** A man in the middle who strips, refuses or fakes TLS gets neither credentials nor mail. */
    @Nested
    class Transport {

        private static final String USER = "apikey";
        private static final String PASSWORD = "s3cret-Passw0rd";

        @ParameterizedTest(name = "{0}")
        @MethodSource("scenarios")
        void with_starttls_required_a_server_that_refuses_or_fakes_tls_gets_nothing_but_ehlo_and_starttls(
                HostileStartTlsServer.Scenario scenario, Optional<SSLSocketFactory> trust, String reason)
                throws Exception {
            List<SendResult> results;
            List<String> lines;
            try (HostileStartTlsServer server = HostileStartTlsServer.start(scenario)) {
                SmtpConfig.Builder config = SmtpConfig.builder().host("127.0.0.1").port(server.port())
                        .security(SmtpConfig.Security.STARTTLS_REQUIRED).credentials(USER, PASSWORD)
                        .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5))
                        .platformSender(TestSmtpServer.PLATFORM_ADDRESS, TestSmtpServer.PLATFORM_NAME);
                trust.ifPresent(config::sslSocketFactory);
                try (SmtpMailSender sender = SmtpMailSender.create(config.build())) {
                    results = sender.send(TestMails.batch("mitm", 2));
                }
                lines = server.lines();
            }

            assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(
                    SendResult.TransientFailure.class, t -> assertThat(t.reason()).startsWith(reason)));
            String credentials = Base64.getEncoder().encodeToString(
                    ("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            String user = Base64.getEncoder().encodeToString(USER.getBytes(StandardCharsets.UTF_8));
            assertThat(lines).filteredOn(l -> l.matches("(?i)[A-Z]{4,8}( .*)?")).allSatisfy(
                    l -> assertThat(l).matches("(?i)(EHLO|STARTTLS|QUIT)( .*)?"));
            assertThat(lines).anyMatch(l -> l.equalsIgnoreCase("STARTTLS"))
                    .noneMatch(l -> l.contains(credentials) || l.contains(user) || l.contains(PASSWORD)
                            || l.contains(USER) || l.contains("mitm-"));
        }

        static Stream<Arguments> scenarios() throws Exception {
            return Stream.of(
                    Arguments.of(HostileStartTlsServer.Scenario.REFUSE_STARTTLS, Optional.empty(), "cannot connect"),
                    Arguments.of(HostileStartTlsServer.Scenario.STAY_PLAIN_AFTER_STARTTLS, Optional.empty(),
                            "TLS handshake failed"),
                    Arguments.of(HostileStartTlsServer.Scenario.TLS_WITH_TEST_CERTIFICATE, Optional.empty(),
                            "TLS handshake failed"),
                    Arguments.of(HostileStartTlsServer.Scenario.TLS_WITH_TEST_CERTIFICATE,
                            Optional.of(trustingTheTestCertificate()), "TLS certificate does not name the host"));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"none", "starttls-optional"})
        void credentials_for_a_server_on_another_machine_are_refused_over_a_connection_that_may_stay_in_clear(
                String security) {
            Properties p = new Properties();
            p.setProperty("clientele.smtp.host", "smtp.provider.example");
            p.setProperty("clientele.smtp.port", "587");
            p.setProperty("clientele.smtp.security", security);
            p.setProperty("clientele.smtp.username", USER);
            p.setProperty("clientele.smtp.password", PASSWORD);
            p.setProperty("clientele.smtp.platform-address", "bounces@platform.example");
            p.setProperty("clientele.smtp.platform-name", "Platform");

            assertThatThrownBy(() -> SmtpConfig.fromProperties(p)).isInstanceOfSatisfying(ValidationException.class,
                    e -> {
                        assertThat(e.field()).isEqualTo("clientele.smtp.security");
                        assertThat(e.rule()).isEqualTo("credentials_in_clear");
                        assertThat(e.getMessage()).doesNotContain(PASSWORD);
                    });
            SmtpConfig.Security value = SmtpConfig.Security.parse("security", security);
            assertThatThrownBy(() -> SmtpConfig.builder().host("10.0.0.25").port(25).security(value)
                    .credentials(USER, PASSWORD).platformSender("bounces@platform.example", "Platform").build())
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("security");
                        assertThat(e.rule()).isEqualTo("credentials_in_clear");
                    });
            // without credentials nothing secret can leak: a relay that takes no login stays possible
            assertThat(SmtpConfig.builder().host("smtp.provider.example").port(25).security(value)
                    .platformSender("bounces@platform.example", "Platform").build().security()).isEqualTo(value);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"})
        void credentials_in_clear_stay_possible_for_a_server_on_this_machine(String host) {
            for (SmtpConfig.Security security : List.of(SmtpConfig.Security.NONE,
                    SmtpConfig.Security.STARTTLS_OPTIONAL)) {
                assertThat(SmtpConfig.builder().host(host).port(2525).security(security).credentials(USER, PASSWORD)
                        .platformSender("bounces@platform.example", "Platform").build().username()).contains(USER);
            }
        }

        @Test
        void credentials_over_starttls_required_or_implicit_tls_are_accepted_for_any_host() {
            for (SmtpConfig.Security security : List.of(SmtpConfig.Security.STARTTLS_REQUIRED,
                    SmtpConfig.Security.IMPLICIT_TLS)) {
                assertThat(SmtpConfig.builder().host("smtp.provider.example").port(587).security(security)
                        .credentials(USER, PASSWORD).platformSender("bounces@platform.example", "Platform").build()
                        .password()).contains(PASSWORD);
            }
        }

        private static SSLSocketFactory trustingTheTestCertificate() throws Exception {
            KeyStore source = KeyStore.getInstance("PKCS12");
            try (InputStream in = AttackerReviewTest.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
                source.load(in, "changeit".toCharArray());
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("server", source.getCertificate(source.aliases().nextElement()));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        }
    }

    private static String captureErr(ThrowingRunnable action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
