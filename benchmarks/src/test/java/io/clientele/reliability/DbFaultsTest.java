package io.clientele.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.Clientele;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.adapter.smtp.SmtpMailSender;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.benchmarks.stack.SmtpStack;
import io.clientele.client.model.InvitationStatus;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignStatus;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.service.DispatchReport;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.port.MailSender;
import io.clientele.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Database faults on the whole path (JPA adapters on PostgreSQL, the SMTP adapter, a {@link
 * ScriptedSmtpServer}): the connection of a unit of work is terminated from another connection in
 * the middle of a campaign chunk, of a dispatch batch's preparation, and of the recording of a batch
 * already sent. Each unit rolls back whole, the next run resumes, and the only mails sent twice are
 * those of the batch whose results could not be recorded.
 */
class DbFaultsTest {

    private static final int CLIENTS = 25;
    private static final int CHUNK = 5;
    private static final int BATCH = 5;
    private static final Duration LEASE = Duration.ofMinutes(5);

    @Test
    void a_dropped_connection_rolls_back_its_unit_of_work_and_the_next_run_resumes_without_losing_a_mail() {
        PostgresStack postgres = PostgresStack.shared();
        postgres.truncateAll();
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        List<Set<String>> batches = new CopyOnWriteArrayList<>();
        try (HikariDataSource pool = postgres.pool(4);
                ScriptedSmtpServer server = ScriptedSmtpServer.start();
                SmtpMailSender smtp = SmtpMailSender.create(SmtpStack.configFor(server.port()).build(), clock)) {
            BackendTerminator database = new BackendTerminator(pool, postgres.jdbcUrl(), postgres.user());
            MailSender sender = batch -> {
                batches.add(batch.stream().map(RenderedMail::to).collect(Collectors.toSet()));
                return smtp.send(batch);
            };
            try (JpaStudio studio = JpaStudio.on(database, sender, MustacheMailComposer.withDefaults(), clock,
                    c -> c.withCampaignChunkSize(CHUNK).withDispatchBatchSize(BATCH))) {
                TenantId tenant = TenantId.of("db-faults");
                Actor.Staff owner = JpaStudio.owner(tenant);
                Clientele clientele = studio.clientele();
                Map<ClientId, String> addresses = SmtpFaultsTest.createClients(clientele, owner, tenant, CLIENTS);

                // the campaign: the third chunk loses its connection while writing its outbox rows
                Campaign campaign = clientele.campaigns().create(owner, tenant, new CampaignTarget.AllClients());
                assertThatThrownBy(() -> clientele.campaigns().run(owner, tenant, campaign.id(), progress -> {
                    if (progress.progress().considered() == 2 * CHUNK) {
                        database.arm("insert into outbox ", 1);
                    }
                })).isInstanceOf(RuntimeException.class);
                assertThat(database.terminated()).isEqualTo(1);
                assertThat(OutboxRows.byClient(pool, tenant.value())).as("the two committed chunks only")
                        .hasSize(2 * CHUNK);
                Campaign resumed = clientele.campaigns().run(owner, tenant, campaign.id(), progress -> { });
                assertThat(resumed.status()).isEqualTo(CampaignStatus.COMPLETED);
                assertThat(OutboxRows.byClient(pool, tenant.value())).as("one row for every client")
                        .containsOnlyKeys(addresses.keySet().stream().map(ClientId::value).toList());

                // a batch goes out undisturbed
                assertThat(clientele.mailDispatcher().dispatchDue().sent()).isEqualTo(BATCH);
                // the next loses its connection while its mails are being prepared: none is sent
                database.arm("insert into token ", 1);
                DispatchReport unprepared = clientele.mailDispatcher().dispatchDue();
                assertThat(database.terminated()).isEqualTo(2);
                assertThat(unprepared.retried()).isEqualTo(BATCH);
                assertThat(server.delivered()).hasSize(BATCH);
                // the next is sent, then every attempt to record it loses its connection (the batch
                // and each mail on its own): its rows come back after the lease and go out again
                database.arm("set status = case v.kind", 1 + BATCH);
                DispatchReport unrecorded = clientele.mailDispatcher().dispatchDue();
                assertThat(database.spent()).isTrue();
                assertThat(unrecorded.claimed()).isEqualTo(BATCH);
                assertThat(unrecorded.sent()).as("sent but not recorded").isZero();
                Set<String> inFlight = batches.get(batches.size() - 1);
                assertThat(server.delivered()).hasSize(2 * BATCH);

                for (int round = 0; round < 5 && OutboxRows.pending(pool, tenant.value()) > 0; round++) {
                    clock.advance(LEASE.plusMinutes(10));
                    clientele.mailDispatcher().dispatchAll();
                }

                int lost = 0;
                for (Map.Entry<ClientId, String> target : addresses.entrySet()) {
                    boolean mailed = server.delivered().contains(target.getValue());
                    boolean invited = clientele.clients().get(owner, tenant, target.getKey()).invitationStatus()
                            == InvitationStatus.INVITED;
                    if (!mailed || !invited) {
                        lost++;
                    }
                }
                Set<String> twice = server.delivered().stream()
                        .filter(a -> Collections.frequency(server.delivered(), a) > 1).collect(Collectors.toSet());
                assertThat(lost).isZero();
                assertThat(twice).as("mails sent twice: the batch whose results were lost, no other")
                        .isEqualTo(inFlight);
                assertThat(server.delivered()).hasSize(CLIENTS + BATCH);
                System.out.println("RESULT name=db-faults lost=" + lost);
            }
        }
    }
}
