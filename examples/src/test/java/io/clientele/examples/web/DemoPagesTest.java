package io.clientele.examples.web;

import static io.clientele.examples.web.PagesFixture.STUDIO;
import static io.clientele.examples.web.PagesFixture.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.clientele.client.model.InvitationStatus;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.examples.web.PagesFixture.Invited;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.PreviewCounts;
import io.clientele.invitation.model.TokenInspection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pages behind the links, over HTTP without a browser: what they show, the security headers,
 * the CSRF defence, and that nothing but a valid POST uses a link.
 */
class DemoPagesTest {

    private static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path folder;

    private static PagesFixture fixture;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        fixture = new PagesFixture(folder);
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void every_answer_carries_the_security_headers() throws Exception {
        Invited ana = fixture.invite("Ana", Optional.empty());
        for (URI uri : new URI[] {fixture.onPages(ana.activation()), fixture.onPages(ana.unsubscribe()),
                base("/activate?tenant=studio-lumen&token=nope"), base("/mails"), base("/style.css"),
                base("/no-such-page")}) {
            HttpResponse<String> response = get(uri, Map.of());
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(uri.getPath()).contains(PAGE_POLICY);
            assertSecurityHeaders(response);
        }
        HttpResponse<String> mail = get(base("/mails/" + ana.mail().number()), Map.of());
        assertThat(mail.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'none'; style-src 'unsafe-inline';").contains("sandbox")
                .doesNotContain("script");
        assertSecurityHeaders(mail);
    }

    @Test
    void refusals_and_errors_carry_the_security_headers_too() throws Exception {
        Invited bo = fixture.invite("Bo", Optional.empty());
        URI link = fixture.onPages(bo.activation());
        Map<Integer, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put(403, post(link, form("forged", "a long enough password"), sameOrigin()));
        answers.put(405, http.send(HttpRequest.newBuilder(link).method("PUT", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()));
        answers.put(413, post(link, form(csrf(link), "a".repeat(PageRequest.MAX_BODY_BYTES)), sameOrigin()));
        answers.put(415, http.send(HttpRequest.newBuilder(link).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()));
        answers.put(422, post(link, form(csrf(link), "short"), sameOrigin()));
        answers.put(200, http.send(HttpRequest.newBuilder(link).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()));
        answers.forEach((status, response) -> {
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as("status %s", status)
                    .contains(PAGE_POLICY);
            assertSecurityHeaders(response);
        });
        String misdirected = raw("GET /mails HTTP/1.1\r\nHost: attacker.example:" + port()
                + "\r\nConnection: close\r\n\r\n");
        assertThat(misdirected).startsWith("HTTP/1.1 421 ").containsIgnoringCase("Content-Security-Policy: " + PAGE_POLICY)
                .containsIgnoringCase("X-Content-Type-Options: nosniff")
                .containsIgnoringCase("Referrer-Policy: same-origin")
                .containsIgnoringCase("Cache-Control: no-store").containsIgnoringCase("X-Frame-Options: DENY");
        assertThat(inspect(bo)).isInstanceOf(TokenInspection.Valid.class);
    }

    @Test
    void a_request_naming_another_host_is_refused_before_any_page_dns_rebinding() throws Exception {
        Invited cy = fixture.invite("Cy", Optional.empty());
        URI unsubscribe = cy.unsubscribe();
        String oneClick = "List-Unsubscribe=One-Click";
        for (String host : new String[] {"attacker.example:" + port(), "attacker.example", "localhost",
                "localhost:" + (port() + 1), "127.0.0.2:" + port()}) {
            String mails = raw("GET /mails HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertThat(mails).as(host).startsWith("HTTP/1.1 421 ").doesNotContain(cy.email());
            String post = raw("POST /unsubscribe?" + unsubscribe.getRawQuery() + " HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + oneClick.length() + "\r\nConnection: close\r\n\r\n" + oneClick);
            assertThat(post).as(host).startsWith("HTTP/1.1 421 ");
        }
        assertThat(raw("GET /mails HTTP/1.0\r\n\r\n")).as("no Host at all").startsWith("HTTP/1.1 421 ");
        assertThat(preview(cy.id()).unsubscribed()).isZero();
        // the two names the links and the printed address use are served, in any case
        for (String host : new String[] {"localhost:" + port(), "127.0.0.1:" + port(), "LocalHost:" + port()}) {
            assertThat(raw("GET /mails HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"))
                    .as(host).startsWith("HTTP/1.1 200 ").contains(cy.email());
        }
    }

    @Test
    void half_sent_requests_do_not_starve_the_server() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            // more half-sent requests than the server has threads: each holds one until its time is up
            for (int i = 0; i < DemoPages.THREADS + 2; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port());
                socket.getOutputStream().write(("GET /mails HTTP/1.1\r\nHost: localhost:" + port() + "\r\nX-a: ")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            // the server cuts each one once its time is up (a read then ends), which frees its thread
            for (Socket socket : slow) {
                socket.setSoTimeout((DemoPages.MAX_REQUEST_SECONDS + 15) * 1000);
                assertThat(catchThrowable(() -> assertThat(socket.getInputStream().read()).isEqualTo(-1)))
                        .as("the server closed a half-sent request (a reset counts too)")
                        .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(SocketException.class));
            }
            HttpResponse<String> answer = http.sendAsync(HttpRequest.newBuilder(base("/mails")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void the_server_listens_on_the_loopback_interface_only() throws Exception {
        assertThat(fixture.pages.address().getAddress().isLoopbackAddress()).isTrue();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address.isLoopbackAddress() || address.isLinkLocalAddress() || !nic.isUp()) {
                    continue;
                }
                try (Socket probe = new Socket()) {
                    assertThat(catchThrowable(() -> probe.connect(new InetSocketAddress(address, port()), 2000)))
                            .as("connect to %s", address).isNotNull();
                }
            }
        }
    }

    @Test
    void the_activation_page_greets_the_client_and_uses_nothing_however_often_it_is_opened() throws Exception {
        Invited ana = fixture.invite("Anaïs", Optional.empty());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> page = get(fixture.onPages(ana.activation()), Map.of());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<h1>Activate your account</h1>", "Hello Anaïs,",
                    "Lumen Yoga &amp; Spa opened an online account for you.", "name=\"password\"",
                    "<meta name=\"referrer\" content=\"same-origin\">")
                    .doesNotContain("<script", "no-referrer");
        }
        assertThat(inspect(ana)).isInstanceOf(TokenInspection.Valid.class);
        assertThat(status(ana)).isEqualTo(InvitationStatus.INVITED);
    }

    @Test
    void hostile_studio_and_client_names_are_escaped_on_the_page() throws Exception {
        TenantId hostile = TenantId.of("studio-hostile");
        fixture.studio(hostile, "<script>alert(\"x\")</script> & 'Spa'");
        Invited client = fixture.invite(hostile, "D'Arcy", Optional.empty());
        String body = get(fixture.onPages(client.activation()), Map.of()).body();
        assertThat(body).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Spa&#39;",
                "Hello D&#39;Arcy,").doesNotContain("<script>", "D'Arcy");
    }

