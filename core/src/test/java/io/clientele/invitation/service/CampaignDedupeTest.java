package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.ClientId;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignState;
import io.clientele.invitation.model.CampaignStatus;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.CampaignTarget.TargetStatus;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.invitation.model.SkipReason;
import io.clientele.mail.model.MessageTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A campaign never sends a client two invitations: not when it is run again, not when it is
 * resumed after an interruption, and not when "Invited" and "Added" campaigns overlap.
 */
class CampaignDedupeTest {

    private static final int CHUNK = 3;

    private final InviteKit kit = new InviteKit(InvitationFixture.CONFIG.withCampaignChunkSize(CHUNK));
    private final CampaignService campaigns = kit.campaigns;

    /** Thrown by a listener to interrupt a run, as a crash between two chunks would. */
    private static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super("interrupted after a chunk");
        }
    }

    private static CampaignProgressListener interruptAfterFirstChunk() {
        return campaign -> {
            throw new Interrupted();
        };
    }

    private Campaign create(CampaignTarget target) {
        return campaigns.create(MANAGER, TENANT, target);
    }

    private Campaign run(Campaign campaign) {
        return campaigns.run(MANAGER, TENANT, campaign.id(), CampaignProgressListener.NONE);
    }

    /** Starts the campaign, interrupts it after its first chunk, resumes it, then runs it again. */
    private Campaign runInterruptedResumedAndAgain(Campaign campaign) {
        assertThatThrownBy(() -> campaigns.run(MANAGER, TENANT, campaign.id(), interruptAfterFirstChunk()))
                .isInstanceOf(Interrupted.class);
        Campaign resumed = run(campaign);
        assertThat(resumed.status()).isEqualTo(CampaignStatus.COMPLETED);
        Campaign again = run(campaign);
        assertThat(again).isEqualTo(resumed);
        return again;
    }

    private List<Client> added(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> kit.added(prefix + (char) ('a' + i))).toList();
    }

    @Test
    void running_a_completed_campaign_again_enqueues_nothing_and_tells_no_listener() {
        added("Client", 7);
        Campaign campaign = create(new CampaignTarget.AllClients());
        Campaign done = run(campaign);
        InviteKit.Recording listener = new InviteKit.Recording();

        Campaign again = campaigns.run(MANAGER, TENANT, campaign.id(), listener);

        assertThat(again).isEqualTo(done);
        assertThat(listener.seen).isEmpty();
        assertThat(kit.invitationRows()).hasSize(7);
        assertThat(kit.duplicates()).isZero();
    }

    @Test
    void a_campaign_interrupted_after_its_first_chunk_resumes_after_the_last_committed_position() {
        List<Client> clients = added("Client", 10);
        Campaign campaign = create(new CampaignTarget.AllClients());

        assertThatThrownBy(() -> campaigns.run(MANAGER, TENANT, campaign.id(), interruptAfterFirstChunk()))
                .isInstanceOf(Interrupted.class);

        Campaign interrupted = campaigns.get(MANAGER, TENANT, campaign.id());
        assertThat(interrupted.status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(interrupted.progress().considered()).isEqualTo(CHUNK);
        assertThat(interrupted.progress().enqueued()).isEqualTo(CHUNK);
        assertThat(interrupted.position()).isPresent();
        assertThat(kit.invitationRows()).hasSize(CHUNK);

        InviteKit.Recording listener = new InviteKit.Recording();
        Campaign resumed = campaigns.run(MANAGER, TENANT, campaign.id(), listener);

        assertThat(listener.seen).extracting(c -> c.progress().considered()).containsExactly(6L, 9L, 10L);
        assertThat(resumed.progress().enqueued()).isEqualTo(10);
        assertThat(resumed.progress().skippedAlreadyInCampaign()).isZero();
        assertThat(kit.rowsPerClient()).hasSize(clients.size()).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void a_chunk_that_fails_midway_leaves_nothing_and_the_resumed_run_mails_each_client_once() {
        AtomicInteger templateCalls = new AtomicInteger();
        InviteKit failing = new InviteKit(InvitationFixture.CONFIG.withCampaignChunkSize(CHUNK),
                (tenant, kind, lang) -> {
                    // a chunk reads each language's template once: the second chunk cannot be
                    // rendered the first time round
                    if (templateCalls.incrementAndGet() == 2) {
                        throw new IllegalStateException("template store unavailable");
                    }
                    return new MessageTemplate(InviteKit.TEMPLATE.subject(), InviteKit.TEMPLATE.message());
                });
        IntStream.range(0, 8).forEach(i -> failing.added("Client" + (char) ('a' + i)));
        Campaign campaign = failing.campaigns.create(MANAGER, TENANT, new CampaignTarget.AllClients());

        assertThatThrownBy(() -> failing.campaigns.run(MANAGER, TENANT, campaign.id(),
                CampaignProgressListener.NONE)).hasMessage("template store unavailable");

        Campaign afterFailure = failing.campaigns.get(MANAGER, TENANT, campaign.id());
        assertThat(afterFailure.progress().considered()).isEqualTo(CHUNK);
        assertThat(failing.invitationRows()).hasSize(CHUNK);

        Campaign done = failing.campaigns.run(MANAGER, TENANT, campaign.id(), CampaignProgressListener.NONE);

        assertThat(done.progress().enqueued()).isEqualTo(8);
        assertThat(failing.rowsPerClient()).hasSize(8).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void a_client_seen_again_by_the_same_campaign_is_skipped_as_already_in_it() {
        // the campaign's position set back (its row restored from an older backup): the run meets
        // the clients of its first chunk a second time
        List<Client> clients = added("Client", 4);
        Campaign campaign = create(new CampaignTarget.AllClients());
        assertThatThrownBy(() -> campaigns.run(MANAGER, TENANT, campaign.id(), interruptAfterFirstChunk()))
                .isInstanceOf(Interrupted.class);
        Campaign interrupted = campaigns.get(MANAGER, TENANT, campaign.id());
        kit.t.write(
                s -> s.campaigns().update(new Campaign(interrupted.id(), interrupted.tenantId(), interrupted.target(),
                interrupted.customMessage(), interrupted.createdBy(), interrupted.createdAt(),
                new CampaignState.Running(interrupted.progress(), Optional.empty()), interrupted.version())));

        Campaign done = run(campaign);

        assertThat(done.progress().skippedAlreadyInCampaign()).isEqualTo(CHUNK);
        assertThat(kit.rowsPerClient()).hasSize(clients.size()).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void an_invited_then_an_added_campaign_back_to_back_mail_each_client_once() {
        List<Client> invited = new ArrayList<>();
        IntStream.range(0, 4).forEach(i -> invited.add(kit.invitedLongAgo("Invited" + (char) ('a' + i))));
        List<Client> fresh = added("Added", 5);

        run(create(new CampaignTarget.WithStatus(TargetStatus.INVITED)));
        kit.dispatchAll();
        kit.t.clock.advance(Duration.ofMinutes(10));
        run(create(new CampaignTarget.WithStatus(TargetStatus.ADDED)));
        kit.dispatchAll();
        kit.t.clock.advance(Duration.ofMinutes(10));
        Campaign reminder = run(create(new CampaignTarget.WithStatus(TargetStatus.INVITED)));

        assertThat(reminder.progress().enqueued()).isZero();
        assertThat(reminder.progress().skippedInCooldown()).isEqualTo(invited.size() + fresh.size());
        assertThat(kit.rowsPerClient()).hasSize(invited.size() + fresh.size())
                .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void campaign_dedupe_across_reruns_resumes_and_overlapping_campaigns() {
        // a population covering every outcome, in a tenant where clients are ADDED and INVITED
        List<Client> eligible = new ArrayList<>();
        eligible.addAll(added("Fresh", 8));
        IntStream.range(0, 7).forEach(i -> eligible.add(kit.invitedLongAgo("Reminded" + (char) ('a' + i))));
        List<Client> never = List.of(
                kit.accepted("Accepted"),
                kit.unsubscribed(kit.added("Unsubscribed")),
                kit.unsubscribed(kit.invitedLongAgo("Unsubinvited")),
                kit.withoutEmail("Noemail"),
                kit.emailRejected(kit.invitedLongAgo("Rejected")),
                kit.erased(kit.added("Erased")));
        int population = eligible.size() + never.size();

        // "Invited" campaign: interrupted after its first chunk, resumed, run again
        runInterruptedResumedAndAgain(create(new CampaignTarget.WithStatus(TargetStatus.INVITED)));
        kit.dispatchAll();
        kit.t.clock.advance(Duration.ofMinutes(5));
        // "Added" campaign right after: interrupted, resumed, run again
        runInterruptedResumedAndAgain(create(new CampaignTarget.WithStatus(TargetStatus.ADDED)));
        kit.dispatchAll();
        kit.t.clock.advance(Duration.ofMinutes(5));
        // the same pair again, then everyone, and a campaign to explicit clients, within the cooldown
        runInterruptedResumedAndAgain(create(new CampaignTarget.WithStatus(TargetStatus.INVITED)));
        runInterruptedResumedAndAgain(create(new CampaignTarget.WithStatus(TargetStatus.ADDED)));
        runInterruptedResumedAndAgain(create(new CampaignTarget.AllClients()));
        runInterruptedResumedAndAgain(create(new CampaignTarget.Clients(
                Set.copyOf(eligible.stream().map(Client::id).toList()))));

        long duplicates = kit.duplicates();
        System.out.println("RESULT name=campaign-dedupe clients=" + population + " duplicates=" + duplicates);

        assertThat(duplicates).isZero();
        assertThat(kit.rowsPerClient()).containsOnlyKeys(eligible.stream().map(Client::id).toArray(ClientId[]::new))
                .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(never).allSatisfy(c -> assertThat(kit.rowsFor(c.id())).isEmpty());
    }

    @Test
    void an_individual_invite_shortly_after_a_campaign_mail_is_a_double_submit() {
        Client ana = kit.added("Ana");
        run(create(new CampaignTarget.AllClients()));
        kit.t.clock.advance(Duration.ofSeconds(30));

        InviteOutcome outcome = kit.invitations.invite(MANAGER, TENANT, ana.id(),
                new InvitationMessage("Reminder", "Please activate."));

        assertThat(outcome).isEqualTo(new InviteOutcome.Skipped(ana.id(),
                SkipReason.IN_COOLDOWN));
        assertThat(kit.rowsFor(ana.id())).hasSize(1);
    }
}
