package io.clientele.invitation.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Pins the defect "campaigns advance and complete without guards": a campaign's transitions exist
 * only on their source state (created -> running -> completed), so a completed campaign never
 * advances, a running one never starts again, and random sequences of transitions never reach an
 * illegal state.
 */
class CampaignTransitionsTest {

    private static final TenantId TENANT = TenantId.of("studio-a");
    private static final Instant CREATED_AT = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant DONE_AT = Instant.parse("2025-03-01T09:05:00Z");
    private static final ClientId FIRST = new ClientId(UUID.fromString("01900000-0000-7000-8000-000000000001"));

    private static Campaign created() {
        return Campaign.create(new CampaignId(UUID.randomUUID()), TENANT, new CampaignTarget.AllClients(),
                "staff:owner-1", CREATED_AT);
    }

    private static CampaignProgress considered(long n) {
        return new CampaignProgress(n, n, 0, 0, 0, 0, 0, 0, 0);
    }

    private static void assertIllegal(Runnable transition) {
        assertThatThrownBy(transition::run).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
    }

    @Test
    void a_new_campaign_is_created_with_no_progress_no_position_and_no_completion() {
        Campaign campaign = created();

        assertThat(campaign.status()).isEqualTo(CampaignStatus.CREATED);
        assertThat(campaign.progress()).isEqualTo(CampaignProgress.NONE);
        assertThat(campaign.position()).isEmpty();
        assertThat(campaign.completedAt()).isEmpty();
        assertThat(campaign.customMessage()).isEmpty();
    }

    @Test
    void a_completed_campaign_cannot_advance_start_or_complete_again() {
        Campaign completed = created().start().advance(considered(3), FIRST).complete(DONE_AT);

        assertIllegal(() -> completed.advance(considered(4), FIRST));
        assertIllegal(completed::start);
        assertIllegal(() -> completed.complete(DONE_AT.plusSeconds(1)));
        assertThat(completed.completedAt()).contains(DONE_AT);
        assertThat(completed.progress()).isEqualTo(considered(3));
    }

    @Test
    void a_running_campaign_cannot_start_again() {
        Campaign running = created().start().advance(considered(2), FIRST);

        assertIllegal(running::start);
    }

    @Test
    void a_created_campaign_cannot_advance_or_complete_before_it_starts() {
        Campaign campaign = created();

        assertIllegal(() -> campaign.advance(considered(1), FIRST));
        assertIllegal(() -> campaign.complete(DONE_AT));
    }

    @Test
    void a_running_campaigns_progress_never_goes_back() {
        Campaign running = created().start().advance(considered(5), FIRST);

        assertIllegal(() -> running.advance(considered(4), FIRST));
    }

    @Test
    void dropping_the_custom_message_keeps_the_state_in_every_state() {
        InvitationMessage personal = new InvitationMessage("Hello Ana", "Dear Ana.");
        Campaign withMessage = Campaign.create(new CampaignId(UUID.randomUUID()), TENANT,
                new CampaignTarget.AllClients(), personal, "staff:owner-1", CREATED_AT);
        Campaign completed = withMessage.start().advance(considered(1), FIRST).complete(DONE_AT);

        assertThat(withMessage.customMessage()).contains(personal);
        assertThat(completed.withoutCustomMessage().customMessage()).isEmpty();
        assertThat(completed.withoutCustomMessage().state()).isEqualTo(completed.state());
    }

    // ---------------------------------------------------------------- property

    enum Kind { START, ADVANCE, COMPLETE, DROP_MESSAGE }

    /** One attempted transition; {@code delta} is how many more (or fewer) clients an advance counts. */
    record Step(Kind kind, int delta) {
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(-2, 20))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 500)
    void random_transitions_never_reach_an_illegal_state(@ForAll("sequences") List<Step> steps) {
        Campaign campaign = created();
        List<CampaignStatus> path = new ArrayList<>(List.of(campaign.status()));
        long position = 0;
        for (Step step : steps) {
            Campaign before = campaign;
            boolean allowed = switch (step.kind()) {
                case START -> before.status() == CampaignStatus.CREATED;
                case ADVANCE -> before.status() == CampaignStatus.RUNNING && step.delta() >= 0;
                case COMPLETE -> before.status() == CampaignStatus.RUNNING;
                case DROP_MESSAGE -> true;
            };
            long nextPosition = position + 1;
            Campaign after;
            try {
                after = switch (step.kind()) {
                    case START -> before.start();
                    case ADVANCE -> before.advance(considered(before.progress().considered() + step.delta()),
                            new ClientId(new UUID(0x0190_0000_0000_7000L, nextPosition)));
                    case COMPLETE -> before.complete(DONE_AT);
                    case DROP_MESSAGE -> before.withoutCustomMessage();
                };
            } catch (ConflictException e) {
                assertThat(allowed).as("%s from %s refused", step, before.status()).isFalse();
                assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE);
                continue;
            }
            assertThat(allowed).as("%s from %s allowed", step, before.status()).isTrue();
            if (step.kind() == Kind.ADVANCE) {
                position = nextPosition;
            }
            campaign = after;
            path.add(campaign.status());
            assertInvariants(before, campaign);
        }
        // the statuses visited, in order, never go back: created*, running*, completed*
        assertThat(path).isSortedAccordingTo(Comparator.comparing(CampaignStatus::ordinal));
    }

    private static void assertInvariants(Campaign before, Campaign after) {
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.progress().considered()).isGreaterThanOrEqualTo(before.progress().considered());
        assertThat(after.completedAt().isPresent()).isEqualTo(after.status() == CampaignStatus.COMPLETED);
        if (before.status() == CampaignStatus.COMPLETED) {
            assertThat(after.state()).isEqualTo(before.state());
        }
        if (after.status() == CampaignStatus.CREATED) {
            assertThat(after.progress()).isEqualTo(CampaignProgress.NONE);
            assertThat(after.position()).isEqualTo(Optional.empty());
        }
        if (after.progress().considered() > 0) {
            assertThat(after.position()).isPresent();
        }
    }
}
