package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.ConsentSource;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.model.UnsubscribeResult;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import java.util.List;

class UnsubscribeTest {

    private static final Optional<String> IP = Optional.of("203.0.113.7");
    private static final Optional<String> AGENT = Optional.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");
    private static final ConsentOrigin ORIGIN = new ConsentOrigin(IP, AGENT);

    private final ActivationKit kit = new ActivationKit();
    private final ActivationService service = kit.service;

    @Test
    void unsubscribing_records_an_opt_out_with_its_proof() {
        Client ana = kit.t.ana();
        RawToken link = kit.link(ana, TokenPurpose.UNSUBSCRIBE);

        UnsubscribeResult result = service.unsubscribe(TENANT, link.value(), ORIGIN);

        assertThat(result).isEqualTo(new UnsubscribeResult.Unsubscribed(TENANT, ana.id()));
        assertThat(kit.t.<List<ConsentRecord>>read(
                s -> s.consents().history(TENANT, ana.id()))).singleElement().satisfies(record -> {
            assertThat(record.decision()).isEqualTo(ConsentDecision.OPT_OUT);
            assertThat(record.source()).isEqualTo(ConsentSource.UNSUBSCRIBE_LINK);
            assertThat(record.actor()).isEqualTo("client:" + ana.id().value());
            assertThat(record.ipAddress()).isEqualTo(IP);
            assertThat(record.userAgent()).isEqualTo(AGENT);
            assertThat(record.recordedAt()).isEqualTo(kit.t.clock.instant());
        });
        assertThat(kit.t.<Boolean>read(s -> kit.support.unsubscribedFromInvitations(TENANT, ana.id()))).isTrue();
        assertThat(kit.t.memory.events().events(InvitationEvents.UnsubscribedFromInvitations.class)).hasSize(1);
    }

    @Test
    void unsubscribing_cancels_the_pending_mails() {
        Client ana = kit.t.ana();
        OutboxMessage pending = OutboxMessage.pending(kit.t.ids.next(), TENANT, ana.id(), MailKind.INVITATION,
                Optional.empty(), "ana.lopez@example.com", "en", "Join us online", "Activate your account.",
                kit.t.clock.instant());
        kit.t.change(s -> s.outbox().enqueue(pending));
        RawToken link = kit.link(ana, TokenPurpose.UNSUBSCRIBE);

        service.unsubscribe(TENANT, link.value());

        assertThat(kit.t.<Optional<OutboxMessage>>read(s -> s.outbox().find(TENANT, pending.id()))).get()
                .extracting(OutboxMessage::status).isEqualTo(OutboxStatus.CANCELLED);
    }

    @Test
    void a_link_used_with_another_tenants_id_is_unknown_and_changes_nothing() {
        Client ana = kit.t.ana();
        OutboxMessage pending = OutboxMessage.pending(kit.t.ids.next(), TENANT, ana.id(), MailKind.INVITATION,
                Optional.empty(), "ana.lopez@example.com", "en", "Join us online", "Activate your account.",
                kit.t.clock.instant());
        kit.t.change(s -> s.outbox().enqueue(pending));
        RawToken link = kit.link(ana, TokenPurpose.UNSUBSCRIBE);

        assertThat(service.unsubscribe(OTHER_TENANT, link.value(), ORIGIN))
                .isEqualTo(service.unsubscribe(OTHER_TENANT, "A".repeat(43), ORIGIN))
                .isInstanceOf(UnsubscribeResult.Unknown.class);

        assertThat(kit.t.<List<ConsentRecord>>read(s -> s.consents().history(TENANT, ana.id()))).isEmpty();
        assertThat(kit.t.<List<ConsentRecord>>read(s -> s.consents().history(OTHER_TENANT, ana.id()))).isEmpty();
        assertThat(kit.t.<Boolean>read(s -> kit.support.unsubscribedFromInvitations(TENANT, ana.id()))).isFalse();
        assertThat(kit.t.memory.events().events(InvitationEvents.UnsubscribedFromInvitations.class)).isEmpty();
        assertThat(kit.t.<Optional<OutboxMessage>>read(s -> s.outbox().find(TENANT, pending.id()))).get()
                .extracting(OutboxMessage::status).isEqualTo(OutboxStatus.PENDING);
        assertThat(service.unsubscribe(TENANT, link.value(), ORIGIN))
                .isEqualTo(new UnsubscribeResult.Unsubscribed(TENANT, ana.id()));
        assertThat(service.unsubscribe(OTHER_TENANT, link.value(), ORIGIN))
                .as("still unknown once used").isInstanceOf(UnsubscribeResult.Unknown.class);
    }

