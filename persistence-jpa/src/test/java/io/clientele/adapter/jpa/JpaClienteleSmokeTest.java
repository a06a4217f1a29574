package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.PageRequest;
import io.clientele.common.Slice;
import io.clientele.invitation.service.DispatchReport;
import io.clientele.profile.model.Section;
import org.junit.jupiter.api.Test;

/**
 * The use cases a host runs first, end to end on each database: create, note, lock, invite,
 * dispatch, list, and the client now invited, read back from the tables.
 */
class JpaClienteleSmokeTest {

    @Test
    void a_client_is_created_noted_locked_invited_and_listed_on_postgresql() {
        createNoteLockInviteAndList(JpaClientele.postgres());
    }

    @Test
    void a_client_is_created_noted_locked_invited_and_listed_on_h2() {
        createNoteLockInviteAndList(JpaClientele.h2());
    }

    private static void createNoteLockInviteAndList(JpaClientele t) {
        Client ana = t.clientele.clients().create(t.owner, t.tenant,
                ClientDetails.named("Ana", "López").withEmail("ana@example.com"));
        t.clientele.notes().add(t.owner, t.tenant, ana.id(), "Prefers morning classes.");
        t.clientele.locks().lock(t.owner, t.tenant, ana.id(), ana.version());

        t.clientele.invitations().invite(t.owner, t.tenant, ana.id());
        DispatchReport report = t.clientele.mailDispatcher().dispatchAll();

        assertThat(report.sent()).isEqualTo(1);
        assertThat(t.host.mailSender().delivered()).hasSize(1);
        Client stored = t.clientele.clients().get(t.owner, t.tenant, ana.id());
        assertThat(stored.invitationStatus()).isEqualTo(InvitationStatus.INVITED);
        assertThat(stored.locked()).isTrue();
        assertThat(t.clientele.clients().list(t.owner, t.tenant, ClientQuery.all(), PageRequest.first()).items())
                .extracting(s -> s.id()).containsExactly(ana.id());
        assertThat(t.clientele.profiles().view(t.owner, t.tenant, ana.id()).notes())
                .isInstanceOfSatisfying(Section.Shown.class, notes -> assertThat(((Slice<?>) notes.value()).total())
                        .isEqualTo(1));
    }
}
