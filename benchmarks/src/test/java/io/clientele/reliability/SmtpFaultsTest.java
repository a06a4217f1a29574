package io.clientele.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.Clientele;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.adapter.smtp.SmtpMailSender;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.benchmarks.stack.SmtpStack;
import io.clientele.client.model.Client;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.service.CampaignProgressListener;
import io.clientele.invitation.service.DispatchReport;
import io.clientele.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SMTP faults on the whole path: a campaign enqueues into the JPA outbox on PostgreSQL, the
 * dispatcher sends through {@link SmtpMailSender} to a {@link ScriptedSmtpServer} that stops
 * mid-batch, hangs up with {@code 421}, refuses some recipients for good and defers one forever. The
 * clock moves past the backoffs; nothing waits for real time.
 */
class SmtpFaultsTest {

    private static final int MAX_ATTEMPTS = 4;
    private static final Duration BACKOFF_MAX = Duration.ofMinutes(8);

    @Test
    void no_mail_is_lost_when_the_server_stops_mid_batch_hangs_up_with_421_and_refuses_some_recipients() {
        PostgresStack postgres = PostgresStack.shared();
        postgres.truncateAll();
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (HikariDataSource pool = postgres.pool(4);
                ScriptedSmtpServer server = ScriptedSmtpServer.start();
                SmtpMailSender sender = SmtpMailSender.create(SmtpStack.configFor(server.port()).build(), clock);
                JpaStudio studio = JpaStudio.on(pool, sender, MustacheMailComposer.withDefaults(), clock,
                        c -> c.withCampaignChunkSize(10).withDispatchBatchSize(8)
                                .withRetries(MAX_ATTEMPTS, Duration.ofMinutes(1), BACKOFF_MAX))) {
            TenantId tenant = TenantId.of("smtp-faults");
            Actor.Staff owner = JpaStudio.owner(tenant);
            Clientele clientele = studio.clientele();
            Map<ClientId, String> addresses = createClients(clientele, owner, tenant, 30);
            Set<String> refused = Set.of("client-3@faults.example", "client-11@faults.example",
                    "client-19@faults.example", "client-27@faults.example");
            server.rejectForGood(refused);
            // the first batch loses the server after 5 mails; a later one is hung up on with 421
            server.schedule(5, ScriptedSmtpServer.Fault.STOP);
            server.schedule(14, ScriptedSmtpServer.Fault.REPLY_421);

            Campaign campaign = clientele.campaigns().create(owner, tenant, new CampaignTarget.AllClients());
            clientele.campaigns().run(owner, tenant, campaign.id(), CampaignProgressListener.NONE);
            DispatchReport total = DispatchReport.EMPTY;
            for (int round = 0; round < MAX_ATTEMPTS && OutboxRows.pending(pool, tenant.value()) > 0; round++) {
                total = total.plus(clientele.mailDispatcher().dispatchAll());
                server.restart();
                clock.advance(BACKOFF_MAX.plusMinutes(1));
            }

            assertThat(server.faultsFired()).as("both faults struck").isEqualTo(2);
            assertThat(total.retried()).as("mails retried after the faults").isPositive();
            Map<UUID, OutboxRows.Row> rows = OutboxRows.byClient(pool, tenant.value());
            int lost = 0;
            int permanentFlagged = 0;
            for (Map.Entry<ClientId, String> target : addresses.entrySet()) {
                Client client = clientele.clients().get(owner, tenant, target.getKey());
                String address = target.getValue();
                int mails = Collections.frequency(server.delivered(), address);
                OutboxRows.Row row = rows.get(target.getKey().value());
                boolean delivered = mails >= 1 && client.invitationStatus() == InvitationStatus.INVITED;
                boolean flagged = client.emailRejectedAt().isPresent() && row.status().equals("FAILED");
                if (flagged) {
                    permanentFlagged++;
                }
                if (!delivered && !flagged) {
                    lost++;
                }
                if (refused.contains(address)) {
                    assertThat(flagged).as("a refused recipient is flagged").isTrue();
                    assertThat(server.recipientAttempts(address)).as("a permanent failure is not retried").isEqualTo(1);
                } else {
                    // faults strike before any data is sent, so no mail is in doubt and none may go twice
                    assertThat(mails).as("mails to an accepted recipient").isEqualTo(1);
                    assertThat(row.status()).isEqualTo("SENT");
                }
            }
            assertThat(lost).isZero();
            assertThat(permanentFlagged).isEqualTo(refused.size());
            System.out.println("RESULT name=smtp-faults lost=" + lost + " permanent_flagged=" + permanentFlagged);
        }
    }

    @Test
    void a_recipient_the_server_always_defers_is_tried_max_attempts_times_then_given_up_and_not_flagged() {
        PostgresStack postgres = PostgresStack.shared();
        postgres.truncateAll();
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (HikariDataSource pool = postgres.pool(2);
                ScriptedSmtpServer server = ScriptedSmtpServer.start();
                SmtpMailSender sender = SmtpMailSender.create(SmtpStack.configFor(server.port()).build(), clock);
                JpaStudio studio = JpaStudio.on(pool, sender, MustacheMailComposer.withDefaults(), clock,
                        c -> c.withRetries(MAX_ATTEMPTS, Duration.ofMinutes(1), BACKOFF_MAX))) {
            TenantId tenant = TenantId.of("smtp-retries");
            Actor.Staff owner = JpaStudio.owner(tenant);
            Clientele clientele = studio.clientele();
            Map<ClientId, String> addresses = createClients(clientele, owner, tenant, 3);
            String greylisted = "client-1@faults.example";
            server.deferForever(Set.of(greylisted));
            addresses.keySet().forEach(id -> clientele.invitations().invite(owner, tenant, id));

            // twice as many rounds as attempts allowed, each past the longest backoff
            for (int round = 0; round < 2 * MAX_ATTEMPTS; round++) {
                clientele.mailDispatcher().dispatchAll();
                clock.advance(BACKOFF_MAX.plusMinutes(1));
            }

            ClientId deferredClient = addresses.entrySet().stream().filter(e -> e.getValue().equals(greylisted))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            OutboxRows.Row row = OutboxRows.byClient(pool, tenant.value()).get(deferredClient.value());
            assertThat(server.recipientAttempts(greylisted)).isEqualTo(MAX_ATTEMPTS);
            assertThat(row).isEqualTo(new OutboxRows.Row("FAILED", MAX_ATTEMPTS));
            Client client = clientele.clients().get(owner, tenant, deferredClient);
            assertThat(client.emailRejectedAt()).as("a transient refusal says nothing against the address").isEmpty();
            assertThat(client.invitationStatus()).isEqualTo(InvitationStatus.ADDED);
            assertThat(server.delivered()).containsExactlyInAnyOrder("client-0@faults.example",
                    "client-2@faults.example");
        }
    }

    /** {@code count} clients named after their number, with addresses {@code client-<i>@faults.example}. */
    static Map<ClientId, String> createClients(Clientele clientele, Actor.Staff owner, TenantId tenant, int count) {
        Map<ClientId, String> addresses = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String address = "client-" + i + "@faults.example";
            Client client = clientele.clients().create(owner, tenant,
                    ClientDetails.named("Client", lettersFor(i)).withEmail(address));
            addresses.put(client.id(), address);
        }
        return addresses;
    }

    /** {@code i} spelled with letters ({@code 12} is {@code "Bc"}): names take no digits. */
    private static String lettersFor(int i) {
        StringBuilder name = new StringBuilder();
        for (char digit : Integer.toString(i).toCharArray()) {
            name.append((char) ('a' + digit - '0'));
        }
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
