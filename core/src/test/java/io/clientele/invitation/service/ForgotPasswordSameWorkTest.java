package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import io.clientele.adapter.memory.SimpleMailComposer;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.LockPolicy;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.EventPublisher;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxClaim;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.port.MailOutbox;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 7, point 3: "forgot password" did more for a known address than for an
 * unknown one (an outbox row, an audit entry and an event, about twice the time), which told an
 * observer which addresses have accounts. Every port the service uses is wrapped to record each
 * call, and every store is compared before and after.
 */
class ForgotPasswordSameWorkTest {

    private static final String KNOWN = "ana.lopez@example.com";
    private static final String UNKNOWN = "nobody@example.com";

    private final ActivationKit kit = new ActivationKit();
    /** Port calls ({@code Port.method}) made by {@link #recorded}, in order. */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final ActivationService recorded = recordingService();

    /** What one call did: the port calls it made, the items it wrote per store, the events it published. */
    private record Work(List<String> calls, Map<String, Integer> writesPerStore, int events) {
    }

    @Test
    void forgot_password_does_the_same_work_for_known_and_unknown_addresses() {
        kit.accepted(kit.t.ana());

        Work known = measure(KNOWN);
        Work unknown = measure(UNKNOWN);

        System.out.println("RESULT name=forgot-password-same-work known_calls=" + known.calls().size()
                + " unknown_calls=" + unknown.calls().size() + " known_writes=" + known.writesPerStore()
                + " unknown_writes=" + unknown.writesPerStore() + " known_events=" + known.events()
                + " unknown_events=" + unknown.events());
        assertThat(unknown).isEqualTo(known);
        assertThat(known.writesPerStore()).isEqualTo(Map.of("outbox", 1));
        assertThat(known.events()).isZero();
        assertThat(known.calls()).contains("MailOutbox.enqueue")
                .noneMatch(call -> call.startsWith("ClientRepository.") || call.startsWith("AuditLog.")
                        || call.startsWith("EventPublisher."));
    }

    @Test
    void a_second_request_within_the_interval_does_the_same_work_for_known_and_unknown_addresses() {
        kit.accepted(kit.t.ana());
        recorded.forgotPassword(TENANT, KNOWN);
        recorded.forgotPassword(TENANT, UNKNOWN);

        Work known = measure(KNOWN);
        Work unknown = measure(UNKNOWN);

        assertThat(unknown).isEqualTo(known);
        assertThat(known.writesPerStore()).isEmpty();
    }

    @Test
    void once_the_dispatcher_has_resolved_the_requests_a_new_one_does_the_same_work_for_both() {
        kit.accepted(kit.t.ana());
        recorded.forgotPassword(TENANT, KNOWN);
        recorded.forgotPassword(TENANT, UNKNOWN);
        assertThat(kit.dispatcher.dispatchAll().sent()).isEqualTo(1);

        Work known = measure(KNOWN);
        Work unknown = measure(UNKNOWN);

        assertThat(unknown).isEqualTo(known);
        assertThat(known.writesPerStore()).isEqualTo(Map.of("outbox", 1));
    }

    @Test
    void a_request_becomes_the_clients_reset_mail_in_their_language_audited_and_published_when_dispatched() {
        kit.t.memory.tenantSettings().put(TENANT, new TenantSettings(CountryCode.of("FR"),
                List.of(LanguageTag.of("en"), LanguageTag.of("fr")), LockPolicy.DEFAULT));
        Client ana = kit.accepted(kit.t.create(ClientDetails.named("Ana", "López").withEmail(KNOWN)
                .withPreferredLanguage("fr")));
        recorded.forgotPassword(TENANT, "Ana.Lopez@Example.com");
        OutboxMessage request = kit.t.allOutboxMessages().get(0);
        assertThat(request.isUnresolvedRequest()).isTrue();
        assertThat(request.recipient()).isEqualTo(KNOWN);
        assertThat(request.language()).as("the tenant's until resolved").isEqualTo("en");

        DispatchReport report = kit.dispatcher.dispatchAll();

        assertThat(report.sent()).isEqualTo(1);
        OutboxMessage sent = kit.t.read(s -> s.outbox().find(TENANT, request.id())).orElseThrow();
        assertThat(sent.clientId()).contains(ana.id());
        assertThat(sent.language()).isEqualTo("fr");
        assertThat(sent.subject()).isEqualTo(ActivationKit.RESET_TEXT.subject());
        assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
        AuditEntry audited = kit.t.lastAudit(AuditAction.PASSWORD_RESET_REQUESTED);
        assertThat(audited.actor()).isEqualTo("system:forgot-password");
        assertThat(audited.clientId()).isEqualTo(ana.id());
        assertThat(kit.t.memory.events().events(InvitationEvents.PasswordResetRequested.class))
                .containsExactly(new InvitationEvents.PasswordResetRequested(TENANT, ana.id(), kit.t.clock.instant()));
        RenderedMail mail = kit.sender.delivered().get(0);
        assertThat(mail.to()).isEqualTo(KNOWN);
        assertThat(mail.textBody()).contains("Bonjour Ana,");
        assertThat(kit.service.activate(TENANT, resetToken(mail), "a brand new secret"))
                .isInstanceOf(ActivationResult.Activated.class);
    }