    @Test
    void a_good_password_activates_the_client_and_the_link_then_reads_as_used() throws Exception {
        Invited bea = fixture.invite("Béa", Optional.empty());
        URI link = fixture.onPages(bea.activation());
        String token = csrf(link);
        HttpResponse<String> done = post(link, form(token, "a long enough password"), sameOrigin());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("<h1>Your account is active</h1>", "Welcome, Béa!");
        assertThat(status(bea)).isEqualTo(InvitationStatus.ACCEPTED);

        HttpResponse<String> again = get(link, Map.of());
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("<h1>This link was already used</h1>", "ask the studio to send you a new link",
                "An activation or password link works only once.").doesNotContain("Each link in our mails");
        HttpResponse<String> replay = post(link, form(token, "another good password"), sameOrigin());
        assertThat(replay.statusCode()).isEqualTo(410);
    }

    @Test
    void a_too_short_password_shows_the_rule_and_leaves_the_link_usable() throws Exception {
        Invited cleo = fixture.invite("Cléo", Optional.empty());
        URI link = fixture.onPages(cleo.activation());
        HttpResponse<String> refused = post(link, form(csrf(link), "short"), sameOrigin());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("This password is too short: use at least 8 characters.",
                "name=\"password\"").doesNotContain("value=\"short\"");
        assertThat(inspect(cleo)).isInstanceOf(TokenInspection.Valid.class);
        assertThat(status(cleo)).isEqualTo(InvitationStatus.INVITED);

        Map<String, String> mismatch = new LinkedHashMap<>(form(csrf(link), "a long enough password"));
        mismatch.put("confirm", "another long password");
        HttpResponse<String> differ = post(link, mismatch, sameOrigin());
        assertThat(differ.statusCode()).isEqualTo(422);
        assertThat(differ.body()).contains("The two passwords differ");
        assertThat(status(cleo)).isEqualTo(InvitationStatus.INVITED);
    }

