package io.clientele.invitation;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.client.service.ClientLookups;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignStatus;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.service.CampaignProgressListener;
import io.clientele.invitation.service.DispatchReport;
import io.clientele.testing.LockStep;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Regression for "the mail dispatcher and a campaign run can deadlock": the dispatcher recorded a
 * batch's results in one unit of work, locking each mail's client in claim order (due time), while
 * a campaign chunk locks its clients in client id order. Two clients whose mails were queued in
 * the opposite order made each unit hold the client the other waited for.
 *
 * <p>Forced on interleaved units of work (as at READ COMMITTED): the dispatcher's recording unit
 * holds its first client lock while the campaign chunk waits for it. Before the fix that lock was
 * the second client's, the chunk held the first one, and both waited forever ({@link LockStep}
 * turns that into a failure after its timeout); with the batch recorded in (tenant, client id)
 * order, the recording takes the first client first and the chunk simply waits for it.
 */
class DispatcherLockOrderTest {

    @Test
    @Tag("in-memory")
    void the_dispatcher_recording_a_batch_and_a_campaign_chunk_no_longer_deadlock() throws Exception {
        race(t -> !t.memory.mailSender().delivered().isEmpty());
    }

    /**
     * The same race with the unit of work that prepares the batch, which now locks every client of
     * the batch at once (it used to lock one client per unit of work): it takes them in (tenant,
     * client id) order too, so the chunk waits for its first client instead of holding it.
     */
    @Test
    @Tag("in-memory")
    void the_dispatcher_preparing_a_batch_and_a_campaign_chunk_do_not_deadlock() throws Exception {
        race(t -> t.memory.mailSender().mails().isEmpty());
    }

    /** Runs a dispatch and a campaign run over two clients queued in the opposite of id order. */
    private static void race(Predicate<TestClientele> pauseWhen) throws Exception {
        TestClientele t = new TestClientele(MemoryTransactions.interleaved());
        Client first = t.create(ClientDetails.named("Ana", "One").withEmail("one@example.com"));
        t.clock.advance(Duration.ofSeconds(1));
        Client second = t.create(ClientDetails.named("Bea", "Two").withEmail("two@example.com"));
        assertThat(ClientLookups.ID_ORDER.compare(first.id(), second.id())).as("the clients' id order").isNegative();
        // the second client's mail is due first, so the batch is claimed in the opposite order
        t.clientele.invitations().invite(OWNER, TENANT, second.id());
        t.clock.advance(Duration.ofSeconds(1));
        t.clientele.invitations().invite(OWNER, TENANT, first.id());
        Campaign campaign = t.clientele.campaigns().create(OWNER, TENANT, new CampaignTarget.AllClients());

        // the dispatcher pauses at the first lock of the unit of work the race is about
        LockStep.Outcomes outcomes = new LockStep(t.memory.transactions())
                .pausingAt(key -> pauseWhen.test(t))
                .run(() -> t.clientele.mailDispatcher().dispatchDue(),
                        () -> t.clientele.campaigns().run(OWNER, TENANT, campaign.id(), CampaignProgressListener.NONE));

        assertThat(outcomes.first().thrown()).as("the dispatcher").isNull();
        assertThat(outcomes.second().thrown()).as("the campaign run").isNull();
        DispatchReport report = (DispatchReport) outcomes.first().result();
        assertThat(report.sent()).isEqualTo(2);
        assertThat(((Campaign) outcomes.second().result()).status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(t.memory.mailSender().delivered()).hasSize(2);
    }
}