    @Test
    void a_request_for_an_unknown_address_is_cancelled_blanked_and_counted_at_dispatch() {
        recorded.forgotPassword(TENANT, UNKNOWN);

        DispatchReport report = kit.dispatcher.dispatchAll();

        assertThat(report).isEqualTo(new DispatchReport(1, 0, 0, 0, 1));
        assertThat(kit.t.allOutboxMessages()).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo(OutboxStatus.CANCELLED);
            assertThat(m.recipient()).isEmpty();
        });
        assertThat(kit.sender.mails()).isEmpty();
        assertThat(kit.t.allIssuedTokens()).isEmpty();
        assertThat(kit.t.memory.events().events()).isEmpty();
    }

    @Test
    void erasure_leaves_no_request_holding_the_erased_address() {
        Client ana = kit.accepted(kit.t.ana());
        recorded.forgotPassword(TENANT, KNOWN);
        // an earlier request whose preparation kept failing until the dispatcher gave up
        kit.t.clock.advance(Duration.ofMinutes(10));
        recorded.forgotPassword(TENANT, KNOWN);
        OutboxMessage givenUp = kit.t.allOutboxMessages().get(1);
        OutboxClaim claim = new OutboxClaim(kit.t.ids.next());
        kit.t.write(s -> s.outbox().claimDue(claim, kit.t.clock.instant(), 2, Duration.ofMinutes(5)));
        assertThat(kit.t.<Boolean>write(s -> s.outbox().markFailed(TENANT, givenUp.id(), claim,
                "gave up after 8 attempts; last: " + KNOWN))).isTrue();
        recorded.forgotPassword(TENANT, UNKNOWN);

        kit.t.clientele.erasure().erase(OWNER, TENANT, ana.id());

        assertThat(kit.t.allOutboxMessages()).extracting(OutboxMessage::recipient)
                .containsExactlyInAnyOrder("", "", UNKNOWN);
        assertThat(kit.t.allOutboxMessages()).filteredOn(m -> m.recipient().isEmpty())
                .extracting(OutboxMessage::status)
                .containsExactlyInAnyOrder(OutboxStatus.CANCELLED, OutboxStatus.FAILED);
        kit.t.storedState().forEach((store, items) ->
                assertThat(items).as(store).noneMatch(item -> item.contains(KNOWN)));
        assertThat(kit.dispatcher.dispatchAll().sent()).isZero();
    }

    @Test
    void a_request_whose_address_changed_hands_before_dispatch_sends_nothing() {
        Client ana = kit.accepted(kit.t.ana());
        recorded.forgotPassword(TENANT, KNOWN);
        kit.t.clientele.clients().editDetails(OWNER, TENANT, ana.id(), kit.t.reload(ana.id()).version(),
                ClientDetails.named("Ana", "López").withEmail("ana@elsewhere.example"));

        assertThat(kit.dispatcher.dispatchAll().cancelled()).isEqualTo(1);

        assertThat(kit.sender.mails()).isEmpty();
        assertThat(kit.t.<List<OutboxMessage>>read(s -> s.outbox().listForClient(TENANT, ana.id())))
                .noneMatch(m -> m.kind() == MailKind.PASSWORD_RESET);
    }

    // ---- measuring --------------------------------------------------------------------------------

    private Work measure(String address) {
        Map<String, List<String>> before = kit.t.storedState();
        int eventsBefore = kit.t.memory.events().events().size();
        calls.clear();

        recorded.forgotPassword(TENANT, address);

        Map<String, List<String>> after = kit.t.storedState();
        Map<String, Integer> writes = new TreeMap<>();
        after.forEach((store, items) -> {
            int changed = changedItems(before.getOrDefault(store, List.of()), items);
            if (changed > 0) {
                writes.put(store, changed);
            }
        });
        return new Work(List.copyOf(calls), writes, kit.t.memory.events().events().size() - eventsBefore);
    }

    /**
     * How many items a call wrote to a store: those {@code after} holds and {@code before} did not
     * (new or changed, as a multiset), or those it lost, whichever is more (a changed item is one
     * of each).
     */
    private static int changedItems(List<String> before, List<String> after) {
        List<String> lost = new ArrayList<>(before);
        int added = 0;
        for (String item : after) {
            if (!lost.remove(item)) {
                added++;
            }
        }
        return Math.max(added, lost.size());
    }

    private ActivationService recordingService() {
        InvitationServices.Ports ports = InvitationFixture.ports(kit.t, InvitationFixture.CONFIG, kit.credentials,
                ActivationKit.TEMPLATES, kit.sender, new SimpleMailComposer(), kit.t.clock::advance, this::recording);
        return InvitationFixture.services(kit.t, ports).activation();
    }

    /** {@code target} behind a proxy that records every call as {@code Port.method}. */
    private <T> T recording(Class<T> port, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            calls.add(port.getSimpleName() + "." + method.getName());
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }

    private static String resetToken(RenderedMail mail) {
        Matcher m = Pattern.compile(
                "https://studio\\.example/reset-password\\?tenant=studio-a&token=([A-Za-z0-9_-]{43})")
                .matcher(mail.textBody());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