    @Test
    void a_form_without_its_csrf_token_or_with_another_links_token_is_refused_and_changes_nothing() throws Exception {
        Invited dora = fixture.invite("Dora", Optional.empty());
        Invited eli = fixture.invite("Eli", Optional.empty());
        URI link = fixture.onPages(dora.activation());
        Map<String, String> noToken = new LinkedHashMap<>(form("", "a long enough password"));
        noToken.remove("csrf");
        assertThat(post(link, noToken, sameOrigin()).statusCode()).isEqualTo(403);
        assertThat(post(link, form("forged", "a long enough password"), sameOrigin()).statusCode()).isEqualTo(403);
        HttpResponse<String> otherLink = post(link, form(csrf(fixture.onPages(eli.activation())),
                "a long enough password"), sameOrigin());
        assertThat(otherLink.statusCode()).isEqualTo(403);
        assertThat(otherLink.body()).contains("<h1>This form cannot be accepted</h1>");
        // the unsubscribe form's token does not open the activation form either
        HttpResponse<String> otherForm = post(link, form(csrf(fixture.onPages(dora.unsubscribe())),
                "a long enough password"), sameOrigin());
        assertThat(otherForm.statusCode()).isEqualTo(403);
        assertThat(inspect(dora)).isInstanceOf(TokenInspection.Valid.class);
        assertThat(status(dora)).isEqualTo(InvitationStatus.INVITED);
    }

    @Test
    void a_form_posted_from_another_site_is_refused_even_with_the_right_token() throws Exception {
        Invited finn = fixture.invite("Finn", Optional.empty());
        URI link = fixture.onPages(finn.activation());
        Map<String, String> body = form(csrf(link), "a long enough password");
        assertThat(post(link, body, Map.of("Origin", "http://evil.example")).statusCode()).isEqualTo(403);
        assertThat(post(link, body, Map.of("Sec-Fetch-Site", "cross-site")).statusCode()).isEqualTo(403);
        assertThat(post(link, body, Map.of("Origin", fixture.pages.baseUrl().toString(), "Sec-Fetch-Site",
                "same-site")).statusCode()).isEqualTo(403);
        assertThat(post(link, body, Map.of("Origin", "null")).statusCode()).isEqualTo(403);
        // an opaque origin is no origin of this server, whatever Sec-Fetch-Site says
        assertThat(post(link, body, Map.of("Origin", "null", "Sec-Fetch-Site", "same-origin")).statusCode())
                .isEqualTo(403);
        assertThat(inspect(finn)).isInstanceOf(TokenInspection.Valid.class);
        assertThat(status(finn)).isEqualTo(InvitationStatus.INVITED);
        // what a browser sends under Referrer-Policy: same-origin, from a browser without Fetch Metadata too
        assertThat(post(link, body, Map.of("Origin", fixture.pages.baseUrl().toString())).statusCode())
                .isEqualTo(200);
    }

