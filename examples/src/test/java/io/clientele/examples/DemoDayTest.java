package io.clientele.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.StatusCounts;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.PageRequest;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditState;
import io.clientele.examples.MailArchive.SavedMail;
import io.clientele.invitation.model.TokenInspection;
import io.clientele.order.model.Order;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plays the demo's day once, in-process, on a fresh environment in a temporary folder, and checks
 * what it printed against the state it left, read back through the API and from the mails the
 * in-process SMTP server received.
 */
class DemoDayTest {

    /** Jonas Becker's personal values, as the day creates him. */
    private static final List<String> JONAS = List.of("Jonas", "Becker", "jonas.becker@example.net", "+4915123456789",
            "+49 151 23456789");

    @TempDir
    static Path folder;

    private static DemoEnvironment environment;
    private static StudioDay.Outcome outcome;
    private static String printed;
    private final Actor.Staff owner = Actor.Staff.owner("test", DemoEnvironment.STUDIO);

    @BeforeAll
    static void play_the_day() {
        System.setProperty("org.jboss.logging.provider", "slf4j");
        environment = DemoEnvironment.start(folder, DemoEnvironment.freePort());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        outcome = StudioDay.play(environment, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        printed = bytes.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void close_the_environment() {
        environment.close();
    }

    @Test
    void every_step_is_printed_under_its_numbered_heading_in_order() {
        assertThat(StudioDay.STEPS).hasSize(18);
        int from = 0;
        for (int i = 0; i < StudioDay.STEPS.size(); i++) {
            String heading = (i + 1) + ". " + StudioDay.STEPS.get(i) + "\n";
            int at = printed.indexOf(heading, from);
            assertThat(at).as("heading %s after the previous one", heading.strip()).isGreaterThanOrEqualTo(from);
            from = at + heading.length();
        }
        assertThat(printed).contains("1. The studio and its clients", "3. Invite all clients", "17. Erase a client");
    }

    @Test
    void invite_all_leaves_the_one_without_email_and_the_unsubscribed_one_added() {
        assertThat(outcome.afterInvitations()).isEqualTo(new StatusCounts(2, 28, 0, 0));
        assertThat(printed).contains("  Added  Invited  Accepted\n  -----  -------  --------\n  2      28       0\n");
        assertThat(printed).contains("30/30 100%  28 invited, 2 skipped");
    }

    @Test
    void at_the_end_of_the_day_the_api_counts_one_accepted_and_one_erased_client() {
        // 32 clients: Chiara (no email) and Margaux (unsubscribed) never invited, Ana accepted, Jonas erased
        assertThat(environment.clientele().clients().countByStatus(owner, DemoEnvironment.STUDIO,
                ClientQuery.all().includingErased())).isEqualTo(new StatusCounts(2, 28, 1, 1));
    }

    @Test
    void nobody_got_two_invitations_and_every_client_with_a_deliverable_address_got_one() {
        List<SavedMail> invitations = environment.mails().all().stream()
                .filter(m -> m.link("/activate").isPresent()).toList();
        Map<String, Long> perRecipient = invitations.stream()
                .collect(Collectors.groupingBy(SavedMail::to, Collectors.counting()));
        assertThat(perRecipient).hasSize(30).allSatisfy((to, count) -> assertThat(count).as(to).isEqualTo(1));
        assertThat(perRecipient).doesNotContainKey("margaux.lefevre@example.org");
    }

    @Test
    void the_client_who_followed_her_activation_link_is_accepted_through_the_api() {
        var ana = environment.clientele().clients().get(owner, DemoEnvironment.STUDIO, outcome.activated().id());
        assertThat(ana.details().name().fullName()).isEqualTo("Ana López");
        assertThat(ana.invitationStatus()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(environment.mails().to("ana.lopez@example.net")).hasSize(2)
                .anySatisfy(m -> assertThat(m.link("/reset-password")).isPresent());
        assertThat(printed).contains("activated (ACTIVATION)", "activated (PASSWORD_RESET)",
                "refused: field password, rule min_length");
    }

    @Test
    void a_refused_edit_of_a_locked_profile_names_the_missing_permission() {
        assertThat(printed).containsPattern("change the phone number +tom\\.frontdesk +refused +access_denied"
                + " +EDIT_LOCKED_CLIENTS");
        assertThat(printed).containsPattern("refused +validation +email +format");
        assertThat(environment.clientele().clients().get(owner, DemoEnvironment.STUDIO, outcome.activated().id())
                .details().phone().orElseThrow().e164()).isEqualTo("+34612345678");
    }

    @Test
    void the_erased_clients_profile_list_and_export_hold_none_of_his_personal_data() {
        var clientele = environment.clientele();
        var id = outcome.erased().id();
        String profile = clientele.profiles().view(owner, DemoEnvironment.STUDIO, id).toString();
        String list = clientele.clients().list(owner, DemoEnvironment.STUDIO, ClientQuery.all().includingErased(),
                PageRequest.first(200)).items().stream().filter(s -> s.id().equals(id)).toList().toString();
        String export = clientele.dataExport().export(owner, DemoEnvironment.STUDIO, id);
        assertThat(list).contains("Erased");
        assertThat(export).contains(id.toString());
        for (String value : JONAS) {
            assertThat(profile).as("profile").doesNotContainIgnoringCase(value);
            assertThat(list).as("list").doesNotContainIgnoringCase(value);
            assertThat(export).as("export").doesNotContainIgnoringCase(value);
        }
        assertThat(clientele.clients().list(owner, DemoEnvironment.STUDIO, ClientQuery.all().withText("Becker"),
                PageRequest.first()).items()).isEmpty();
    }

    @Test
    void every_received_mail_is_saved_as_a_non_empty_eml_and_html_file() throws IOException {
        List<SavedMail> mails = environment.mails().all();
        assertThat(mails).hasSize(31);
        assertThat(outcome.mailsReceived()).isEqualTo(31);
        Path saved = folder.resolve("mails");
        try (Stream<Path> files = Files.list(saved)) {
            Map<String, List<Path>> byExtension = files.collect(Collectors.groupingBy(
                    p -> p.getFileName().toString().replaceAll(".*\\.", "")));
            assertThat(byExtension.keySet()).containsExactlyInAnyOrder("eml", "html");
            assertThat(byExtension.get("eml")).hasSize(31);
            assertThat(byExtension.get("html")).hasSize(31);
        }
        for (SavedMail mail : mails) {
            assertThat(Files.size(mail.eml())).as(mail.eml().toString()).isPositive();
            assertThat(Files.size(mail.htmlFile())).as(mail.htmlFile().toString()).isPositive();
            assertThat(Files.readString(mail.eml())).contains("To: " + mail.to());
        }
        assertThat(mails.stream().map(SavedMail::number).toList())
                .isEqualTo(Stream.iterate(1, n -> n + 1).limit(31).toList());
        assertThat(printed).contains("31 mails saved as 31 .eml and 31 .html files in "
                + saved.toAbsolutePath());
    }

    @Test
    void the_pending_activation_link_is_a_live_local_link_of_a_client_still_invited() {
        assertThat(outcome.pendingClient().invitationStatus()).isEqualTo(InvitationStatus.INVITED);
        assertThat(outcome.pendingActivation().toString())
                .startsWith("http://localhost:" + environment.webPort() + "/activate?tenant=studio-lumen&token=");
        assertThat(environment.clientele().activation().inspect(DemoEnvironment.STUDIO,
                StudioDay.query(outcome.pendingActivation(), "token")))
                .isInstanceOf(TokenInspection.Valid.class);
        assertThat(printed).as("the day prints no raw token").doesNotContain(StudioDay.query(
                outcome.pendingActivation(), "token"));
    }

    @Test
    void the_membership_step_prints_the_rule_readably_and_every_credit_the_issuance_job_gave() {
        var ana = outcome.activated().id();
        List<Credit> fromJob = credits(ana).stream().filter(c -> c.reason().startsWith("membership period")).toList();
        String step = step(11);
        assertThat(step).contains("Flow monthly", "4 credits MONTHLY, each valid 3 months")
                .contains("issuance job: " + fromJob.size() + " credits for 1 membership(s), 0 failures")
                .doesNotContain("P3M");
        for (Credit credit : fromJob) {
            String id = credit.id().toString();
            assertThat(step).containsPattern(id.substring(id.length() - 8) + " +membership +REDEEMABLE .* [+-]\\d{2}:\\d{2} .* [+-]\\d{2}:\\d{2}");
        }
    }

    @Test
    void the_credit_steps_print_the_balances_the_api_holds() {
        var ana = outcome.activated().id();
        var clientele = environment.clientele();
        Order order = clientele.orders().listForClient(owner, DemoEnvironment.STUDIO, ana, PageRequest.first()).items()
                .get(0);
        List<Credit> all = credits(ana);
        List<Credit> beforeOrder = all.stream().filter(c -> c.source().orderId().isEmpty()).toList();
        long fromOrder = all.size() - beforeOrder.size();
        List<Credit> revoked = all.stream().filter(c -> c.state() == CreditState.REVOKED).toList();
        assertThat(revoked).hasSize(1);
        String revokedId = revoked.get(0).id().toString();

        assertThat(step(12)).contains("+Issue: 2 credits, reason \"Class cancelled by the studio\"",
                "revoke: credit " + revokedId.substring(revokedId.length() - 8) + " is REVOKED",
                "balances: " + balances(beforeOrder));
        assertThat(step(13)).contains("order " + order.status() + ": " + fromOrder + " credits issued from its package",
                "balances: " + balances(all));
        assertThat(fromOrder).isEqualTo(10);
        assertThat(clientele.credits().balances(owner, DemoEnvironment.STUDIO, ana).get(CreditState.REDEEMABLE))
                .isEqualTo(all.stream().filter(c -> c.state() == CreditState.REDEEMABLE).count());
        assertThat(step(15)).containsPattern("credits +" + Pattern.quote(balances(all)));
    }

    @Test
    void the_consent_step_prints_both_records_oldest_first_as_the_api_holds_them() {
        var ana = outcome.activated().id();
        List<ConsentRecord> newsletter = environment.clientele().consent().history(owner, DemoEnvironment.STUDIO, ana,
                PageRequest.first()).items().stream().filter(r -> r.actor().toString().equals("staff:lea.owner"))
                .toList();
        assertThat(newsletter).extracting(ConsentRecord::decision)
                .containsExactly(ConsentDecision.OPT_OUT, ConsentDecision.OPT_IN);
        String step = step(14);
        int optIn = step.indexOf("newsletter  OPT_IN ");
        int optOut = step.indexOf("newsletter  OPT_OUT ");
        assertThat(optIn).as("an OPT_IN row").isPositive();
        assertThat(optOut).as("the OPT_OUT row after the OPT_IN row").isGreaterThan(optIn);
        assertThat(step(15)).containsPattern("marketing +invitations: no decision, newsletter: OPT_OUT");
    }

    @Test
    void the_profile_and_audit_steps_count_the_entries_the_api_holds() {
        var ana = outcome.activated().id();
        List<AuditEntry> entries = environment.clientele().audit().list(owner, DemoEnvironment.STUDIO, ana,
                PageRequest.first(200)).items();
        int shown = environment.clientele().profiles().view(owner, DemoEnvironment.STUDIO, ana).audit().content()
                .orElseThrow().items().size();
        assertThat(shown).isLessThan(entries.size());
        assertThat(step(15)).containsPattern("audit +" + shown + " newest of " + entries.size() + " entries");
        String step = step(16);
        assertThat(step).contains(entries.size() + " entries, oldest first");
        assertThat(step.lines().filter(l -> l.matches("  \\d{4}-\\d{2}-\\d{2} .*"))).hasSize(entries.size());
        assertThat(step).as("every time in the studio's zone, none as a raw instant")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
    }

    @Test
    void the_erasure_step_says_that_mails_already_sent_are_beyond_clientele() {
        assertThat(step(17)).contains("the mails already sent to Jonas Becker",
                "are outside Clientele", "saved copies");
    }

    @Test
    void the_activation_step_names_the_mail_by_its_saved_file_not_by_a_number_like_a_clients() {
        SavedMail mail = environment.mails().to("ana.lopez@example.net").get(0);
        assertThat(step(8)).contains("the mail to ana.lopez@example.net (" + mail.eml().getFileName() + ")")
                .doesNotContain("mail #");
    }

    /** The text printed under step {@code n}'s heading, up to the next heading. */
    private static String step(int n) {
        String heading = n + ". " + StudioDay.STEPS.get(n - 1) + "\n";
        int from = printed.indexOf(heading);
        assertThat(from).as("step %s printed", n).isNotNegative();
        int to = n < StudioDay.STEPS.size() ? printed.indexOf("\n" + (n + 1) + ". " + StudioDay.STEPS.get(n), from)
                : printed.length();
        return printed.substring(from, to);
    }

    private List<Credit> credits(ClientId client) {
        return environment.clientele().credits().list(owner, DemoEnvironment.STUDIO, client, PageRequest.first(200))
                .items();
    }

    /** The balances of {@code credits} as the day prints them, counted by the test. */
    private static String balances(List<Credit> credits) {
        Map<CreditState, Long> count = credits.stream().collect(Collectors.groupingBy(Credit::state,
                Collectors.counting()));
        return "redeemable " + count.getOrDefault(CreditState.REDEEMABLE, 0L) + ", redeemed "
                + count.getOrDefault(CreditState.REDEEMED, 0L) + ", revoked " + count.getOrDefault(CreditState.REVOKED, 0L)
                + ", expired " + count.getOrDefault(CreditState.EXPIRED, 0L);
    }
}
