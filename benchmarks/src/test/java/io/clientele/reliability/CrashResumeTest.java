package io.clientele.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.Clientele;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.adapter.smtp.SmtpMailSender;
import io.clientele.benchmarks.stack.CountingProxy;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.benchmarks.stack.SmtpStack;
import io.clientele.client.model.Client;
import io.clientele.client.model.InvitationStatus;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignStatus;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.reliability.CrashResumeChild.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash and resume (issue 12): a host instance in a JVM of its own ({@link CrashResumeChild}) runs a
 * campaign and the dispatcher on PostgreSQL and an SMTP server of this JVM, and is killed with
 * SIGKILL at random points, some while the campaign enqueues, some while only mails go out; a new
 * instance resumes each time. At the end every client has a mail and is {@code INVITED}, and a
 * client has a second mail only when its row was in flight at a kill.
 *
 * <p>Every other instance (while {@value #PIPELINED_MIN_UNMAILED} clients or more have no mail
 * yet), and the last, runs {@link CrashResumeChild.Mode#PIPELINED}: no rate
 * limit, so its {@code dispatchAll()} claims the next batch and records the last one on its second
 * thread while one is sent, and a kill can land with two batches claimed. Those instances reach the
 * SMTP server through a proxy that holds each piece of its answers back {@value #ANSWER_DELAY_MS}
 * ms, so they send slowly enough for the kills to land mid-run, and a pipelined instance is killed
 * while dispatching only once it has printed {@link CrashResumeChild#PIPELINED} (its second thread
 * worked on the database while a batch was being sent). The others run {@link
 * CrashResumeChild.Mode#PACED}, with a rate limit: batches one after the other.
 *
 * <p>"In flight" is read from the database once a killed instance's sessions are gone (so its last
 * transaction has either committed or rolled back): the rows claimed by a dispatcher and not marked
 * since. Each (row, claim) pair counts once, whichever kills saw it. The random points come from a
 * seed the test prints; {@code -Dclientele.reliability.seed=<seed>} replays its choices.
 */
class CrashResumeTest {

    private static final int CLIENTS = 240;
    private static final int KILLS = 10;
    /** The last kills wait for the campaign to be complete, so some land while only mails go out. */
    private static final int DISPATCH_ONLY_KILLS = 3;
    private static final String DOMAIN = "crash.example";
    /** How long the slow proxy holds back each answer of the SMTP server to a pipelined instance. */
    private static final long ANSWER_DELAY_MS = 3;
    /**
     * The fewest clients without a mail for an instance to run pipelined: its first batch must be
     * full and a second one follow while it is sent, or it would finish before it pipelines.
     */
    private static final int PIPELINED_MIN_UNMAILED = 4 * CrashResumeChild.BATCH;

    @TempDir
    Path logs;

    @Test
    void a_campaign_killed_ten_times_loses_no_mail_and_sends_twice_only_what_was_in_flight_at_a_kill()
            throws InterruptedException {
        long seed = Long.getLong("clientele.reliability.seed", System.nanoTime());
        System.out.println("crash-resume: seed=" + seed);
        Random random = new Random(seed);
        PostgresStack postgres = PostgresStack.shared();
        TenantId tenant = TenantId.of("crash-" + UUID.randomUUID().toString().substring(0, 8));
        try (SmtpStack smtp = SmtpStack.start();
                CountingProxy slow = CountingProxy.to(smtp.port(), Duration.ofMillis(ANSWER_DELAY_MS));
                HikariDataSource pool = postgres.pool(4);
                SmtpMailSender sender = SmtpMailSender.create(smtp.config().build());
                JpaStudio studio = JpaStudio.on(pool, sender, MustacheMailComposer.withDefaults(), Clock.systemUTC(),
                        CrashResumeChild::settings)) {
            Clientele clientele = studio.clientele();
            OutboxProbe outbox = new OutboxProbe(pool);
            List<Client> clients = Fixtures.createClients(clientele, tenant, CLIENTS, DOMAIN);
            Campaign campaign = clientele.campaigns().create(JpaStudio.owner(tenant), tenant,
                    new CampaignTarget.AllClients());
            Function<Mode, List<String>> childArgs = mode -> List.of(postgres.jdbcUrl(),
                    String.valueOf(mode == Mode.PACED ? smtp.port() : slow.port()), tenant.value(),
                    campaign.id().value().toString(), mode.name());

            Set<List<UUID>> inFlight = new HashSet<>();
            Map<UUID, Integer> inFlightByClient = new HashMap<>();
            int enqueueKills = 0;
            int dispatchKills = 0;
            int pipelinedKills = 0;
            for (int kill = 0; kill < KILLS; kill++) {
                Path log = logs.resolve("child-" + kill + ".log");
                // pipelined only with a few batches left to send, so that it pipelines before it is done
                int unmailed = CLIENTS - Fixtures.mailsByRecipient(smtp.server()).size();
                Mode mode = kill % 2 == 1 && unmailed >= PIPELINED_MIN_UNMAILED ? Mode.PIPELINED : Mode.PACED;
                Process child = launch(childArgs.apply(mode), log);
                BooleanSupplier due = killPoint(kill, random, outbox, tenant, smtp,
                        mode == Mode.PIPELINED ? () -> printed(log, CrashResumeChild.PIPELINED) : () -> true);
                // a killed instance leaves the SMTP server's handler threads to fail on the reset
                // connection: expected here, so those threads' exceptions do not fail the waits
                await().dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(3)).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(10)).until(() -> !child.isAlive() || due.getAsBoolean());
                assertThat(child.isAlive()).as("instance %d still running at its kill point (seed %d)\n%s", kill,
                        seed, tail(log)).isTrue();
                child.destroyForcibly();
                assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
                // its last transaction is settled once its sessions are gone: only then is the
                // outbox as the kill left it
                await().dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(1))
                        .until(() -> outbox.sessions(CrashResumeChild.APPLICATION_NAME) == 0);
                long rows = outbox.count(tenant);
                boolean enqueuing = rows < CLIENTS;
                if (enqueuing) {
                    enqueueKills++;
                } else {
                    dispatchKills++;
                }
                int fresh = 0;
                for (OutboxProbe.Row row : outbox.inFlight(tenant)) {
                    if (inFlight.add(List.of(row.id(), row.claimedBy()))) {
                        inFlightByClient.merge(row.clientId(), 1, Integer::sum);
                        fresh++;
                    }
                }
                boolean pipelining = mode == Mode.PIPELINED && printed(log, CrashResumeChild.PIPELINED);
                if (pipelining) {
                    pipelinedKills++;
                }
                System.out.printf("crash-resume: kill %d of a %s instance while %s%s: outbox_rows=%d "
                        + "mails_at_server=%d in_flight=%d%n", kill + 1, mode.name().toLowerCase(Locale.ROOT),
                        enqueuing ? "enqueuing" : "dispatching", pipelining ? " (batches pipelined)" : "", rows,
                        smtp.server().getReceivedMessages().length, fresh);
            }

            Path lastLog = logs.resolve("child-last.log");
            Process last = launch(childArgs.apply(Mode.PIPELINED), lastLog);
            assertThat(last.waitFor(5, TimeUnit.MINUTES)).as("the last instance ends (seed %d)", seed).isTrue();
            assertThat(last.exitValue()).as("the last instance completes (seed %d)\n%s", seed, tail(lastLog))
                    .isZero();

            Campaign done = clientele.campaigns().get(JpaStudio.owner(tenant), tenant, campaign.id());
            assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
            assertThat(done.progress().enqueued()).isEqualTo(CLIENTS);
            // every row sent, each on its first marked attempt: no send failed, so a row pending
            // under a claim at a kill was in flight, not waiting for a retry
            assertThat(outbox.rows(tenant)).hasSize(CLIENTS)
                    .allSatisfy(row -> assertThat(row.status()).isEqualTo("SENT"))
                    .allSatisfy(row -> assertThat(row.attempts()).isEqualTo(1));

            Map<String, Integer> mails = Fixtures.mailsByRecipient(smtp.server());
            int lost = 0;
            int duplicates = 0;
            for (int i = 0; i < CLIENTS; i++) {
                Client client = clients.get(i);
                int received = mails.getOrDefault("c" + i + "@" + DOMAIN, 0);
                if (received == 0) {
                    lost++;
                }
                int extra = Math.max(0, received - 1);
                duplicates += extra;
                assertThat(extra).as("extra mails of a client vs its rows in flight at kills (seed %d)", seed)
                        .isLessThanOrEqualTo(inFlightByClient.getOrDefault(client.id().value(), 0));
                assertThat(clientele.clients().get(JpaStudio.owner(tenant), tenant, client.id()).invitationStatus())
                        .isEqualTo(InvitationStatus.INVITED);
            }
            int kills = enqueueKills + dispatchKills;
            System.out.printf("RESULT name=crash-resume kills=%d clients=%d lost=%d duplicates=%d in_flight=%d%n",
                    kills, CLIENTS, lost, duplicates, inFlight.size());
            System.out.printf("crash-resume: %d kills while enqueuing, %d while dispatching, %d of an instance "
                    + "whose batches were pipelined (seed %d)%n", enqueueKills, dispatchKills, pipelinedKills, seed);
            assertThat(lost).isZero();
            assertThat(duplicates).isLessThanOrEqualTo(inFlight.size());
            assertThat(kills).isGreaterThanOrEqualTo(10);
            assertThat(enqueueKills).as("kills while the campaign enqueues").isPositive();
            assertThat(dispatchKills).as("kills once only mails go out").isPositive();
            assertThat(pipelinedKills).as("kills of an instance whose batches were pipelined").isPositive();
        }
    }

    /**
     * When to kill instance {@code kill}: the first one, and at random some others, once the campaign
     * has enqueued a random number of rows more (in chunks of {@value CrashResumeChild#CHUNK}, so a
     * kill finds a chunk committed or not); the others, and always the last {@value
     * #DISPATCH_ONLY_KILLS}, once the campaign is complete and the server has received a random
     * number of mails more (in batches of {@value CrashResumeChild#BATCH}, so a kill often finds
     * mails in flight) and {@code ready} holds (a pipelined instance has pipelined). The number of
     * mails is bounded by what is left, so ten kills fit in the run.
     */
    private static BooleanSupplier killPoint(int kill, Random random, OutboxProbe outbox, TenantId tenant,
            SmtpStack smtp, BooleanSupplier ready) {
        long rows = outbox.count(tenant);
        int mails = smtp.server().getReceivedMessages().length;
        int mailed = Fixtures.mailsByRecipient(smtp.server()).size();
        int share = Math.max(1, Math.min(20, (CLIENTS - mailed) / (KILLS - kill + 1)));
        int moreMails = 1 + random.nextInt(share);
        BooleanSupplier dispatched = () -> outbox.count(tenant) == CLIENTS
                && smtp.server().getReceivedMessages().length >= mails + moreMails && ready.getAsBoolean();
        boolean enqueuePoint = rows < CLIENTS && kill < KILLS - DISPATCH_ONLY_KILLS
                && (kill == 0 || random.nextInt(3) > 0);
        if (!enqueuePoint) {
            return dispatched;
        }
        long moreRows = 1 + random.nextInt(kill == 0 ? CLIENTS / 4 : 3 * CrashResumeChild.CHUNK);
        // should the campaign complete first, the kill falls while mails go out
        return () -> outbox.count(tenant) >= rows + moreRows || dispatched.getAsBoolean();
    }

    /** A new instance: {@code java} of this JVM on this JVM's class path, its output to {@code log}. */
    private static Process launch(List<String> args, Path log) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a quick start on a small machine: the instance lives seconds
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CrashResumeChild.class.getName()));
        command.addAll(args);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an instance", e);
        }
    }

    /** True when an instance printed {@code line}. */
    private static boolean printed(Path log, String line) {
        try {
            // one byte per char: a line the instance is still writing never fails to decode
            return Files.readAllLines(log, StandardCharsets.ISO_8859_1).contains(line);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read an instance's output", e);
        }
    }

    /** The end of an instance's output, for a failure message. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
