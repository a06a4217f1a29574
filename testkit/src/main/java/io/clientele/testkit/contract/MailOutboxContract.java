package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.mail.model.MailActivity;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxClaim;
import io.clientele.mail.model.OutboxMark;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.port.MailOutbox;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link MailOutbox}: messages are found in their tenant only; a campaign holds at
 * most one message per client ({@code DUPLICATE}); the look-ups by client and kind, by campaign and
 * for password-reset requests answer what their Javadoc says; resolving a request touches only an
 * unresolved request of the tenant; the claim takes due pending messages across tenants, oldest due
 * first, up to its limit, and leases them; marks (one by one or in a batch) apply only to a
 * message still pending under the claim; cancelling and the two erasures blank what they say; a
 * rolled-back unit of work leaves nothing. Claims racing each other are {@link
 * MailOutboxConcurrencyContract}'s.
 *
 * <p>The claim spans tenants, so {@link #createAdapter()} must answer an empty outbox. Not
 * thread-safe: JUnit makes one instance per test.
 */
public abstract class MailOutboxContract {

    private static final Duration LEASE = Duration.ofMinutes(5);

    private MailOutbox outbox;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;
    private ClientId ana;
    private ClientId bea;

    /**
     * The adapter under test over an empty outbox, and the runner whose units of work it joins;
     * called before each test.
     */
    protected abstract PortUnderTest<MailOutbox> createAdapter();

    @BeforeEach
    void setUpMailOutboxContract() {
        PortUnderTest<MailOutbox> adapter = createAdapter();
        outbox = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
        ana = fx.newClientId();
        bea = fx.newClientId();
    }

    private OutboxMessage enqueue(OutboxMessage message) {
        tx.run(() -> outbox.enqueue(message));
        return message;
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private OutboxMessage stored(OutboxMessage message) {
        return read(() -> outbox.find(message.tenantId(), message.id())).orElseThrow();
    }

    private List<OutboxMessage> claim(OutboxClaim claim, Instant now, int limit) {
        return tx.inTransaction(() -> outbox.claimDue(claim, now, limit, LEASE));
    }

    private OutboxClaim newClaim() {
        return new OutboxClaim(fx.nextId());
    }

    private static List<UUID> ids(List<OutboxMessage> messages) {
        return messages.stream().map(OutboxMessage::id).toList();
    }

    @Test
    void an_enqueued_message_is_found_in_its_tenant_only() {
        OutboxMessage mail = enqueue(fx.anInvitationMail(tenant, ana).build());

        assertThat(read(() -> outbox.find(tenant, mail.id()))).contains(mail);
        assertThat(read(() -> outbox.find(otherTenant, mail.id()))).isEmpty();
        assertThat(read(() -> outbox.findAll(otherTenant, List.of(mail.id())))).isEmpty();
        assertThat(read(() -> outbox.listForClient(otherTenant, ana))).isEmpty();
        assertThat(read(() -> outbox.listForClient(tenant, ana))).containsExactly(mail);
    }

    @Test
    void an_id_that_is_stored_already_cannot_be_enqueued_again() {
        OutboxMessage mail = enqueue(fx.anInvitationMail(tenant, ana).build());
        OutboxClaim claim = newClaim();
        claim(claim, fx.now(), 10);
        tx.run(() -> outbox.markSent(tenant, mail.id(), claim, fx.now()));
        OutboxMessage sent = stored(mail);

        duplicate(() -> enqueue(mail));

        assertThat(stored(mail)).isEqualTo(sent);
        assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
    }

    @Test
    void a_campaign_holds_at_most_one_message_per_client() {
        CampaignId campaign = new CampaignId(fx.nextId());
        enqueue(fx.anInvitationMail(tenant, ana).inCampaign(campaign).build());
        OutboxMessage again = fx.anInvitationMail(tenant, ana).inCampaign(campaign).build();

        duplicate(() -> enqueue(again));

        assertThat(read(() -> outbox.find(tenant, again.id()))).isEmpty();
        enqueue(fx.anInvitationMail(tenant, bea).inCampaign(campaign).build());
        enqueue(fx.anInvitationMail(tenant, ana).inCampaign(new CampaignId(fx.nextId())).build());
        enqueue(fx.anInvitationMail(tenant, ana).build());
        enqueue(fx.anInvitationMail(tenant, ana).build());
        assertThat(read(() -> outbox.listForClient(tenant, ana))).hasSize(4);
        ClientId stranger = fx.newClientId();
        assertThat(read(() -> outbox.heldByCampaign(tenant, campaign, Set.of(ana, bea, stranger))))
                .containsExactlyInAnyOrder(ana, bea);
        assertThat(read(() -> outbox.heldByCampaign(otherTenant, campaign, Set.of(ana)))).isEmpty();
        assertThat(read(() -> outbox.heldByCampaign(tenant, campaign, Set.of()))).isEmpty();
    }

    @Test
    void finding_many_messages_answers_each_message_of_the_tenant_once() {
        OutboxMessage one = enqueue(fx.anInvitationMail(tenant, ana).build());
        OutboxMessage two = enqueue(fx.anInvitationMail(tenant, bea).build());
        OutboxMessage elsewhere = enqueue(fx.anInvitationMail(otherTenant, ana).build());

        assertThat(read(() -> outbox.findAll(tenant, List.of(two.id(), elsewhere.id(), fx.nextId(), one.id(),
                two.id())))).containsExactlyInAnyOrder(one, two);
        assertThat(read(() -> outbox.findAll(tenant, List.of()))).isEmpty();
    }

    @Test
    void the_batch_look_ups_and_marks_handle_a_hundred_messages_at_once() {
        List<ClientId> clients = new ArrayList<>();
        List<OutboxMessage> mails = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ClientId client = fx.newClientId();
            clients.add(client);
            mails.add(enqueue(fx.anInvitationMail(tenant, client).build()));
        }
        OutboxClaim claim = newClaim();
        assertThat(claim(claim, fx.now(), 100)).hasSize(100);
        List<OutboxMark> marks = new ArrayList<>();
        mails.forEach(m -> marks.add(new OutboxMark.Sent(m.id(), fx.now())));

        assertThat(read(() -> outbox.activity(tenant, MailKind.INVITATION, Set.copyOf(clients)))).hasSize(100)
                .containsOnlyKeys(clients);
        assertThat(read(() -> outbox.findAll(tenant, ids(mails)))).hasSize(100);
        assertThat(tx.inTransaction(() -> outbox.mark(tenant, claim, marks))).containsExactlyInAnyOrderElementsOf(
                ids(mails));
        assertThat(read(() -> outbox.findAll(tenant, ids(mails)))).extracting(OutboxMessage::status)
                .containsOnly(OutboxStatus.SENT);
    }

    @Test
    void a_client_s_messages_are_listed_oldest_first_without_unresolved_requests() {
        OutboxMessage first = enqueue(fx.anInvitationMail(tenant, ana).build());
        fx.advance(Duration.ofMinutes(1));
        OutboxMessage second = enqueue(fx.anInvitationMail(tenant, ana).passwordReset().build());
        fx.advance(Duration.ofMinutes(1));
        OutboxMessage third = enqueue(fx.anInvitationMail(tenant, ana).build());
        enqueue(fx.resetRequest(tenant, "ana@example.com"));
        enqueue(fx.anInvitationMail(tenant, bea).build());

        assertThat(read(() -> outbox.listForClient(tenant, ana))).containsExactly(first, second, third);
    }

    @Test
    void the_last_enqueue_of_a_kind_counts_every_status_but_cancelled() {
        enqueue(fx.anInvitationMail(tenant, ana).build());
        Instant second = fx.advance(Duration.ofHours(1));
        enqueue(fx.anInvitationMail(tenant, ana).build());
        enqueue(fx.anInvitationMail(tenant, bea).build());
        fx.advance(Duration.ofHours(1));
        enqueue(fx.anInvitationMail(tenant, ana).passwordReset().build());
        enqueue(fx.anInvitationMail(otherTenant, ana).build());
        ClientId cy = fx.newClientId();
        enqueue(fx.anInvitationMail(tenant, cy).build());
        tx.run(() -> outbox.cancelPending(tenant, cy, MailKind.INVITATION));

        assertThat(read(() -> outbox.lastEnqueuedAt(tenant, ana, MailKind.INVITATION))).contains(second);
        assertThat(read(() -> outbox.lastEnqueuedAt(tenant, cy, MailKind.INVITATION))).isEmpty();
        Map<ClientId, MailActivity> activity = read(() -> outbox.activity(tenant, MailKind.INVITATION,
                Set.of(ana, bea, cy, fx.newClientId())));
        assertThat(activity).containsOnly(Map.entry(ana, new MailActivity(second, true)),
                Map.entry(bea, new MailActivity(second, true)));
        assertThat(read(() -> outbox.activity(tenant, MailKind.INVITATION, Set.of()))).isEmpty();
    }

    @Test
    void a_reset_request_counts_when_enqueued_after_the_instant_and_until_it_is_resolved() {
        Instant at = fx.advance(Duration.ofMinutes(1));
        OutboxMessage request = enqueue(fx.resetRequest(tenant, "ana@example.com"));
        enqueue(fx.resetRequest(tenant, "cy@example.com"));
        enqueue(fx.anInvitationMail(tenant, bea).passwordReset().to("bea@example.com").build());
        Instant before = at.minusSeconds(1);

        assertThat(read(() -> outbox.hasRequestAfter(tenant, "ana@example.com", before))).isTrue();
        assertThat(read(() -> outbox.hasRequestAfter(tenant, "ana@example.com", at))).as("strictly after").isFalse();
        assertThat(read(() -> outbox.hasRequestAfter(otherTenant, "ana@example.com", before))).isFalse();
        assertThat(read(() -> outbox.hasRequestAfter(tenant, "bea@example.com", before)))
                .as("a mail to a client is no request").isFalse();

        tx.run(() -> outbox.attachClients(tenant, List.of(request.attachedTo(ana, "fr", "Réinitialiser",
                "Votre lien."))));
        assertThat(read(() -> outbox.hasRequestAfter(tenant, "ana@example.com", before))).isFalse();
        tx.run(() -> outbox.anonymizeRequests(tenant, "cy@example.com"));
        assertThat(read(() -> outbox.hasRequestAfter(tenant, "cy@example.com", before))).isFalse();
    }

    @Test
    void resolving_requests_attaches_the_client_and_text_to_unresolved_requests_of_the_tenant_only() {
        OutboxMessage request = enqueue(fx.resetRequest(tenant, "ana@example.com"));
        OutboxMessage mail = enqueue(fx.anInvitationMail(tenant, bea).build());
        OutboxMessage foreign = enqueue(fx.resetRequest(otherTenant, "ana@example.com"));

        tx.run(() -> outbox.attachClients(tenant, List.of(request.attachedTo(ana, "fr", "Réinitialiser",
                "Votre lien."), mail.attachedTo(ana, "de", "Hijacked", "Hijacked."), foreign.attachedTo(ana, "fr",
                "Réinitialiser", "Votre lien."))));
        tx.run(() -> outbox.attachClients(tenant, List.of()));

        OutboxMessage resolved = stored(request);
        assertThat(resolved.clientId()).contains(ana);
        assertThat(resolved.language()).isEqualTo("fr");
        assertThat(resolved.subject()).isEqualTo("Réinitialiser");
        assertThat(resolved.message()).isEqualTo("Votre lien.");
        assertThat(resolved.recipient()).isEqualTo("ana@example.com");
        assertThat(resolved.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(resolved.nextAttemptAt()).isEqualTo(request.nextAttemptAt());
        assertThat(resolved.createdAt()).isEqualTo(request.createdAt());
        assertThat(stored(mail)).isEqualTo(mail);
        assertThat(stored(foreign)).isEqualTo(foreign);
        assertThat(read(() -> outbox.listForClient(tenant, ana))).containsExactly(resolved);
    }

    @Test
    void the_claim_takes_due_pending_messages_of_every_tenant_oldest_due_first_up_to_its_limit() {
        OutboxMessage first = enqueue(fx.anInvitationMail(tenant, ana).build());
        OutboxMessage tieA = enqueue(fx.anInvitationMail(otherTenant, bea).build());
        OutboxMessage tieB = enqueue(fx.anInvitationMail(tenant, bea).build());
        fx.advance(Duration.ofMinutes(1));
        OutboxMessage later = enqueue(fx.anInvitationMail(otherTenant, ana).build());
        Instant now = fx.advance(Duration.ofMinutes(1));
        fx.advance(Duration.ofMinutes(1));
        OutboxMessage notYetDue = enqueue(fx.anInvitationMail(tenant, fx.newClientId()).build());
        List<UUID> tie = List.of(tieA.id(), tieB.id()).stream().sorted().toList();

        List<OutboxMessage> claimed = claim(newClaim(), now, 3);

        assertThat(ids(claimed)).containsExactly(first.id(), tie.get(0), tie.get(1));
        assertThat(claimed).allSatisfy(m -> assertThat(m.nextAttemptAt()).isEqualTo(now.plus(LEASE)));
        assertThat(stored(first).nextAttemptAt()).isEqualTo(now.plus(LEASE));
        assertThat(stored(first).status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(ids(claim(newClaim(), now, 10))).as("leased rows are not claimed again")
                .containsExactly(later.id());
        assertThat(claim(newClaim(), now, 10)).isEmpty();
        assertThat(ids(claim(newClaim(), now.plus(LEASE), 10))).as("a lease that ran out")
                .containsExactlyInAnyOrder(first.id(), tieA.id(), tieB.id(), later.id(), notYetDue.id());
    }

    @Test
    void the_claim_leaves_sent_failed_and_cancelled_messages_alone() {
        OutboxMessage sent = enqueue(fx.anInvitationMail(tenant, ana).build());
        OutboxMessage failed = enqueue(fx.anInvitationMail(tenant, bea).build());
        ClientId cy = fx.newClientId();
        enqueue(fx.anInvitationMail(tenant, cy).build());
        OutboxClaim claim = newClaim();
        claim(claim, fx.now(), 10);
        tx.run(() -> outbox.markSent(tenant, sent.id(), claim, fx.now()));
        tx.run(() -> outbox.markFailed(tenant, failed.id(), claim, "550 no such user"));
        tx.run(() -> outbox.cancelPending(tenant, cy, MailKind.INVITATION));

        assertThat(claim(newClaim(), fx.now().plus(Duration.ofDays(1)), 10)).isEmpty();
    }

    @Test
    void a_message_is_marked_sent_under_its_claim_only_and_once() {
        OutboxMessage mail = enqueue(fx.anInvitationMail(tenant, ana).build());
        OutboxClaim claim = newClaim();
        claim(claim, fx.now(), 10);
        OutboxMessage claimed = stored(mail);
        Instant at = fx.advance(Duration.ofSeconds(3));

        assertThat(tx.inTransaction(() -> outbox.markSent(tenant, mail.id(), newClaim(), at))).isFalse();
        assertThat(tx.inTransaction(() -> outbox.markSent(otherTenant, mail.id(), claim, at))).isFalse();
        assertThat(stored(mail)).isEqualTo(claimed);

        assertThat(tx.inTransaction(() -> outbox.markSent(tenant, mail.id(), claim, at))).isTrue();
        OutboxMessage sent = stored(mail);
        assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(sent.sentAt()).contains(at);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(tx.inTransaction(() -> outbox.markSent(tenant, mail.id(), claim, at))).isFalse();
        assertThat(tx.inTransaction(() -> outbox.markFailed(tenant, mail.id(), claim, "late"))).isFalse();
        assertThat(stored(mail)).isEqualTo(sent);
    }

    @Test
    void a_retry_keeps_the_message_pending_until_its_next_attempt_and_a_failure_gives_it_up() {
        OutboxMessage retried = enqueue(fx.anInvitationMail(tenant, ana).build());
        OutboxMessage failed = enqueue(fx.anInvitationMail(tenant, bea).build());
        OutboxClaim claim = newClaim();
        claim(claim, fx.now(), 10);
        Instant next = fx.now().plus(Duration.ofMinutes(2));

        assertThat(tx.inTransaction(() -> outbox.markRetry(tenant, retried.id(), claim, next, "421 busy"))).isTrue();
        assertThat(tx.inTransaction(() -> outbox.markFailed(tenant, failed.id(), claim, "550 unknown"))).isTrue();

        OutboxMessage pending = stored(retried);
        assertThat(pending.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(pending.attempts()).isEqualTo(1);
        assertThat(pending.nextAttemptAt()).isEqualTo(next);
        assertThat(pending.lastError()).contains("421 busy");
        OutboxMessage givenUp = stored(failed);
        assertThat(givenUp.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(givenUp.attempts()).isEqualTo(1);
        assertThat(givenUp.lastError()).contains("550 unknown");
        assertThat(claim(newClaim(), next.minusMillis(1), 10)).isEmpty();
        assertThat(ids(claim(newClaim(), next, 10))).containsExactly(retried.id());
    }

    @Test
    void a_late_mark_under_a_claim_another_dispatcher_took_over_changes_nothing() {
        OutboxMessage mail = enqueue(fx.anInvitationMail(tenant, ana).build());
        OutboxClaim first = newClaim();
        OutboxClaim second = newClaim();
        claim(first, fx.now(), 10);
        Instant later = fx.now().plus(LEASE).plusSeconds(1);
        assertThat(ids(claim(second, later, 10))).containsExactly(mail.id());
        OutboxMessage takenOver = stored(mail);

        assertThat(tx.inTransaction(() -> outbox.markSent(tenant, mail.id(), first, later))).isFalse();
        assertThat(tx.inTransaction(() -> outbox.markRetry(tenant, mail.id(), first, later, "timeout"))).isFalse();
        assertThat(tx.inTransaction(() -> outbox.markFailed(tenant, mail.id(), first, "rejected"))).isFalse();
        assertThat(tx.inTransaction(() -> outbox.mark(tenant, first, List.of(new OutboxMark.Cancelled(mail.id())))))
                .isEmpty();
        assertThat(stored(mail)).isEqualTo(takenOver);

        assertThat(tx.inTransaction(() -> outbox.markSent(tenant, mail.id(), second, later))).isTrue();
    }

    @Test
    void the_batch_mark_applies_each_mark_and_answers_the_messages_it_changed() {
        OutboxMessage sent = enqueue(fx.anInvitationMail(tenant, ana).build());
        OutboxMessage retried = enqueue(fx.anInvitationMail(tenant, bea).build());
        OutboxMessage failed = enqueue(fx.anInvitationMail(tenant, fx.newClientId()).build());
        OutboxMessage cancelled = enqueue(fx.anInvitationMail(tenant, fx.newClientId()).build());
        ClientId withdrawnClient = fx.newClientId();
        OutboxMessage withdrawn = enqueue(fx.anInvitationMail(tenant, withdrawnClient).build());
        OutboxMessage foreign = enqueue(fx.anInvitationMail(otherTenant, ana).build());
        OutboxClaim claim = newClaim();
        claim(claim, fx.now(), 10);
        tx.run(() -> outbox.cancelPending(tenant, withdrawnClient, MailKind.INVITATION));
        OutboxMessage foreignClaimed = stored(foreign);
        OutboxMessage withdrawnNow = stored(withdrawn);
        Instant now = fx.now();
        Instant next = now.plus(Duration.ofMinutes(1));

        var marked = tx.inTransaction(() -> outbox.mark(tenant, claim, List.of(new OutboxMark.Sent(sent.id(), now),
                new OutboxMark.Retry(retried.id(), next, "timeout"), new OutboxMark.Failed(failed.id(), "rejected"),
                new OutboxMark.Cancelled(cancelled.id()), new OutboxMark.Sent(withdrawn.id(), now),
                new OutboxMark.Sent(foreign.id(), now), new OutboxMark.Sent(fx.nextId(), now))));

        assertThat(marked).containsExactlyInAnyOrder(sent.id(), retried.id(), failed.id(), cancelled.id());
        assertThat(stored(sent).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(stored(sent).sentAt()).contains(now);
        assertThat(stored(retried).status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(stored(retried).nextAttemptAt()).isEqualTo(next);
        assertThat(stored(retried).attempts()).isEqualTo(1);
        assertThat(stored(failed).status()).isEqualTo(OutboxStatus.FAILED);
        OutboxMessage cancelledNow = stored(cancelled);
        assertThat(cancelledNow.status()).isEqualTo(OutboxStatus.CANCELLED);
        assertThat(cancelledNow.attempts()).isZero();
        assertThat(List.of(cancelledNow.recipient(), cancelledNow.subject(), cancelledNow.message()))
                .containsOnly("");
        assertThat(stored(withdrawn)).isEqualTo(withdrawnNow);
        assertThat(stored(foreign)).isEqualTo(foreignClaimed);
        assertThat(tx.inTransaction(() -> outbox.mark(tenant, claim, List.of()))).isEmpty();
    }

    @Test
    void cancelling_a_client_s_pending_messages_of_a_kind_blanks_their_recipient_and_counts_them() {
        OutboxMessage one = enqueue(fx.anInvitationMail(tenant, ana).build());
        OutboxMessage two = enqueue(fx.anInvitationMail(tenant, ana).build());
        OutboxMessage reset = enqueue(fx.anInvitationMail(tenant, ana).passwordReset().build());
        OutboxMessage beas = enqueue(fx.anInvitationMail(tenant, bea).build());
        OutboxMessage elsewhere = enqueue(fx.anInvitationMail(otherTenant, ana).build());
        OutboxClaim claim = newClaim();
        claim(claim, fx.now(), 10);
        tx.run(() -> outbox.markSent(tenant, two.id(), claim, fx.now()));
        OutboxMessage sent = stored(two);

        assertThat(read(() -> outbox.hasPending(tenant, ana, MailKind.INVITATION))).isTrue();
        assertThat(tx.inTransaction(() -> outbox.cancelPending(tenant, ana, MailKind.INVITATION))).isEqualTo(1);

        assertThat(stored(one).status()).isEqualTo(OutboxStatus.CANCELLED);
        assertThat(stored(one).recipient()).isEmpty();
        assertThat(stored(two)).isEqualTo(sent);
        assertThat(stored(reset).status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(stored(beas).status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(stored(elsewhere).status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(read(() -> outbox.hasPending(tenant, ana, MailKind.INVITATION))).isFalse();
        assertThat(read(() -> outbox.hasPending(tenant, ana, MailKind.PASSWORD_RESET))).isTrue();
        assertThat(read(() -> outbox.hasPending(otherTenant, bea, MailKind.INVITATION))).isFalse();
        assertThat(tx.inTransaction(() -> outbox.cancelPending(tenant, ana, MailKind.INVITATION))).isZero();
    }

    @Test
    void erasure_cancels_the_client_s_pending_messages_and_blanks_every_one_of_them() {
        OutboxMessage pending = enqueue(fx.anInvitationMail(tenant, ana).build());
        OutboxMessage sent = enqueue(fx.anInvitationMail(tenant, ana).build());
        OutboxMessage retried = enqueue(fx.anInvitationMail(tenant, ana).passwordReset().build());
        OutboxMessage beas = enqueue(fx.anInvitationMail(tenant, bea).build());
        OutboxMessage elsewhere = enqueue(fx.anInvitationMail(otherTenant, ana).build());
        OutboxClaim claim = newClaim();
        claim(claim, fx.now(), 10);
        tx.run(() -> outbox.markSent(tenant, sent.id(), claim, fx.now()));
        tx.run(() -> outbox.markRetry(tenant, retried.id(), claim, fx.now(), "421 ana@example.com busy"));

        assertThat(tx.inTransaction(() -> outbox.anonymize(tenant, ana))).isEqualTo(3);

        for (OutboxMessage m : List.of(stored(pending), stored(sent), stored(retried))) {
            assertThat(List.of(m.recipient(), m.subject(), m.message())).as("blanked").containsOnly("");
            assertThat(m.lastError()).isEmpty();
        }
        assertThat(stored(pending).status()).isEqualTo(OutboxStatus.CANCELLED);
        assertThat(stored(retried).status()).isEqualTo(OutboxStatus.CANCELLED);
        assertThat(stored(sent).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(stored(beas).recipient()).isEqualTo(beas.recipient());
        assertThat(stored(elsewhere).recipient()).isEqualTo(elsewhere.recipient());
        assertThat(claim(newClaim(), fx.now().plus(Duration.ofDays(1)), 10)).extracting(OutboxMessage::id)
                .doesNotContain(pending.id(), retried.id());
    }

    @Test
    void erasure_of_an_address_cancels_and_blanks_the_reset_requests_not_yet_resolved_for_it() {
        OutboxMessage pendingRequest = enqueue(fx.resetRequest(tenant, "ana@example.com"));
        OutboxMessage failedRequest = enqueue(fx.resetRequest(tenant, "ana@example.com"));
        OutboxMessage resolvedMail = enqueue(fx.anInvitationMail(tenant, ana).passwordReset()
                .to("ana@example.com").build());
        OutboxMessage otherAddress = enqueue(fx.resetRequest(tenant, "bea@example.com"));
        OutboxMessage elsewhere = enqueue(fx.resetRequest(otherTenant, "ana@example.com"));
        OutboxClaim claim = newClaim();
        List<OutboxMessage> claimed = claim(claim, fx.now(), 10);
        tx.run(() -> outbox.markFailed(tenant, failedRequest.id(), claim, "550 ana@example.com unknown"));
        tx.run(() -> outbox.markRetry(tenant, pendingRequest.id(), claim, fx.now(), "421 busy"));
        Map<UUID, OutboxMessage> before = new HashMap<>();
        claimed.forEach(m -> before.put(m.id(), stored(m)));

        assertThat(tx.inTransaction(() -> outbox.anonymizeRequests(tenant, "ana@example.com"))).isEqualTo(2);

        OutboxMessage cancelled = stored(pendingRequest);
        assertThat(cancelled.status()).isEqualTo(OutboxStatus.CANCELLED);
        assertThat(cancelled.recipient()).isEmpty();
        assertThat(cancelled.lastError()).isEmpty();
        OutboxMessage givenUp = stored(failedRequest);
        assertThat(givenUp.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(givenUp.recipient()).isEmpty();
        assertThat(givenUp.lastError()).isEmpty();
        assertThat(stored(resolvedMail)).isEqualTo(before.get(resolvedMail.id()));
        assertThat(stored(otherAddress)).isEqualTo(before.get(otherAddress.id()));
        assertThat(stored(elsewhere)).isEqualTo(before.get(elsewhere.id()));
        assertThat(tx.inTransaction(() -> outbox.anonymizeRequests(tenant, "ana@example.com"))).isZero();
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_message_no_claim_and_no_mark() {
        OutboxMessage claimedBefore = enqueue(fx.anInvitationMail(tenant, ana).build());
        OutboxClaim claim = newClaim();
        claim(claim, fx.now(), 10);
        OutboxMessage leased = stored(claimedBefore);
        OutboxMessage waiting = enqueue(fx.anInvitationMail(tenant, bea).build());
        OutboxMessage added = fx.anInvitationMail(tenant, fx.newClientId()).build();
        Instant later = fx.advance(Duration.ofSeconds(1));

        rolledBack(tx, () -> {
            outbox.enqueue(added);
            outbox.markSent(tenant, claimedBefore.id(), claim, later);
            outbox.claimDue(newClaim(), later, 10, LEASE);
            outbox.cancelPending(tenant, bea, MailKind.INVITATION);
        });

        assertThat(read(() -> outbox.find(tenant, added.id()))).isEmpty();
        assertThat(stored(claimedBefore)).isEqualTo(leased);
        assertThat(stored(waiting)).isEqualTo(waiting);
        assertThat(tx.inTransaction(() -> outbox.markSent(tenant, claimedBefore.id(), claim, later)))
                .as("the first claim still holds the row").isTrue();
        assertThat(ids(claim(newClaim(), later, 10))).containsExactly(waiting.id());
        assertThat(stored(waiting).nextAttemptAt()).isEqualTo(later.plus(LEASE));
    }
}
