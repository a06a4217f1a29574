package io.clientele.invitation;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.linkToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.audit.model.AuditAction;
import io.clientele.client.model.Client;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.model.UnsubscribeResult;
import io.clientele.testing.LockStep;
import io.clientele.testing.TestClientele;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.clientele.consent.model.ConsentRecord;
import java.util.List;

/**
 * Regression for "unsubscribing while the client is being erased stores personal data on the
 * erased client": {@code unsubscribe} checked that the client was not erased, then waited for the
 * client's lock, and once it had it recorded an opt-out with the IP address and user agent, an
 * audit entry and an event for a client erased meanwhile. Forced on interleaved units of work (as
 * at READ COMMITTED): the erasure holds the client's lock while the unsubscribe waits for it.
 * {@code RaceErasureTest} runs the same race in both orders with every other section.
 */
class UnsubscribeDuringErasureTest {

    @Test
    @Tag("in-memory")
    void an_unsubscribe_that_waited_for_an_erasure_answers_unknown_and_stores_nothing_about_the_erased_client()
            throws Exception {
        TestClientele t = new TestClientele(MemoryTransactions.interleaved());
        Client ana = t.ana();
        t.clientele.invitations().invite(OWNER, TENANT, ana.id());
        t.clientele.mailDispatcher().dispatchAll();
        String link = linkToken(t.memory.mailSender().delivered().get(0), "unsubscribe");

        LockStep.Outcomes outcomes = new LockStep(t.memory.transactions()).run(
                () -> {
                    t.clientele.erasure().erase(OWNER, TENANT, ana.id());
                    return null;
                },
                () -> t.clientele.activation().unsubscribe(TENANT, link, new ConsentOrigin(Optional.of("203.0.113.7"),
                        Optional.of("Mozilla/5.0 (Ana's iPhone)"))));

        assertThat(outcomes.first().succeeded()).as("the erasure").isTrue();
        assertThat(outcomes.second().result()).as("the unsubscribe that waited for it")
                .isInstanceOf(UnsubscribeResult.Unknown.class);
        assertThat(t.reload(ana.id()).erased()).isTrue();
        assertThat(t.<List<ConsentRecord>>read(
                s -> s.consents().history(TENANT, ana.id()))).as("consent records of the erased client")
                .isEmpty();
        assertThat(t.auditEntries(AuditAction.CONSENT_RECORDED)).isEmpty();
        assertThat(t.memory.events().events(InvitationEvents.UnsubscribedFromInvitations.class)).isEmpty();
    }
}
