package io.clientele.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clientele.Clientele;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.adapter.smtp.SmtpMailSender;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.benchmarks.stack.SmtpStack;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.InvitationStatus;
import io.clientele.common.Actor;
import io.clientele.common.CampaignId;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignProgress;
import io.clientele.invitation.model.CampaignStatus;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.PreviewCounts;
import io.clientele.invitation.service.InvitationConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two instances (issue 12): two Clientele instances, each with its own connection pool and SMTP
 * connection, on one PostgreSQL, run overlapping campaigns of one tenant ("invite all" on each, and a
 * group campaign) and their dispatchers at once, all started together by a latch. No client gets
 * two mails from one campaign, and the resend cooldown holds across the instances: every client gets
 * exactly one mail in all, and a later campaign inside the cooldown sends nothing.
 */
class TwoInstancesTest {

    private static final int CLIENTS = 200;
    private static final String DOMAIN = "two.example";

    @Test
    void overlapping_campaigns_and_dispatchers_on_two_instances_send_each_client_exactly_one_mail()
            throws InterruptedException {
        PostgresStack postgres = PostgresStack.shared();
        TenantId tenant = TenantId.of("two-" + UUID.randomUUID().toString().substring(0, 8));
        Actor.Staff owner = JpaStudio.owner(tenant);
        try (SmtpStack smtp = SmtpStack.start();
                SmtpMailSender senderA = SmtpMailSender.create(smtp.config().build());
                SmtpMailSender senderB = SmtpMailSender.create(smtp.config().build());
                JpaStudio a = JpaStudio.on(postgres.pool(4), senderA, MustacheMailComposer.withDefaults(),
                        Clock.systemUTC(), TwoInstancesTest::settings);
                JpaStudio b = JpaStudio.on(postgres.pool(4), senderB, MustacheMailComposer.withDefaults(),
                        Clock.systemUTC(), TwoInstancesTest::settings)) {
            Clientele one = a.clientele();
            Clientele two = b.clientele();
            List<Client> clients = Fixtures.createClients(one, tenant, CLIENTS, DOMAIN);
            ClientGroup group = two.groups().create(owner, tenant, "Morning yoga");
            for (int i = 0; i < CLIENTS; i += 2) {
                two.groups().addMember(owner, tenant, clients.get(i).id(), group.id());
            }
            int members = CLIENTS / 2;
            Campaign allOnA = one.campaigns().create(owner, tenant, new CampaignTarget.AllClients());
            Campaign allOnB = two.campaigns().create(owner, tenant, new CampaignTarget.AllClients());
            Campaign groupOnB = two.campaigns().create(owner, tenant, new CampaignTarget.Group(group.id()));

            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch campaignsDone = new CountDownLatch(3);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            OutboxProbe outbox = new OutboxProbe(postgres.pool(1));
            List<Thread> threads = new ArrayList<>();
            // the group campaign is created on B and run on A: a campaign is the database's, not an instance's
            threads.add(campaignRun(one, tenant, allOnA.id(), start, campaignsDone, failures));
            threads.add(campaignRun(two, tenant, allOnB.id(), start, campaignsDone, failures));
            threads.add(campaignRun(one, tenant, groupOnB.id(), start, campaignsDone, failures));
            threads.add(dispatcher(one, tenant, outbox, start, campaignsDone, failures));
            threads.add(dispatcher(two, tenant, outbox, start, campaignsDone, failures));
            threads.forEach(Thread::start);
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(5));
                assertThat(thread.isAlive()).as("%s ends", thread.getName()).isFalse();
            }
            assertThat(failures).isEmpty();

            List<CampaignProgress> progress = List.of(allOnA, allOnB, groupOnB).stream()
                    .map(c -> one.campaigns().get(owner, tenant, c.id()))
                    .peek(c -> assertThat(c.status()).isEqualTo(CampaignStatus.COMPLETED))
                    .map(Campaign::progress).toList();
            // each client enqueued by exactly one campaign; the two others found it in the cooldown
            assertThat(progress.stream().mapToLong(CampaignProgress::enqueued).sum()).isEqualTo(CLIENTS);
            assertThat(progress.stream().mapToLong(CampaignProgress::skippedInCooldown).sum())
                    .isEqualTo(CLIENTS + members);
            assertThat(outbox.rows(tenant)).hasSize(CLIENTS)
                    .allSatisfy(row -> assertThat(row.status()).isEqualTo("SENT"));

            Map<String, Integer> mails = Fixtures.mailsByRecipient(smtp.server());
            int duplicates = 0;
            for (int i = 0; i < CLIENTS; i++) {
                int received = mails.getOrDefault("c" + i + "@" + DOMAIN, 0);
                assertThat(received).as("mails of client %d", i).isEqualTo(1);
                duplicates += received - 1;
                assertThat(two.clients().get(owner, tenant, clients.get(i).id()).invitationStatus())
                        .isEqualTo(InvitationStatus.INVITED);
            }

            // a second campaign inside the cooldown, on the other instance than the first run, sends nothing
            PreviewCounts preview = two.campaigns().preview(owner, tenant, new CampaignTarget.AllClients());
            assertThat(preview.willSend()).isZero();
            assertThat(preview.inCooldown()).isEqualTo(CLIENTS);
            Campaign again = two.campaigns().run(owner, tenant,
                    two.campaigns().create(owner, tenant, new CampaignTarget.AllClients()).id(), c -> { });
            assertThat(again.progress().enqueued()).isZero();
            assertThat(again.progress().skippedInCooldown()).isEqualTo(CLIENTS);
            assertThat(one.mailDispatcher().dispatchAll().sent() + two.mailDispatcher().dispatchAll().sent())
                    .isZero();
            assertThat(smtp.server().getReceivedMessages()).hasSize(CLIENTS);

            System.out.printf("RESULT name=two-instances duplicates=%d%n", duplicates);
        }
    }

    /** Small chunks and batches, so the two instances' units of work interleave many times. */
    private static InvitationConfig settings(InvitationConfig defaults) {
        return defaults.withCampaignChunkSize(20).withDispatchBatchSize(10);
    }

    private static Thread campaignRun(Clientele clientele, TenantId tenant, CampaignId campaign,
            CountDownLatch start, CountDownLatch done, ConcurrentLinkedQueue<Throwable> failures) {
        return new Thread(() -> {
            try {
                start.await();
                clientele.campaigns().run(JpaStudio.owner(tenant), tenant, campaign, c -> { });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
            } catch (RuntimeException e) {
                failures.add(e);
            } finally {
                done.countDown();
            }
        }, "campaign-" + campaign.value());
    }

    /** A dispatcher that runs until the campaigns are done and nothing of the tenant is pending. */
    private static Thread dispatcher(Clientele clientele, TenantId tenant, OutboxProbe outbox, CountDownLatch start,
            CountDownLatch campaignsDone, ConcurrentLinkedQueue<Throwable> failures) {
        return new Thread(() -> {
            try {
                start.await();
                await().atMost(Duration.ofMinutes(4)).pollInSameThread().pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(20)).until(() -> {
                            clientele.mailDispatcher().dispatchAll();
                            return campaignsDone.getCount() == 0 && outbox.rows(tenant).stream()
                                    .noneMatch(r -> r.status().equals("PENDING"));
                        });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
            } catch (RuntimeException | AssertionError e) {
                failures.add(e);
            }
        }, "dispatcher");
    }
}