    @Test
    void methods_other_than_get_head_and_post_are_refused_lower_case_ones_included() throws Exception {
        Invited gus = fixture.invite("Gus", Optional.empty());
        URI link = fixture.onPages(gus.activation());
        for (String method : new String[] {"PUT", "DELETE", "PATCH", "get", "post", "Head"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(link)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD, POST");
        }
        HttpResponse<String> postMails = post(base("/mails"), Map.of(), sameOrigin());
        assertThat(postMails.statusCode()).isEqualTo(405);
        assertThat(postMails.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(inspect(gus)).isInstanceOf(TokenInspection.Valid.class);
    }

    @Test
    void head_is_answered_as_get_without_the_body_and_uses_nothing() throws Exception {
        Invited hana = fixture.invite("Hana", Optional.empty());
        for (URI uri : new URI[] {fixture.onPages(hana.activation()), fixture.onPages(hana.unsubscribe()),
                base("/mails"), base("/style.css"), base("/activate?tenant=studio-lumen&token=nope")}) {
            HttpResponse<String> get = get(uri, Map.of());
            HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).as(uri.getPath()).isEqualTo(get.statusCode());
            assertThat(head.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
            assertThat(head.body()).as(uri.getPath()).isEmpty();
            assertSecurityHeaders(head);
        }
        assertThat(inspect(hana)).isInstanceOf(TokenInspection.Valid.class);
        assertThat(preview(hana.id()).unsubscribed()).isZero();
    }

    @Test
    void a_body_over_the_limit_is_refused_and_changes_nothing() throws Exception {
        Invited hugo = fixture.invite("Hugo", Optional.empty());
        URI link = fixture.onPages(hugo.activation());
        String big = "a".repeat(PageRequest.MAX_BODY_BYTES);
        HttpResponse<String> response = post(link, form(csrf(link), big), sameOrigin());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(inspect(hugo)).isInstanceOf(TokenInspection.Valid.class);
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(link).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(415);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "en | Activate your account    | Hello Iris,",
            "fr | Activez votre compte     | Bonjour Iris,",
            "de | Aktivieren Sie Ihr Konto | Hallo Iris,",
            "es | Activa tu cuenta         | Hola, Iris:",
            "it | Attiva il tuo account    | Ciao Iris,",
            "nl | Activeer je account      | Hoi Iris,"})
    void the_page_speaks_the_clients_language(String language, String title, String greeting) throws Exception {
        Invited iris = fixture.invite("Iris", Optional.of(language));
        // the browser's language does not matter on a client's page
        HttpResponse<String> page = get(fixture.onPages(iris.activation()), Map.of("Accept-Language", "de"));
        assertThat(page.body()).contains("<html lang=\"" + language + "\">", "<h1>" + title + "</h1>", greeting);
    }

    @Test
    void a_client_without_a_language_of_the_pages_gets_the_studios_then_english() throws Exception {
        TenantId quebec = TenantId.of("studio-quebec");
        fixture.studio(quebec, "Studio Québec", List.of("fr-CA", "pt"));
        Invited noLanguage = fixture.invite(quebec, "Jo", Optional.empty());
        assertThat(get(fixture.onPages(noLanguage.activation()), Map.of()).body())
                .contains("<html lang=\"fr\">", "<h1>Activez votre compte</h1>");
        Invited portuguese = fixture.invite(quebec, "Joana", Optional.of("pt"));
        assertThat(get(fixture.onPages(portuguese.activation()), Map.of()).body())
                .contains("<html lang=\"fr\">", "<h1>Activez votre compte</h1>");
        TenantId lisbon = TenantId.of("studio-lisbon");
        fixture.studio(lisbon, "Estúdio Lisboa", List.of("pt"));
        Invited lisboeta = fixture.invite(lisbon, "Rui", Optional.empty());
        assertThat(get(fixture.onPages(lisboeta.activation()), Map.of("Accept-Language", "de")).body())
                .contains("<html lang=\"en\">", "<h1>Activate your account</h1>");
    }

    @Test
    void unknown_links_answer_404_in_the_browsers_language() throws Exception {
        for (String path : new String[] {"/activate?tenant=studio-lumen&token=abc", "/activate",
                "/reset-password?tenant=not%20a%20tenant&token=abc", "/unsubscribe?tenant=studio-lumen&token=abc"}) {
            HttpResponse<String> page = get(base(path), Map.of("Accept-Language", "de-CH, de;q=0.9, en;q=0.5"));
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).contains("<h1>Dieser Link funktioniert nicht</h1>",
                    "bitten Sie das Studio um einen neuen Link");
        }
        assertThat(get(base("/activate?tenant=studio-lumen&token=abc"), Map.of("Accept-Language", "xx")).body())
                .contains("<h1>This link does not work</h1>");
        Invited kim = fixture.invite("Kim", Optional.empty());
        // an activation link on the reset page is not a reset link
        URI onReset = base("/reset-password?" + kim.activation().getRawQuery());
        assertThat(get(onReset, Map.of()).statusCode()).isEqualTo(404);
        // nor does the activation form's token open the reset form
        assertThat(post(onReset, form(csrf(fixture.onPages(kim.activation())), "a long enough password"),
                sameOrigin()).statusCode()).isEqualTo(403);
        assertThat(inspect(kim)).isInstanceOf(TokenInspection.Valid.class);
    }

