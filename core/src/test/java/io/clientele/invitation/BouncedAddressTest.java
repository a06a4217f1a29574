package io.clientele.invitation;

import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.PageRequest;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.invitation.model.PreviewCounts;
import io.clientele.invitation.model.SkipReason;
import io.clientele.invitation.service.CampaignProgressListener;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 7, point 22: an address the mail provider refused for good (a bounce)
 * is visible on the client and in the list, is told apart from a missing address everywhere a
 * client is skipped or refused, and goes away when the address is edited.
 */
class BouncedAddressTest {

    private final TestClientele t = new TestClientele();

    /** Ana, invited once through the dispatcher, whose address the provider refused for good. */
    private Client bounced() {
        Client ana = t.ana();
        t.memory.mailSender().failNextPermanently(1);
        t.clientele.invitations().invite(OWNER, TENANT, ana.id());
        assertThat(t.clientele.mailDispatcher().dispatchDue().failed()).isEqualTo(1);
        // past the double-submit guard, so only the bounce can hold a new invitation back
        t.clock.advance(Duration.ofHours(1));
        return t.reload(ana.id());
    }

    @Test
    void a_bounced_address_shows_on_the_client_and_in_the_client_list() {
        Client ana = bounced();
        Client bo = t.create(ClientDetails.named("Bo", "Berg").withEmail("bo.berg@example.com"));

        assertThat(ana.emailBounced()).isTrue();
        assertThat(ana.details().email()).isPresent();
        assertThat(t.reload(bo.id()).emailBounced()).isFalse();
        assertThat(t.clientele.clients().list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(10)).items())
                .extracting(ClientSummary::id, ClientSummary::emailBounced)
                .containsExactlyInAnyOrder(tuple(bo.id(), false), tuple(ana.id(), true));
    }

    @Test
    void a_client_without_email_has_no_bounced_address() {
        Client cy = t.create(ClientDetails.named("Cy", "Nomail"));

        assertThat(cy.emailBounced()).isFalse();
    }

    @Test
    void the_client_list_filters_by_bounced_address() {
        Client ana = bounced();
        t.create(ClientDetails.named("Bo", "Berg").withEmail("bo.berg@example.com"));
        t.create(ClientDetails.named("Cy", "Nomail"));

        assertThat(t.clientele.clients().list(OWNER, TENANT, ClientQuery.all().withBouncedOnly(),
                PageRequest.first(10)).items()).extracting(ClientSummary::id).containsExactly(ana.id());
        assertThat(t.clientele.clients().countByStatus(OWNER, TENANT, ClientQuery.all().withBouncedOnly()).total())
                .isEqualTo(1);
        assertThat(t.clientele.clients().list(OWNER, TENANT,
                ClientQuery.all().withBouncedOnly().withStatus(InvitationStatus.INVITED), PageRequest.first(10))
                .items()).isEmpty();
    }

    @Test
    void an_individual_invite_to_a_bounced_address_is_skipped_as_bounced_not_as_no_email() {
        Client ana = bounced();
        Client cy = t.create(ClientDetails.named("Cy", "Nomail"));

        assertThat(t.clientele.invitations().invite(OWNER, TENANT, ana.id()))
                .isEqualTo(new InviteOutcome.Skipped(ana.id(), SkipReason.BOUNCED));
        assertThat(t.clientele.invitations().invite(OWNER, TENANT, cy.id()))
                .isEqualTo(new InviteOutcome.Skipped(cy.id(), SkipReason.NO_EMAIL));
    }

    @Test
    void a_preview_and_a_campaign_count_a_bounced_address_as_bounced_not_as_no_email() {
        bounced();
        t.create(ClientDetails.named("Cy", "Nomail"));
        t.create(ClientDetails.named("Bo", "Berg").withEmail("bo.berg@example.com"));
        CampaignTarget everyone = new CampaignTarget.AllClients();

        PreviewCounts preview = t.clientele.campaigns().preview(MANAGER, TENANT, everyone);
        Campaign created = t.clientele.campaigns().create(MANAGER, TENANT, everyone);
        Campaign done = t.clientele.campaigns().run(MANAGER, TENANT, created.id(), CampaignProgressListener.NONE);

        assertThat(preview).isEqualTo(new PreviewCounts(1, 0, 0, 1, 1, 0, 0));
        assertThat(done.progress().skippedBounced()).isEqualTo(1);
        assertThat(done.progress().skippedNoEmail()).isEqualTo(1);
        assertThat(done.progress().enqueued()).isEqualTo(1);
    }

    @Test
    void a_staff_password_reset_to_a_bounced_address_is_refused_saying_it_bounced() {
        Client ana = bounced();
        Client accepted = t.write(s -> s.clients().update(ana.accept(t.clock.instant())));

        assertThatThrownBy(() -> t.clientele.activation().requestPasswordReset(MANAGER, TENANT, accepted.id()))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE);
                    assertThat(e.getMessage()).contains("bounced").doesNotContain("no email");
                });
    }

    @Test
    void editing_the_email_clears_the_bounce_and_editing_anything_else_keeps_it() {
        ClientId id = bounced().id();

        Client renamed = t.clientele.clients().editDetails(OWNER, TENANT, id, t.reload(id).version(),
                ClientDetails.named("Anna", "López").withEmail("ana.lopez@example.com")
                        .withPhone("+33 6 12 34 56 78"));
        assertThat(renamed.emailBounced()).isTrue();

        Client corrected = t.clientele.clients().editDetails(OWNER, TENANT, id, renamed.version(),
                ClientDetails.named("Anna", "López").withEmail("ana.lopez@example.org"));

        assertThat(corrected.emailBounced()).isFalse();
        assertThat(corrected.emailRejectedAt()).isEmpty();
        assertThat(t.clientele.clients().list(OWNER, TENANT, ClientQuery.all().withBouncedOnly(),
                PageRequest.first(10)).items()).isEmpty();
        assertThat(t.clientele.invitations().invite(OWNER, TENANT, id))
                .isEqualTo(new InviteOutcome.Enqueued(id));
    }
}