    @Test
    void the_link_is_repeatable_and_records_the_opt_out_once() {
        Client ana = kit.t.ana();
        RawToken link = kit.link(ana, TokenPurpose.UNSUBSCRIBE);

        UnsubscribeResult first = service.unsubscribe(TENANT, link.value(), ORIGIN);
        kit.t.clock.advance(Duration.ofDays(3));
        UnsubscribeResult second = service.unsubscribe(TENANT, link.value(), ORIGIN);

        assertThat(first).isEqualTo(new UnsubscribeResult.Unsubscribed(TENANT, ana.id()));
        assertThat(second).isEqualTo(first);
        assertThat(kit.t.<List<ConsentRecord>>read(s -> s.consents().history(TENANT, ana.id()))).hasSize(1);
        assertThat(kit.stored(link).usedAt()).isEmpty();
    }

    @Test
    void only_live_unsubscribe_links_unsubscribe() {
        Client ana = kit.t.ana();
        RawToken activation = kit.link(ana, TokenPurpose.ACTIVATION);
        RawToken revoked = kit.link(ana, TokenPurpose.UNSUBSCRIBE);
        kit.t.change(s -> s.tokens().revoke(TENANT, revoked.hash(), kit.t.clock.instant()));
        RawToken expiring = kit.link(ana, TokenPurpose.UNSUBSCRIBE);

        assertThat(service.unsubscribe(TENANT, activation.value(), ORIGIN))
                .isInstanceOf(UnsubscribeResult.Unknown.class);
        assertThat(service.unsubscribe(TENANT, revoked.value(), ORIGIN))
                .isInstanceOf(UnsubscribeResult.Unknown.class);
        assertThat(service.unsubscribe(TENANT, "A".repeat(43), ORIGIN))
                .isInstanceOf(UnsubscribeResult.Unknown.class);
        assertThat(service.unsubscribe(TENANT, "garbage", ORIGIN)).isInstanceOf(UnsubscribeResult.Unknown.class);
        kit.t.clock.advance(Duration.ofDays(365));
        assertThat(service.unsubscribe(TENANT, expiring.value(), ORIGIN))
                .isInstanceOf(UnsubscribeResult.Unknown.class);

        assertThat(kit.t.<List<ConsentRecord>>read(s -> s.consents().history(TENANT, ana.id()))).isEmpty();
        assertThat(kit.stored(activation).usedAt()).isEmpty();
    }

    @Test
    void an_erased_clients_link_is_unknown() {
        Client ana = kit.t.ana();
        RawToken link = kit.link(ana, TokenPurpose.UNSUBSCRIBE);
        kit.t.write(s -> s.clients().update(ana.erase(kit.t.clock.instant())));

        assertThat(service.unsubscribe(TENANT, link.value(), ORIGIN)).isInstanceOf(UnsubscribeResult.Unknown.class);
        assertThat(kit.t.<List<ConsentRecord>>read(s -> s.consents().history(TENANT, ana.id()))).isEmpty();
    }

    @Test
    void the_ip_address_must_be_an_ip_literal_and_the_user_agent_one_line() {
        Client ana = kit.t.ana();
        RawToken link = kit.link(ana, TokenPurpose.UNSUBSCRIBE);

        assertRefused("ipAddress", () -> new ConsentOrigin(Optional.of("studio.example"), AGENT));
        assertRefused("ipAddress", () -> new ConsentOrigin(Optional.of("localhost"), AGENT));
        assertRefused("ipAddress", () -> new ConsentOrigin(Optional.of("1".repeat(46)), AGENT));
        assertRefused("userAgent", () -> new ConsentOrigin(IP, Optional.of("Mozilla\r\nX-Evil: 1")));
        assertRefused("userAgent", () -> new ConsentOrigin(IP, Optional.of("a".repeat(513))));
        assertThat(kit.t.<List<ConsentRecord>>read(s -> s.consents().history(TENANT, ana.id()))).isEmpty();

        assertThat(service.unsubscribe(TENANT, link.value(),
                new ConsentOrigin(Optional.of("2001:DB8::7"), Optional.of("a".repeat(512)))))
                .isInstanceOf(UnsubscribeResult.Unsubscribed.class);
        assertThat(kit.t.<List<ConsentRecord>>read(s -> s.consents().history(TENANT, ana.id()))).singleElement()
                .extracting(ConsentRecord::ipAddress).isEqualTo(Optional.of("2001:db8::7"));
    }

    private static void assertRefused(String field, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