    @Test
    void an_expired_link_answers_410_with_what_to_do_and_sets_no_password() throws Exception {
        Invited lou = fixture.invite("Lou", Optional.of("fr"));
        URI link = fixture.onPages(lou.activation());
        String token = csrf(link);
        fixture.clock.advance(Duration.ofDays(15));
        try {
            HttpResponse<String> page = get(link, Map.of());
            assertThat(page.statusCode()).isEqualTo(410);
            assertThat(page.body()).contains("<h1>Ce lien a expiré</h1>",
                    "Demandez à Lumen Yoga &amp; Spa de vous envoyer une nouvelle invitation.");
            HttpResponse<String> posted = post(link, form(token, "a long enough password"), sameOrigin());
            assertThat(posted.statusCode()).isEqualTo(410);
            assertThat(status(lou)).isEqualTo(InvitationStatus.INVITED);
        } finally {
            fixture.clock.advance(Duration.ofDays(-15));
        }
    }

    @Test
    void a_reset_link_sets_a_new_password_once() throws Exception {
        Invited max = fixture.invite("Max", Optional.of("it"));
        URI activation = fixture.onPages(max.activation());
        assertThat(post(activation, form(csrf(activation), "first password"), sameOrigin()).statusCode()).isEqualTo(200);
        fixture.clientele().activation().requestPasswordReset(owner(STUDIO), STUDIO, max.id());
        fixture.clientele().mailDispatcher().dispatchAll();
        URI reset = fixture.onPages(fixture.env.mails().to(max.email()).get(1).link("/reset-password").orElseThrow());
        HttpResponse<String> page = get(reset, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Scegli una nuova password</h1>", "Ciao Max,");
        HttpResponse<String> done = post(reset, form(csrf(reset), "second password"), sameOrigin());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("<h1>La tua password è stata cambiata</h1>");
        assertThat(get(reset, Map.of()).statusCode()).isEqualTo(410);
    }

    @Test
    void unsubscribe_asks_on_get_and_unsubscribes_by_its_form_so_a_campaign_skips_the_client() throws Exception {
        Invited nina = fixture.invite("Nina", Optional.of("es"));
        URI link = fixture.onPages(nina.unsubscribe());
        HttpResponse<String> page = get(link, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Dejar de recibir invitaciones</h1>", "Nina, ¿ya no quieres",
                "<button type=\"submit\"");
        assertThat(preview(nina.id()).unsubscribed()).isZero();
        assertThat(post(link, Map.of("confirm", "yes"), sameOrigin()).statusCode()).isEqualTo(403);
        assertThat(post(link, Map.of("csrf", csrf(link)), Map.of("Origin", "http://evil.example")).statusCode())
                .isEqualTo(403);
        assertThat(preview(nina.id()).unsubscribed()).isZero();

        HttpResponse<String> done = post(link, Map.of("csrf", csrf(link)), sameOrigin());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("<h1>Te has dado de baja</h1>");
        assertThat(preview(nina.id())).isEqualTo(new PreviewCounts(0, 0, 1, 0, 0, 0, 0));
    }

    @Test
    void the_unsubscribe_link_of_a_client_already_unsubscribed_says_so_and_asks_nothing() throws Exception {
        Invited omar = fixture.invite("Omar", Optional.empty());
        URI link = fixture.onPages(omar.unsubscribe());
        assertThat(post(link, Map.of("List-Unsubscribe", "One-Click"), Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> again = get(link, Map.of());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("<h1>You are already unsubscribed</h1>",
                "Omar, Lumen Yoga &amp; Spa already sends you no invitation mails").doesNotContain("<form",
                "name=\"csrf\"");
        assertThat(preview(omar.id()).unsubscribed()).isEqualTo(1);
    }

    @Test
    void an_rfc_8058_one_click_post_unsubscribes_without_a_csrf_token() throws Exception {
        Invited olga = fixture.invite("Olga", Optional.empty());
        HttpResponse<String> done = post(fixture.onPages(olga.unsubscribe()), Map.of("List-Unsubscribe", "One-Click"),
                Map.of());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(preview(olga.id()).unsubscribed()).isEqualTo(1);

        Invited paul = fixture.invite("Paul", Optional.empty());
        String boundary = "----clientele";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                + "One-Click\r\n--" + boundary + "--\r\n";
        HttpResponse<String> viaMultipart = http.send(HttpRequest.newBuilder(fixture.onPages(paul.unsubscribe()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(viaMultipart.statusCode()).isEqualTo(200);
        assertThat(preview(paul.id()).unsubscribed()).isEqualTo(1);
    }

    @Test
    void the_mail_list_shows_every_mail_and_serves_each_as_its_client_sees_it() throws Exception {
        Invited rosa = fixture.invite("Rosa", Optional.of("de"));
        HttpResponse<String> list = get(base("/mails"), Map.of());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(rosa.email(), "<a href=\"/mails/" + rosa.mail().number() + "\">"
                + rosa.mail().subject().replace("&", "&amp;") + "</a>");
        HttpResponse<String> mail = get(base("/mails/" + rosa.mail().number()), Map.of());
        assertThat(mail.statusCode()).isEqualTo(200);
        assertThat(mail.body()).isEqualTo(rosa.mail().html()).contains("Hallo Rosa,");
        assertThat(get(base("/mails/999999"), Map.of()).statusCode()).isEqualTo(404);
        assertThat(get(base("/mails/0"), Map.of()).statusCode()).isEqualTo(404);
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    private static int port() {
        return fixture.pages.baseUrl().getPort();
    }

    /** Sends {@code request} as it is on a new connection, and answers all the server sent back until it closed. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static URI base(String pathAndQuery) {
        return fixture.pages.baseUrl().resolve(pathAndQuery);
    }

    private static TokenInspection inspect(Invited client) {
        Map<String, String> query = query(client.activation());
        return fixture.clientele().activation().inspect(TenantId.of(query.get("tenant")), query.get("token"));
    }

    private static InvitationStatus status(Invited client) {
        return fixture.clientele().clients().get(owner(client.tenant()), client.tenant(), client.id())
                .invitationStatus();
    }

    private static PreviewCounts preview(ClientId client) {
        return fixture.clientele().campaigns().preview(owner(STUDIO), STUDIO, new CampaignTarget.Clients(Set.of(client)));
    }

    /** The CSRF token of the form on the page at {@code link}. */
    private static String csrf(URI link) throws IOException, InterruptedException {
        Matcher m = CSRF.matcher(get(link, Map.of()).body());
        assertThat(m.find()).as("a CSRF field on " + link.getPath()).isTrue();
        return m.group(1);
    }

    private static Map<String, String> form(String csrf, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", csrf);
        form.put("password", password);
        form.put("confirm", password);
        return form;
    }

    private static Map<String, String> sameOrigin() {
        return Map.of("Origin", fixture.pages.baseUrl().toString(), "Sec-Fetch-Site", "same-origin");
    }

    private static HttpResponse<String> get(URI uri, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI uri, Map<String, String> fields, Map<String, String> headers)
            throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> query(URI link) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
