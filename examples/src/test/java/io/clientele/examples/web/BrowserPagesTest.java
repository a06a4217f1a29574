package io.clientele.examples.web;

import static io.clientele.examples.web.PagesFixture.STUDIO;
import static io.clientele.examples.web.PagesFixture.owner;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import io.clientele.client.model.InvitationStatus;
import io.clientele.examples.web.PagesFixture.Invited;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.invitation.model.PreviewCounts;
import io.clientele.invitation.model.SkipReason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages in a real Chromium (Debian's {@code chromium} package, driven by Playwright without
 * any browser download): the activation and unsubscribe journeys from the mails GreenMail
 * received, and screenshots of every page and of the invitation mail in the six languages under
 * {@code <build folder>/screenshots}. The browser is {@code /usr/bin/chromium} unless the system
 * property {@code clientele.chromium} names another. A browser that cannot start fails the class;
 * it never skips.
 */
class BrowserPagesTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("clientele.chromium", "/usr/bin/chromium"));
    /** Keeps the browser off the network: every host name but the loopback's fails to resolve. */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final Path SCREENSHOTS = Path.of(System.getProperty("clientele.screenshots", "target/screenshots"));

    @TempDir
    static Path folder;

    private static PagesFixture fixture;
    private static Playwright playwright;
    private static Browser browser;
    private static final List<Path> TAKEN = new ArrayList<>();
    /** Every screenshot the class must leave: each page, and the invitation mail and its page in the six languages. */
    private static final List<String> EXPECTED = Stream.concat(Stream.of("mail-list", "activation-form",
            "activation-password-refused", "activation-done", "link-used", "unsubscribe-confirm", "unsubscribe-done",
            "unsubscribe-already", "link-unknown", "link-expired", "reset-form", "reset-done", "form-refused"),
            PagesFixture.LANGUAGES.stream().flatMap(l -> Stream.of("mail-invitation-" + l, "activation-form-" + l)))
            .toList();

    @BeforeAll
    static void start() {
        fixture = new PagesFixture(folder);
        try {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(FLAGS));
        } catch (PlaywrightException e) {
            throw new AssertionError("Chromium did not start from " + CHROMIUM
                    + " (install the Debian packages chromium and chromium-driver): " + e.getMessage(), e);
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
            if (playwright != null) {
                playwright.close();
            }
        } finally {
            fixture.close();
        }
    }

    @Test
    void a_client_activates_the_account_from_the_invitation_mail_and_the_link_then_reads_as_used() throws IOException {
        Invited zoe = fixture.invite("Zoë", Optional.empty());
        try (Page list = browser.newPage()) {
            list.navigate(fixture.pages.baseUrl() + "/mails");
            assertThat(list.locator("h1").textContent()).isEqualTo("Mails sent by the demo");
            screenshot(list, "mail-list");
            list.locator("a[href='/mails/" + zoe.mail().number() + "']").click();
            assertThat(list.content()).contains("Hello Zoë,");
            // the mail's own button, as the client clicks it: it opens the page in a new tab
            Page page = list.waitForPopup(() -> list.locator("a[href*='/activate?']").first().click());
            page.waitForLoadState();
            assertThat(page.locator("h1").textContent()).isEqualTo("Activate your account");
            assertThat(page.locator("main").textContent()).contains("Hello Zoë,", "Lumen Yoga & Spa");
            screenshot(page, "activation-form");

            page.fill("#password", "short");
            page.fill("#confirm", "short");
            page.click("#submit");
            assertThat(page.locator("#error").textContent())
                    .isEqualTo("This password is too short: use at least 8 characters.");
            screenshot(page, "activation-password-refused");
            assertThat(status(zoe)).isEqualTo(InvitationStatus.INVITED);

            page.fill("#password", "sun salutation at dawn");
            page.fill("#confirm", "sun salutation at dawn");
            page.click("#submit");
            assertThat(page.locator("h1").textContent()).isEqualTo("Your account is active");
            assertThat(page.locator("main").textContent()).contains("Welcome, Zoë!");
            screenshot(page, "activation-done");
            assertThat(status(zoe)).isEqualTo(InvitationStatus.ACCEPTED);

            Response again = page.navigate(fixture.onPages(zoe.activation()).toString());
            assertThat(again.status()).isEqualTo(410);
            assertThat(page.locator("h1").textContent()).isEqualTo("This link was already used");
            screenshot(page, "link-used");
        }
    }

    @Test
    void a_client_unsubscribes_with_the_pages_button_and_is_then_skipped_by_a_campaign() throws IOException {
        Invited yann = fixture.invite("Yann", Optional.of("fr"));
        try (Page page = browser.newPage()) {
            page.navigate(fixture.onPages(yann.unsubscribe()).toString());
            assertThat(page.locator("h1").textContent()).isEqualTo("Ne plus recevoir les invitations");
            screenshot(page, "unsubscribe-confirm");
            assertThat(preview(yann).unsubscribed()).isZero();
            page.click("#submit");
            assertThat(page.locator("h1").textContent()).isEqualTo("Vous êtes désabonné(e)");
            screenshot(page, "unsubscribe-done");
            page.navigate(fixture.onPages(yann.unsubscribe()).toString());
            assertThat(page.locator("h1").textContent()).isEqualTo("Vous êtes déjà désabonné(e)");
            assertThat(page.locator("form").count()).isZero();
            screenshot(page, "unsubscribe-already");
        }
        assertThat(preview(yann).unsubscribed()).isEqualTo(1);
        assertThat(preview(yann).willSend()).isZero();
        assertThat(fixture.clientele().invitations().invite(owner(STUDIO), STUDIO, yann.id()))
                .isEqualTo(new InviteOutcome.Skipped(yann.id(), SkipReason.UNSUBSCRIBED));
    }

    @Test
    void a_client_sets_a_new_password_from_the_reset_mail() throws IOException {
        Invited wim = fixture.invite("Wim", Optional.of("nl"));
        String token = URLDecoder.decode(wim.activation().getRawQuery().replaceFirst(".*token=", ""),
                StandardCharsets.UTF_8);
        assertThat(fixture.clientele().activation().activate(STUDIO, token, "first password of wim"))
                .isInstanceOf(ActivationResult.Activated.class);
        fixture.clientele().activation().requestPasswordReset(owner(STUDIO), STUDIO, wim.id());
        fixture.clientele().mailDispatcher().dispatchAll();
        URI reset = fixture.env.mails().to(wim.email()).get(1).link("/reset-password").orElseThrow();
        try (Page page = browser.newPage()) {
            page.navigate(fixture.onPages(reset).toString());
            assertThat(page.locator("h1").textContent()).isEqualTo("Kies een nieuw wachtwoord");
            screenshot(page, "reset-form");
            page.fill("#password", "a new password for wim");
            page.fill("#confirm", "a new password for wim");
            page.click("#submit");
            assertThat(page.locator("h1").textContent()).isEqualTo("Je wachtwoord is gewijzigd");
            screenshot(page, "reset-done");
        }
    }

    @Test
    void a_form_whose_csrf_token_was_tampered_with_shows_the_refused_page_and_uses_nothing() throws IOException {
        Invited ula = fixture.invite("Ula", Optional.empty());
        try (Page page = browser.newPage()) {
            page.navigate(fixture.onPages(ula.activation()).toString());
            // the page runs no script; the test changes the hidden field through the browser's debugging protocol
            page.locator("input[name=csrf]").evaluate("field => field.value = 'forged'");
            page.fill("#password", "a long enough password");
            page.fill("#confirm", "a long enough password");
            Response refused = page.waitForResponse(r -> "POST".equals(r.request().method()),
                    () -> page.click("#submit"));
            assertThat(refused.status()).isEqualTo(403);
            page.waitForLoadState();
            assertThat(page.locator("h1").textContent()).isEqualTo("This form cannot be accepted");
            screenshot(page, "form-refused");
        }
        assertThat(status(ula)).isEqualTo(InvitationStatus.INVITED);
    }

    @Test
    void the_other_pages_render_for_a_screenshot() throws IOException {
        Invited xavi = fixture.invite("Xavi", Optional.of("es"));
        try (Page page = browser.newPage()) {
            Response unknown = page.navigate(fixture.pages.baseUrl() + "/activate?tenant=studio-lumen&token=nope");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(page.locator("h1").textContent()).isEqualTo("This link does not work");
            screenshot(page, "link-unknown");

            fixture.clock.advance(Duration.ofDays(15));
            try {
                Response expired = page.navigate(fixture.onPages(xavi.activation()).toString());
                assertThat(expired.status()).isEqualTo(410);
                assertThat(page.locator("h1").textContent()).isEqualTo("Este enlace ha caducado");
                screenshot(page, "link-expired");
            } finally {
                fixture.clock.advance(Duration.ofDays(-15));
            }
        }
    }

    @Test
    void the_invitation_mail_and_the_activation_page_render_in_each_of_the_six_languages() throws IOException {
        Map<String, String> greetings = Map.of("en", "Hello Vera,", "fr", "Bonjour Vera,", "de", "Hallo Vera,",
                "es", "¡Hola, Vera!", "it", "Ciao Vera,", "nl", "Hoi Vera,");
        for (String language : PagesFixture.LANGUAGES) {
            Invited vera = fixture.invite("Vera", Optional.of(language));
            try (Page page = browser.newPage()) {
                page.navigate(fixture.pages.baseUrl() + "/mails/" + vera.mail().number());
                assertThat(page.locator("body").textContent()).as(language).contains(greetings.get(language));
                screenshot(page, "mail-invitation-" + language);
                page.navigate(fixture.onPages(vera.activation()).toString());
                assertThat(page.locator("html").getAttribute("lang")).isEqualTo(language);
                screenshot(page, "activation-form-" + language);
            }
        }
    }

    @AfterAll
    static void every_expected_screenshot_was_taken_and_is_a_png() throws IOException {
        assertThat(TAKEN).extracting(p -> p.getFileName().toString().replaceFirst("\\.png$", ""))
                .containsExactlyInAnyOrderElementsOf(EXPECTED);
        for (String name : EXPECTED) {
            Path file = SCREENSHOTS.resolve(name + ".png");
            assertThat(file).exists();
            assertThat(Files.size(file)).as(file.toString()).isGreaterThan(PNG_SIGNATURE.length);
            try (InputStream in = Files.newInputStream(file)) {
                assertThat(Arrays.equals(in.readNBytes(PNG_SIGNATURE.length), PNG_SIGNATURE)).as(file.toString())
                        .isTrue();
            }
        }
    }

    private static void screenshot(Page page, String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.createDirectories(SCREENSHOTS);
        Files.deleteIfExists(file);
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        synchronized (TAKEN) {
            TAKEN.add(file);
        }
        assertThat(file).exists();
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(Arrays.equals(in.readNBytes(PNG_SIGNATURE.length), PNG_SIGNATURE)).as(name).isTrue();
        }
    }

    private static InvitationStatus status(Invited client) {
        return fixture.clientele().clients().get(owner(STUDIO), STUDIO, client.id()).invitationStatus();
    }

    private static PreviewCounts preview(Invited client) {
        return fixture.clientele().campaigns().preview(owner(STUDIO), STUDIO,
                new CampaignTarget.Clients(Set.of(client.id())));
    }
}
