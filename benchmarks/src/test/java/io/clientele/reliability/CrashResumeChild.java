package io.clientele.reliability;

import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.Clientele;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.adapter.smtp.SmtpMailSender;
import io.clientele.benchmarks.stack.DelegatingDataSource;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.benchmarks.stack.SmtpStack;
import io.clientele.common.CampaignId;
import io.clientele.common.TenantId;
import io.clientele.invitation.service.InvitationConfig;
import io.clientele.invitation.service.MailDispatcher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host instance {@link CrashResumeTest} kills: a JVM of its own that runs (starts or resumes) one
 * campaign and, at the same time, the mail dispatcher, on the test's PostgreSQL and SMTP server,
 * until the campaign is completed and none of its tenant's mails is pending. It does what a host's
 * scheduled jobs do after a restart, nothing more: {@code campaigns().run} resumes after the last
 * committed chunk, and the dispatcher takes up rows whose lease has run out.
 *
 * <p>Two modes. {@link Mode#PACED}: a rate limit of {@value #MAILS_PER_SECOND} mails a second, so
 * {@code dispatchAll()} sends its batches one after the other. {@link Mode#PIPELINED}: no rate limit
 * (the test puts a slow server in front of it instead), so {@code dispatchAll()} claims and records
 * batches on its second thread while one is sent; the instance prints {@link #PIPELINED} when that
 * thread first takes a database connection while a batch is being sent.
 *
 * <p>Arguments: the JDBC URL, the SMTP port on 127.0.0.1, the tenant, the campaign id, the mode.
 * Exits with 0 once done, 1 if the campaign failed. Its database connections carry the application
 * name {@link #APPLICATION_NAME}, so the test can wait until a killed instance's sessions are gone.
 */
public final class CrashResumeChild {

    /** The {@code application_name} of this JVM's PostgreSQL sessions. */
    public static final String APPLICATION_NAME = "clientele-crash-resume-child";
    /** Printed when the work is done. */
    public static final String DONE = "crash-resume-child: done";
    /**
     * Printed when the dispatcher's second thread first takes a database connection while a batch is
     * being sent (pipelined batches).
     */
    public static final String PIPELINED = "crash-resume-child: batches pipelined";

    /** How an instance's dispatcher sends. */
    public enum Mode {
        /** With a rate limit: batches one after the other. */
        PACED,
        /** Without one: the next batch claimed and the last one recorded while one is sent. */
        PIPELINED
    }

    /** Chunks of 10 clients: a kill finds the campaign between or inside one of many short units of work. */
    static final int CHUNK = 10;
    /** Batches of 8 mails (paced: at most 30 mails a second): a kill finds mails in flight. */
    static final int BATCH = 8;
    static final double MAILS_PER_SECOND = 30;
    /**
     * A lease of 2 seconds: the rows a killed instance had claimed are due again before the next
     * instance has started. Instances never overlap, so no live claim can outlast it to its cost.
     */
    static final Duration LEASE = Duration.ofSeconds(2);

    private CrashResumeChild() {
    }

    /** Runs the campaign and the dispatcher to the end; see the class comment for the arguments. */
    public static void main(String[] args) throws InterruptedException {
        String jdbcUrl = args[0];
        int smtpPort = Integer.parseInt(args[1]);
        TenantId tenant = TenantId.of(args[2]);
        CampaignId campaign = new CampaignId(UUID.fromString(args[3]));
        Mode mode = Mode.valueOf(args[4]);
        int exit = 0;
        String url = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "ApplicationName=" + APPLICATION_NAME;
        AtomicBoolean pipelined = new AtomicBoolean();
        AtomicInteger sending = new AtomicInteger();
        try (HikariDataSource pool = PostgresStack.pool(url, "postgres", 4);
                SmtpMailSender smtp = SmtpMailSender.create(SmtpStack.configFor(smtpPort).build());
                JpaStudio studio = JpaStudio.on(new DelegatingDataSource(pool) {
                    @Override
                    protected Connection wrap(Connection real) {
                        // the second thread at the database while a batch is being sent: pipelined
                        if (Thread.currentThread().getName().equals(MailDispatcher.DB_THREAD) && sending.get() > 0
                                && pipelined.compareAndSet(false, true)) {
                            System.out.println(PIPELINED);
                        }
                        return real;
                    }
                }, batch -> {
                    sending.incrementAndGet();
                    try {
                        return smtp.send(batch);
                    } finally {
                        sending.decrementAndGet();
                    }
                }, MustacheMailComposer.withDefaults(), Clock.systemUTC(),
                        mode == Mode.PACED ? CrashResumeChild::settings : CrashResumeChild::pipelinedSettings)) {
            Clientele clientele = studio.clientele();
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            Thread campaignRun = new Thread(() -> {
                try {
                    clientele.campaigns().run(JpaStudio.owner(tenant), tenant, campaign, c -> { });
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }, "campaign-run");
            campaignRun.start();
            // the dispatcher runs beside the campaign, as a host's scheduled job does; once the
            // campaign is done it keeps going until the rows a killed instance held are sent too
            await().atMost(Duration.ofMinutes(5)).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        clientele.mailDispatcher().dispatchAll();
                        return !campaignRun.isAlive() && (failure.get() != null || pending(pool, tenant) == 0);
                    });
            campaignRun.join();
            if (failure.get() != null) {
                failure.get().printStackTrace();
                exit = 1;
            }
        }
        if (exit == 0) {
            System.out.println(DONE);
        }
        // exit whatever thread a library left running
        System.exit(exit);
    }

    /** The invitation settings of a paced instance: small chunks and batches, a rate limit, a short lease. */
    static InvitationConfig settings(InvitationConfig defaults) {
        return pipelinedSettings(defaults).withMaxMessagesPerSecond(MAILS_PER_SECOND);
    }

    /** The invitation settings of a pipelined instance: those of a paced one without the rate limit. */
    static InvitationConfig pipelinedSettings(InvitationConfig defaults) {
        return defaults.withCampaignChunkSize(CHUNK).withDispatchBatchSize(BATCH).withMaxMessagesPerSecond(0)
                .withDispatchLease(LEASE);
    }

    private static long pending(HikariDataSource pool, TenantId tenant) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM outbox WHERE tenant_id = ? AND status = 'PENDING'")) {
            s.setString(1, tenant.value());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long count = r.getLong(1);
                c.rollback();
                return count;
            }
        }
    }
}
