package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.adapter.memory.InMemoryMessageTemplates;
import io.clientele.adapter.memory.RecordingMailSender;
import io.clientele.adapter.memory.SimpleMailComposer;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.consent.model.ConsentSource;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.PreparedCredential;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.port.CredentialStore;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxClaim;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import io.clientele.mail.port.MailComposer;
import io.clientele.mail.port.MailSender;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MailDispatcherTest {

    private static final Pattern ACTIVATION_LINK = link("activate");
    private static final Pattern RESET_LINK = link("reset-password");
    private static final Pattern UNSUBSCRIBE_LINK = link("unsubscribe");

    private final TestClientele t = new TestClientele();
    private final RecordingMailSender sender = new RecordingMailSender();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final Pacer clockPacer = d -> {
        pauses.add(d);
        t.clock.advance(d);
    };
    private final InMemoryMessageTemplates templates =
            new InMemoryMessageTemplates(t.memory.tenantSettings().put(TENANT,
                    TenantSettings.defaults().withStudioName("Yoga Loft")));
    private final AtomicInteger credentialCalls = new AtomicInteger();
    private final CredentialStore credentials = new CredentialStore() {
        @Override
        public void setPassword(TenantId tenant, ClientId client, PreparedCredential password) {
            credentialCalls.incrementAndGet();
        }

        @Override
        public void remove(TenantId tenant, ClientId client) {
            credentialCalls.incrementAndGet();
        }
    };

    private InvitationConfig config = InvitationFixture.CONFIG;
    private InvitationSupport support = new InvitationSupport(ports(sender, new SimpleMailComposer()));
    private MailDispatcher dispatcher = dispatcher(sender, new SimpleMailComposer());

    @Test
    void a_dispatcher_that_outlived_its_lease_does_not_overwrite_the_next_claimers_claim() {
        Client ana = t.ana();
        OutboxMessage row = enqueue(ana);
        List<OutboxMessage> reclaimed = new CopyOnWriteArrayList<>();
        MailSender slowAndFailing = batch -> {
            // while this send hangs, the lease runs out and another dispatcher claims the row
            t.clock.advance(InvitationFixture.CONFIG.dispatchLease().plusSeconds(1));
            reclaimed.addAll(t.stores.transactions().inTransaction(() -> t.stores.outbox().claimDue(
                    new OutboxClaim(t.ids.next()), t.clock.instant(), 10, InvitationFixture.CONFIG.dispatchLease())));
            return batch.stream().<SendResult>map(m -> new SendResult.TransientFailure(m.id(), "timeout")).toList();
        };
        MailDispatcher first = dispatcher(slowAndFailing, new SimpleMailComposer());

        DispatchReport report = first.dispatchDue();

        assertThat(reclaimed).singleElement().extracting(OutboxMessage::id).isEqualTo(row.id());
        assertThat(report.retried()).isZero();
        assertThat(report.lost()).as("the row is reported lost").isEqualTo(1);
        OutboxMessage now = outboxRow(row);
        assertThat(now.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(now.attempts()).as("the late failure was not counted").isZero();
        assertThat(now.nextAttemptAt()).as("the new claim's lease stands").isEqualTo(reclaimed.get(0).nextAttemptAt());
    }

    @Test
    void a_dispatcher_whose_lease_ran_out_neither_marks_the_row_nor_its_client_and_reports_it_lost() {
        Client ana = t.ana();
        OutboxMessage row = enqueue(ana);
        MailDispatcher second = dispatcher(sender, new SimpleMailComposer());
        List<DispatchReport> secondReports = new CopyOnWriteArrayList<>();
        MailSender slow = batch -> {
            // the first dispatcher's send hangs past its lease; another host instance claims the row,
            // sends it and records it meanwhile
            t.clock.advance(InvitationFixture.CONFIG.dispatchLease().plusSeconds(1));
            secondReports.add(second.dispatchDue());
            return sender.send(batch);
        };
        MailDispatcher first = dispatcher(slow, new SimpleMailComposer());
        Instant firstClaim = t.clock.instant();

        DispatchReport late = first.dispatchDue();

        assertThat(secondReports).containsExactly(new DispatchReport(1, 1, 0, 0, 0, 0));
        assertThat(late).as("the late mark changed nothing and says so").isEqualTo(new DispatchReport(1, 0, 0, 0, 0, 1));
        OutboxMessage recorded = outboxRow(row);
        assertThat(recorded.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(recorded.attempts()).as("sent once as far as the outbox knows").isEqualTo(1);
        assertThat(recorded.sentAt()).as("the second dispatcher's mark").isPresent()
                .hasValueSatisfying(at -> assertThat(at).isAfter(firstClaim));
        assertThat(t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.INVITED);
        assertThat(audit(ana, AuditAction.INVITATION_SENT)).as("the client was marked once").hasSize(1);
        assertThat(t.memory.events().events(InvitationEvents.InvitationSent.class)).hasSize(1);
        // both mails went out (at-least-once), and both links work: the late mail's too
        assertThat(sender.deliveredTo("ana.lopez@example.com")).hasSize(2);
        for (RenderedMail mail : sender.delivered()) {
            IssuedToken link = t.read(s -> s.tokens().findByHash(TENANT, new RawToken(token(ACTIVATION_LINK,
                    mail.textBody())).hash())).orElseThrow();
            assertThat(link.isLive(t.clock.instant())).isTrue();
        }
    }

    // ---- sending --------------------------------------------------------------------------------

    @Test
    void a_sent_invitation_moves_the_client_to_invited_audits_and_publishes_invitation_sent() {
        Client ana = t.ana();
        OutboxMessage row = enqueue(ana);

        DispatchReport report = dispatcher.dispatchDue();

        assertThat(report).isEqualTo(new DispatchReport(1, 1, 0, 0, 0));
        assertThat(outboxRow(row).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(outboxRow(row).sentAt()).contains(t.clock.instant());
        assertThat(t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.INVITED);
        assertThat(t.memory.events().events(InvitationEvents.InvitationSent.class))
                .containsExactly(new InvitationEvents.InvitationSent(TENANT, ana.id(), row.id(), t.clock.instant()));
        assertThat(audit(ana, AuditAction.INVITATION_SENT)).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("system:mail-dispatcher"));
        RenderedMail mail = sender.delivered().get(0);
        assertThat(mail.to()).isEqualTo("ana.lopez@example.com");
        assertThat(mail.subject()).isEqualTo(row.subject());
        assertThat(mail.textBody()).contains("Hello Ana,", row.message(), "Yoga Loft", "valid for 14 days");
    }

    @Test
    void a_resend_to_an_invited_client_keeps_them_invited_and_publishes_again() {
        Client ana = t.ana();
        enqueue(ana);
        dispatcher.dispatchDue();
        t.clock.advance(Duration.ofDays(2));
        enqueue(t.reload(ana.id()));

        DispatchReport report = dispatcher.dispatchDue();

        assertThat(report.sent()).isEqualTo(1);
        assertThat(t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.INVITED);
        assertThat(t.memory.events().events(InvitationEvents.InvitationSent.class)).hasSize(2);
        assertThat(sender.deliveredTo("ana.lopez@example.com")).hasSize(2);
    }

    @Test
    void tokens_are_generated_at_dispatch_and_only_their_hashes_are_stored() {
        Client ana = t.ana();
        enqueue(ana);
        assertThat(t.allIssuedTokens()).as("no token before dispatch").isEmpty();

        dispatcher.dispatchDue();

        RenderedMail mail = sender.delivered().get(0);
        String activation = token(ACTIVATION_LINK, mail.textBody());
        String unsubscribe = token(UNSUBSCRIBE_LINK, mail.textBody());
        assertThat(mail.htmlBody()).contains(activation, unsubscribe);
        IssuedToken stored = t.read(s -> s.tokens().findByHash(TENANT, new RawToken(activation).hash())).orElseThrow();
        assertThat(stored.purpose()).isEqualTo(TokenPurpose.ACTIVATION);
        assertThat(stored.clientId()).isEqualTo(ana.id());
        assertThat(stored.expiresAt()).isEqualTo(t.clock.instant().plus(Duration.ofDays(14)));
        IssuedToken optOut = t.read(s -> s.tokens().findByHash(TENANT, new RawToken(unsubscribe).hash())).orElseThrow();
        assertThat(optOut.purpose()).isEqualTo(TokenPurpose.UNSUBSCRIBE);
        assertThat(optOut.category()).contains(MarketingPreference.INVITATIONS);
        t.storedState().forEach((store, items) -> items.forEach(item -> assertThat(item).as(store)
                .doesNotContain(activation, unsubscribe)));
    }

    @Test
    void links_carry_the_tenant_id_before_the_token() {
        Client ana = t.ana();
        Client foreign = t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT,
                ClientDetails.named("Fay", "Other").withEmail("fay.other@example.com"));
        enqueue(ana);
        enqueue(foreign);

        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(2);

        RenderedMail mail = sender.deliveredTo("ana.lopez@example.com").get(0);
        String activation = token(ACTIVATION_LINK, mail.textBody());
        String unsubscribe = token(UNSUBSCRIBE_LINK, mail.textBody());
        assertThat(mail.textBody()).contains(
                "https://studio.example/activate?tenant=studio-a&token=" + activation,
                "https://studio.example/unsubscribe?tenant=studio-a&token=" + unsubscribe);
        assertThat(mail.htmlBody()).contains(
                "href=\"https://studio.example/activate?tenant=studio-a&amp;token=" + activation + "\"",
                "href=\"https://studio.example/unsubscribe?tenant=studio-a&amp;token=" + unsubscribe + "\"");
        assertThat(mail.headers()).containsEntry("List-Unsubscribe",
                "<https://studio.example/unsubscribe?tenant=studio-a&token=" + unsubscribe + ">");

        RenderedMail foreignMail = sender.deliveredTo("fay.other@example.com").get(0);
        Pattern studioB =
                Pattern.compile("https://studio\\.example/activate\\?tenant=studio-b&token=([A-Za-z0-9_-]{43})");
        String foreignToken = token(studioB, foreignMail.textBody());
        assertThat(foreignMail.textBody()).doesNotContain("tenant=studio-a");
        assertThat(t.<Optional<IssuedToken>>read(
                s -> s.tokens().findByHash(OTHER_TENANT, new RawToken(foreignToken).hash()))).isPresent();
        assertThat(t.<Optional<IssuedToken>>read(
                s -> s.tokens().findByHash(TENANT, new RawToken(foreignToken).hash()))).isEmpty();
        assertThat(t.<Optional<IssuedToken>>read(
                s -> s.tokens().findByHash(OTHER_TENANT, new RawToken(activation).hash()))).isEmpty();
    }

    @Test
    void a_reset_link_carries_the_tenant_id_before_the_token() {
        Client ana = t.ana();
        t.change(s -> s.outbox().enqueue(OutboxMessage.pending(UUID.randomUUID(), TENANT, ana.id(),
                MailKind.PASSWORD_RESET, Optional.empty(), "ana.lopez@example.com", "en", "New password", "",
                t.clock.instant())));

        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(1);

        assertThat(sender.delivered().get(0).textBody())
                .contains("https://studio.example/reset-password?tenant=studio-a&token=");
    }

    @Test
    void a_password_reset_mail_carries_a_one_hour_reset_link_and_no_unsubscribe_link() {
        Client ana = t.ana();
        OutboxMessage row = OutboxMessage.pending(UUID.randomUUID(), TENANT, ana.id(), MailKind.PASSWORD_RESET,
                Optional.empty(), "ana.lopez@example.com", "fr", "Nouveau mot de passe", "", t.clock.instant());
        t.change(s -> s.outbox().enqueue(row));

        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(1);

        RenderedMail mail = sender.delivered().get(0);
        String reset = token(RESET_LINK, mail.textBody());
        IssuedToken stored = t.read(s -> s.tokens().findByHash(TENANT, new RawToken(reset).hash())).orElseThrow();
        assertThat(stored.purpose()).isEqualTo(TokenPurpose.PASSWORD_RESET);
        assertThat(stored.expiresAt()).isEqualTo(t.clock.instant().plus(Duration.ofHours(1)));
        assertThat(mail.textBody()).contains("Bonjour Ana,", "moins d'un jour").doesNotContain("unsubscribe");
        assertThat(mail.headers()).isEmpty();
        assertThat(t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.ADDED);
        assertThat(t.memory.events().events(InvitationEvents.InvitationSent.class)).isEmpty();
    }

    @Test
    void one_sender_call_carries_a_whole_batch() {
        List<Client> clients = clients(100);
        clients.forEach(this::enqueue);

        DispatchReport report = dispatcher.dispatchAll();

        assertThat(report.sent()).isEqualTo(100);
        assertThat(sender.calls()).isLessThanOrEqualTo(2);
        assertThat(sender.batches().get(0)).hasSize(100);
    }

    @Test
    void dispatch_all_sends_batch_after_batch_until_none_is_due() {
        config = InvitationFixture.CONFIG.withDispatchBatchSize(40);
        dispatcher = dispatcher(sender, new SimpleMailComposer());
        clients(100).forEach(this::enqueue);

        DispatchReport report = dispatcher.dispatchAll();

        assertThat(report).isEqualTo(new DispatchReport(100, 100, 0, 0, 0));
        assertThat(sender.batches()).extracting(List::size).containsExactly(40, 40, 20);
        assertThat(dispatcher.dispatchAll()).isEqualTo(DispatchReport.EMPTY);
    }

    // ---- failures ---------------------------------------------------------------------------------

    @Test
    void transient_failures_are_retried_with_growing_capped_backoff_then_succeed() {
        config = InvitationFixture.CONFIG.withRetries(8, Duration.ofMinutes(1), Duration.ofMinutes(5));
        dispatcher = dispatcher(sender, new SimpleMailComposer());
        Client ana = t.ana();
        OutboxMessage row = enqueue(ana);
        sender.failNextTransiently(5);

        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            assertThat(dispatcher.dispatchDue()).isEqualTo(new DispatchReport(1, 0, 1, 0, 0));
            OutboxMessage retried = outboxRow(row);
            assertThat(retried.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(retried.attempts()).isEqualTo(i + 1);
            delays.add(Duration.between(t.clock.instant(), retried.nextAttemptAt()));
            t.clock.advance(Duration.ofSeconds(59));
            assertThat(dispatcher.dispatchDue().claimed()).as("not due before its backoff").isZero();
            t.clock.set(retried.nextAttemptAt());
        }
        assertThat(delays).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(5), Duration.ofMinutes(5));

        assertThat(dispatcher.dispatchDue()).isEqualTo(new DispatchReport(1, 1, 0, 0, 0));
        assertThat(outboxRow(row).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.INVITED);
        assertThat(sender.mails()).hasSize(6);
        assertThat(t.<List<IssuedToken>>read(
                s -> s.tokens().live(TENANT, ana.id(), TokenPurpose.ACTIVATION, t.clock.instant())))
                .as("failed attempts' links are revoked, so they do not eat the live-links budget").hasSize(1);
        assertThat(t.<List<IssuedToken>>read(
                s -> s.tokens().live(TENANT, ana.id(), TokenPurpose.UNSUBSCRIBE, t.clock.instant())))
                .hasSize(1);
    }

    @Test
    void backoff_doubles_from_the_base_and_stops_at_the_cap() {
        Duration base = Duration.ofMinutes(1);
        Duration max = Duration.ofHours(6);
        assertThat(MailDispatcher.backoff(base, max, 0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(MailDispatcher.backoff(base, max, 3)).isEqualTo(Duration.ofMinutes(8));
        assertThat(MailDispatcher.backoff(base, max, 8)).isEqualTo(Duration.ofMinutes(256));
        assertThat(MailDispatcher.backoff(base, max, 9)).isEqualTo(max);
        assertThat(MailDispatcher.backoff(base, max, 99)).isEqualTo(max);
    }

    @Test
    void a_mail_fails_for_good_once_its_attempts_are_exhausted() {
        config = InvitationFixture.CONFIG.withRetries(3, Duration.ofMinutes(1), Duration.ofHours(1));
        dispatcher = dispatcher(sender, new SimpleMailComposer());
        Client ana = t.ana();
        OutboxMessage row = enqueue(ana);
        sender.failNextTransiently(10);

        DispatchReport total = DispatchReport.EMPTY;
        for (int i = 0; i < 5; i++) {
            total = total.plus(dispatcher.dispatchDue());
            t.clock.advance(Duration.ofHours(1));
        }

        assertThat(total).isEqualTo(new DispatchReport(3, 0, 2, 1, 0));
        OutboxMessage failed = outboxRow(row);
        assertThat(failed.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("gave up after 3 attempts"));
        assertThat(sender.mails()).hasSize(3);
        assertThat(t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.ADDED);
        assertThat(t.reload(ana.id()).emailRejectedAt()).isEmpty();
        assertThat(t.<List<IssuedToken>>read(
                s -> s.tokens().live(TENANT, ana.id(), TokenPurpose.ACTIVATION, t.clock.instant()))).isEmpty();
    }

    @Test
    void a_permanent_failure_fails_the_row_and_flags_the_address() {
        Client ana = t.ana();
        OutboxMessage row = enqueue(ana);
        sender.failNextPermanently(1);

        assertThat(dispatcher.dispatchDue()).isEqualTo(new DispatchReport(1, 0, 0, 1, 0));

        assertThat(outboxRow(row).status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(outboxRow(row).lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("permanent failure"));
        Client flagged = t.reload(ana.id());
        assertThat(flagged.emailRejectedAt()).contains(t.clock.instant());
        assertThat(flagged.hasDeliverableEmail()).isFalse();
        assertThat(flagged.invitationStatus()).isEqualTo(InvitationStatus.ADDED);
        assertThat(audit(ana, AuditAction.EMAIL_REJECTED)).hasSize(1);
        assertThat(t.memory.events().events(InvitationEvents.EmailRejected.class))
                .containsExactly(new InvitationEvents.EmailRejected(TENANT, ana.id(), t.clock.instant()));
        assertThat(t.<List<IssuedToken>>read(
                s -> s.tokens().live(TENANT, ana.id(), TokenPurpose.ACTIVATION, t.clock.instant()))).isEmpty();

        t.clock.advance(Duration.ofMinutes(10));
        assertThat(dispatcher.dispatchAll().claimed()).as("nothing retried").isZero();
        assertThat(sender.mails()).hasSize(1);
    }

    @Test
    void nothing_is_lost_when_the_sender_throws_mid_batch() {
        config = InvitationFixture.CONFIG.withDispatchBatchSize(4);
        dispatcher = dispatcher(sender, new SimpleMailComposer());
        List<Client> clients = clients(10);
        clients.forEach(this::enqueue);

        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(4);
        sender.throwOnNextBatches(1);
        assertThat(dispatcher.dispatchDue()).isEqualTo(new DispatchReport(4, 0, 4, 0, 0));
        List<RenderedMail> thrown = sender.batches().get(1);
        dispatcher.dispatchAll();
        t.clock.advance(Duration.ofMinutes(1));
        dispatcher.dispatchAll();

        assertThat(t.allOutboxMessages()).extracting(OutboxMessage::status).hasSize(10)
                .containsOnly(OutboxStatus.SENT);
        for (Client client : clients) {
            assertThat(sender.deliveredTo(client.details().email().orElseThrow().value())).hasSizeGreaterThanOrEqualTo(1);
            assertThat(t.reload(client.id()).invitationStatus()).isEqualTo(InvitationStatus.INVITED);
        }
        for (RenderedMail mail : thrown) {
            String activation = token(ACTIVATION_LINK, mail.textBody());
            IssuedToken token = t.read(
                    s -> s.tokens().findByHash(TENANT, new RawToken(activation).hash())).orElseThrow();
            assertThat(token.revokedAt()).as("the failed attempt's link is revoked").isPresent();
        }
    }

    @Test
    void mails_a_sender_delivered_before_throwing_are_sent_again_never_lost() {
        List<RenderedMail> reachedInbox = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        MailSender dropsMidBatch = batch -> {
            if (calls.getAndIncrement() == 0) {
                reachedInbox.addAll(batch.subList(0, 2));
                throw new IllegalStateException("connection reset after 2 mails");
            }
            return sender.send(batch);
        };
        dispatcher = dispatcher(dropsMidBatch, new SimpleMailComposer());
        List<Client> clients = clients(5);
        clients.forEach(this::enqueue);

        assertThat(dispatcher.dispatchDue().retried()).isEqualTo(5);
        t.clock.advance(Duration.ofMinutes(1));
        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(5);

        assertThat(reachedInbox).hasSize(2);
        assertThat(sender.delivered()).hasSize(5);
        assertThat(t.allOutboxMessages()).extracting(OutboxMessage::status).containsOnly(OutboxStatus.SENT);
    }

    @Test
    void a_sender_that_answers_nothing_for_a_mail_has_it_retried() {
        MailSender forgetful = batch -> List.of(new SendResult.Sent(batch.get(0).id()));
        dispatcher = dispatcher(forgetful, new SimpleMailComposer());
        clients(3).forEach(this::enqueue);

        assertThat(dispatcher.dispatchDue()).isEqualTo(new DispatchReport(3, 1, 2, 0, 0));
    }

    @Test
    void a_mail_that_cannot_be_composed_is_retried_and_leaves_no_token_behind() {
        AtomicInteger composeCalls = new AtomicInteger();
        MailComposer flaky = (id, model) -> {
            if (composeCalls.getAndIncrement() == 0) {
                throw new IllegalStateException("template broken");
            }
            return new SimpleMailComposer().compose(id, model);
        };
        dispatcher = dispatcher(sender, flaky);
        Client ana = t.ana();
        OutboxMessage row = enqueue(ana);

        assertThat(dispatcher.dispatchDue()).isEqualTo(new DispatchReport(1, 0, 1, 0, 0));
        assertThat(t.allIssuedTokens()).as("issuing rolled back with the failed preparation").isEmpty();
        assertThat(sender.calls()).isZero();
        assertThat(outboxRow(row).lastError()).hasValueSatisfying(e -> assertThat(e).contains("IllegalStateException"));

        t.clock.advance(Duration.ofMinutes(1));
        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(1);
    }

    @Test
    void rows_claimed_by_a_dispatcher_that_crashed_are_sent_after_the_lease() {
        clients(3).forEach(this::enqueue);
        t.write(s -> s.outbox().claimDue(new OutboxClaim(t.ids.next()), t.clock.instant(), 100,
                InvitationFixture.CONFIG.dispatchLease()));

        assertThat(dispatcher.dispatchAll().claimed()).as("still leased to the crashed dispatcher").isZero();
        t.clock.advance(InvitationFixture.CONFIG.dispatchLease());
        DispatchReport report = dispatcher.dispatchAll();

        assertThat(report.sent()).isEqualTo(3);
        assertThat(sender.delivered()).hasSize(3);
        assertThat(t.allOutboxMessages()).extracting(OutboxMessage::status).containsOnly(OutboxStatus.SENT);
    }

    @Test
    void dispatchers_running_at_once_send_every_mail_exactly_once() throws Exception {
        config = InvitationFixture.CONFIG.withDispatchBatchSize(7);
        MailDispatcher shared = dispatcher(sender, new SimpleMailComposer());
        List<Client> clients = clients(120);
        clients.forEach(this::enqueue);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<DispatchReport>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(shared::dispatchAll));
            }
            int sent = 0;
            for (Future<DispatchReport> run : runs) {
                sent += run.get(30, TimeUnit.SECONDS).sent();
            }
            assertThat(sent).isEqualTo(120);
        } finally {
            pool.shutdownNow();
        }

        for (Client client : clients) {
            assertThat(sender.deliveredTo(client.details().email().orElseThrow().value())).hasSize(1);
        }
        assertThat(sender.batches()).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(7));
    }

    @Test
    void an_interrupted_dispatcher_stops_before_claiming() {
        clients(2).forEach(this::enqueue);
        Thread.currentThread().interrupt();
        try {
            assertThat(dispatcher.dispatchAll()).isEqualTo(DispatchReport.EMPTY);
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
        }
        assertThat(dispatcher.dispatchAll().sent()).isEqualTo(2);
    }

    @Test
    void the_sleeping_pacer_returns_at_once_when_interrupted_and_keeps_the_flag() {
        Thread.currentThread().interrupt();
        Pacer.sleeping().pause(Duration.ofHours(1));
        assertThat(Thread.interrupted()).isTrue();
    }

    // ---- who gets no mail -------------------------------------------------------------------------

    @Test
    void clients_who_can_no_longer_receive_the_mail_get_none_at_dispatch_time() {
        Client accepted = t.create(ClientDetails.named("Acc", "Epted").withEmail("accepted@example.com"));
        Client unsubscribed = t.create(ClientDetails.named("Un", "Subscribed").withEmail("unsub@example.com"));
        Client erased = t.create(ClientDetails.named("Er", "Ased").withEmail("erased@example.com"));
        Client rejected = t.create(ClientDetails.named("Re", "Jected").withEmail("rejected@example.com"));
        Client ana = t.ana();
        List.of(accepted, unsubscribed, erased, rejected, ana).forEach(this::enqueue);
        Instant now = t.clock.instant();
        t.write(s -> s.clients().update(t.reload(accepted.id()).accept(now)));
        t.stores.transactions().inTransaction(() -> {
            support.recordUnsubscribe(OWNER, TENANT, unsubscribed.id(), ConsentSource.UNSUBSCRIBE_LINK,
                    Optional.empty(), Optional.empty());
            return null;
        });
        t.write(s -> s.clients().update(t.reload(rejected.id()).withEmailRejected(now)));
        // erased after the mail was enqueued, as if the erasure raced with the dispatcher's claim
        t.write(s -> s.clients().update(t.reload(erased.id()).erase(now)));

        DispatchReport report = dispatcher.dispatchAll();

        assertThat(report).isEqualTo(new DispatchReport(5, 1, 0, 3, 1));
        assertThat(sender.mails()).extracting(RenderedMail::to).containsExactly("ana.lopez@example.com");
        assertThat(rowOf(accepted).lastError()).contains("client has already accepted");
        assertThat(rowOf(unsubscribed).lastError()).contains("client unsubscribed from invitations");
        assertThat(rowOf(rejected).lastError()).contains("client has no deliverable email address");
        assertThat(rowOf(erased).status()).isEqualTo(OutboxStatus.CANCELLED);
        for (Client skipped : List.of(accepted, unsubscribed, erased, rejected)) {
            assertThat(t.allIssuedTokens()).as("no token for a client who gets no mail")
                    .noneMatch(o -> ((IssuedToken) o).clientId().equals(skipped.id()));
        }
        assertThat(t.reload(accepted.id()).invitationStatus()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(t.memory.events().events(InvitationEvents.InvitationSent.class)).singleElement()
                .extracting(InvitationEvents.InvitationSent::clientId).isEqualTo(ana.id());
    }

    @Test
    void the_mail_goes_to_the_clients_current_address() {
        Client ana = t.ana();
        OutboxMessage row = enqueue(ana);
        // changed straight in the store (a host's import, say), so the pending row still holds the old
        // address; an edit through the profile service would have cancelled it
        PersonalDetails d = t.reload(ana.id()).details();
        t.write(s -> s.clients().update(t.reload(ana.id()).withDetails(new PersonalDetails(d.name(),
                Optional.of(EmailAddress.of("ana@new.example")), d.phone(), d.birthDate(), d.preferredLanguage()),
                t.clock.instant())));

        dispatcher.dispatchDue();

        assertThat(outboxRow(row).recipient()).isEqualTo("ana.lopez@example.com");
        assertThat(sender.delivered()).extracting(RenderedMail::to).containsExactly("ana@new.example");
    }

    // ---- rate limit -------------------------------------------------------------------------------

    @Test
    void the_rate_limit_spaces_batches_so_no_second_starts_more_mails_than_allowed() {
        config = InvitationFixture.CONFIG.withMaxMessagesPerSecond(5);
        List<Instant> sendTimes = new ArrayList<>();
        MailSender timed = batch -> {
            batch.forEach(m -> sendTimes.add(t.clock.instant()));
            return sender.send(batch);
        };
        dispatcher = dispatcher(timed, new SimpleMailComposer());
        clients(23).forEach(this::enqueue);
        Instant start = t.clock.instant();

        DispatchReport report = dispatcher.dispatchAll();

        assertThat(report.sent()).isEqualTo(23);
        assertThat(sender.batches()).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(5));
        for (Instant from : sendTimes) {
            long inWindow = sendTimes.stream()
                    .filter(s -> !s.isBefore(from) && s.isBefore(from.plusSeconds(1))).count();
            assertThat(inWindow).as("mails started in the second from %s", from).isLessThanOrEqualTo(5);
        }
        assertThat(Duration.between(start, sendTimes.get(sendTimes.size() - 1)))
                .as("23 mails at 5 per second").isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(pauses).isNotEmpty();
    }

    @Test
    void a_rate_below_one_per_second_sends_one_mail_at_a_time() {
        config = InvitationFixture.CONFIG.withMaxMessagesPerSecond(0.5);
        List<Instant> sendTimes = new ArrayList<>();
        MailSender timed = batch -> {
            sendTimes.add(t.clock.instant());
            return sender.send(batch);
        };
        dispatcher = dispatcher(timed, new SimpleMailComposer());
        clients(3).forEach(this::enqueue);
        Instant start = t.clock.instant();

        assertThat(dispatcher.dispatchAll().sent()).isEqualTo(3);

        assertThat(sendTimes).containsExactly(start, start.plusSeconds(2), start.plusSeconds(4));
    }

    @Test
    void without_a_rate_limit_the_dispatcher_never_pauses() {
        clients(30).forEach(this::enqueue);

        dispatcher.dispatchAll();

        assertThat(pauses).isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The context's ports on the test's adapters, with the current {@link #config}, this sender and composer. */
    private InvitationServices.Ports ports(MailSender mailSender, MailComposer composer) {
        return InvitationFixture.ports(t, config, credentials, templates, mailSender, composer, clockPacer,
                InvitationFixture.PortWrapper.NONE);
    }

    /** The dispatcher as the facade wires it, on the current {@link #config}. */
    private MailDispatcher dispatcher(MailSender mailSender, MailComposer composer) {
        return InvitationFixture.services(t, ports(mailSender, composer)).dispatcher();
    }

    private OutboxMessage enqueue(Client client) {
        return t.stores.transactions().inTransaction(
                () -> support.enqueueInvitation(OWNER, client, Optional.empty(), Optional.empty()));
    }

    private List<Client> clients(int count) {
        List<Client> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            created.add(t.create(ClientDetails.named("Client", letters(i)).withEmail("client" + i + "@example.com")));
        }
        return created;
    }

    /** A name part for number {@code n}: A, B, ..., Z, Ba, Bb, ... */
    private static String letters(int n) {
        String digits = Integer.toString(n, 26);
        StringBuilder name = new StringBuilder();
        for (char c : digits.toCharArray()) {
            int value = Character.digit(c, 26);
            name.append((char) ((name.length() == 0 ? 'A' : 'a') + value));
        }
        return name.toString();
    }

    private OutboxMessage outboxRow(OutboxMessage row) {
        return t.read(s -> s.outbox().find(TENANT, row.id())).orElseThrow();
    }

    private OutboxMessage rowOf(Client client) {
        return t.read(s -> s.outbox().listForClient(TENANT, client.id())).get(0);
    }

    private List<AuditEntry> audit(Client client, AuditAction action) {
        return t.auditTrail(TENANT).stream()
                .filter(e -> e.clientId().equals(client.id()) && e.action() == action).toList();
    }

    /** A link of {@link TestClientele#TENANT}'s mails under a base URL path; group 1 is the token. */
    private static Pattern link(String path) {
        return Pattern.compile("https://studio\\.example/" + path + "\\?tenant=" + Pattern.quote(TENANT.value())
                + "&token=([A-Za-z0-9_-]{43})");
    }

    private static String token(Pattern link, String body) {
        Matcher m = link.matcher(body);
        assertThat(m.find()).as("a link matching %s", link).isTrue();
        return m.group(1);
    }
}
