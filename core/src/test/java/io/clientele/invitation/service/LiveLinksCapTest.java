package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.adapter.memory.RecordingMailSender;
import io.clientele.adapter.memory.SimpleMailComposer;
import io.clientele.client.model.Client;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.TokenInspection;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.mail.model.RenderedMail;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 7, point 19: issuing a client's sixth live activation link revoked the
 * oldest one even when the mail carrying the new link then failed, so a failed send cost the
 * client a working link. The five-live-links cap now applies when a send is recorded.
 */
class LiveLinksCapTest {

    private static final Pattern ACTIVATION_LINK =
            Pattern.compile("https://studio\\.example/activate\\?tenant=studio-a&token=([A-Za-z0-9_-]{43})");

    private final TestClientele t = new TestClientele();
    private final RecordingMailSender sender = new RecordingMailSender();
    private final InvitationServices.Ports ports = InvitationFixture.ports(t, InvitationFixture.CONFIG,
            InviteKit.noCredentials(), InviteKit.TEMPLATES, sender, new SimpleMailComposer(), t.clock::advance,
            InvitationFixture.PortWrapper.NONE);
    private final InvitationSupport support = new InvitationSupport(ports);
    private final InvitationServices services = InvitationFixture.services(t, ports);
    private final MailDispatcher dispatcher = services.dispatcher();
    private final ActivationService activation = services.activation();

    /** How the sixth send fails. */
    enum Failure {
        TRANSIENT(s -> s.failNextTransiently(1)),
        PERMANENT(s -> s.failNextPermanently(1)),
        SENDER_THROWS(s -> s.throwOnNextBatches(1));

        final Consumer<RecordingMailSender> arm;

        Failure(Consumer<RecordingMailSender> arm) {
            this.arm = arm;
        }
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void a_failed_sixth_send_leaves_the_five_live_links_working(Failure failure) {
        Client ana = t.ana();
        List<String> five = sendInvitations(ana, 5);
        failure.arm.accept(sender);

        sendOne(ana);

        assertThat(sender.mails()).hasSize(6);
        assertThat(sender.delivered()).hasSize(5);
        assertThat(live(ana)).hasSize(5);
        for (String link : five) {
            assertThat(activation.inspect(TENANT, link)).as("link %s", five.indexOf(link))
                    .isInstanceOf(TokenInspection.Valid.class);
        }
        assertThat(activation.activate(TENANT, five.get(0), "the oldest link still works"))
                .isInstanceOf(ActivationResult.Activated.class);
    }

    @Test
    void a_sixth_link_that_is_sent_revokes_the_oldest_and_never_itself() {
        Client ana = t.ana();
        List<String> six = sendInvitations(ana, 6);

        assertThat(activation.inspect(TENANT, six.get(0))).isInstanceOf(TokenInspection.AlreadyUsed.class);
        assertThat(six.subList(1, 6)).allSatisfy(link ->
                assertThat(activation.inspect(TENANT, link)).isInstanceOf(TokenInspection.Valid.class));
        assertThat(live(ana)).hasSize(5);
        assertThat(activation.activate(TENANT, six.get(5), "the newest link works"))
                .isInstanceOf(ActivationResult.Activated.class);
    }

    @Test
    void a_successful_send_after_a_failed_one_still_keeps_at_most_five_links() {
        Client ana = t.ana();
        List<String> five = sendInvitations(ana, 5);
        sender.failNextTransiently(1);
        sendOne(ana);
        t.clock.advance(Duration.ofHours(1));

        assertThat(dispatcher.dispatchAll().sent()).as("the retry goes out").isEqualTo(1);

        assertThat(live(ana)).hasSize(5);
        assertThat(activation.inspect(TENANT, five.get(0))).isInstanceOf(TokenInspection.AlreadyUsed.class);
        String retried = token(sender.delivered().get(5));
        assertThat(activation.inspect(TENANT, retried)).isInstanceOf(TokenInspection.Valid.class);
    }

    /** Sends {@code count} invitations to the client, one dispatch each; answers their activation tokens. */
    private List<String> sendInvitations(Client client, int count) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int before = sender.delivered().size();
            sendOne(client);
            assertThat(sender.delivered()).hasSize(before + 1);
            tokens.add(token(sender.delivered().get(before)));
        }
        return tokens;
    }

    private void sendOne(Client client) {
        ports.tx().inTransaction(() -> support.enqueueInvitation(OWNER, t.reload(client.id()), Optional.empty(),
                Optional.empty()));
        dispatcher.dispatchDue();
        t.clock.advance(Duration.ofMinutes(1));
    }

    private List<?> live(Client client) {
        return t.read(s -> s.tokens().live(TENANT, client.id(), TokenPurpose.ACTIVATION, t.clock.instant()));
    }

    private static String token(RenderedMail mail) {
        Matcher m = ACTIVATION_LINK.matcher(mail.textBody());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
