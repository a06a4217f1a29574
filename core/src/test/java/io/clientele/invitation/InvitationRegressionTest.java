package io.clientele.invitation;

import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.TokenInspection;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.model.UnsubscribeResult;
import io.clientele.invitation.service.CampaignProgressListener;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.model.RenderedMail;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import io.clientele.consent.model.ConsentRecord;
import java.util.List;

/** Regressions from the review of the invitation context, one test per finding. */
class InvitationRegressionTest {

    private final TestClientele t = new TestClientele();

    @Test
    void a_campaign_backlog_older_than_the_cooldown_is_not_sent_twice_by_an_overlapping_campaign() {
        Client ana = t.ana();
        runCampaign(new CampaignTarget.AllClients());
        t.clock.advance(Duration.ofHours(25));

        runCampaign(new CampaignTarget.WithStatus(CampaignTarget.TargetStatus.ADDED));
        t.clientele.mailDispatcher().dispatchAll();

        assertThat(t.memory.mailSender().delivered()).hasSize(1);
        assertThat(t.<List<OutboxMessage>>read(s -> s.outbox().listForClient(TENANT, ana.id()))).hasSize(1);
    }

    @Test
    void unsubscribing_from_invitations_keeps_a_pending_password_reset() {
        Client ana = acceptedAna();
        t.clientele.activation().forgotPassword(TENANT, "ana.lopez@example.com");

        t.clientele.activation().unsubscribe(TENANT, link("unsubscribe"));
        t.clientele.mailDispatcher().dispatchAll();

        assertThat(t.<List<OutboxMessage>>read(
                s -> s.outbox().listForClient(TENANT, ana.id()))).filteredOn(m -> m.kind() == MailKind.PASSWORD_RESET)
                .extracting(OutboxMessage::status).containsExactly(OutboxStatus.SENT);
    }

    @Test
    void an_erased_clients_links_are_unknown_even_once_expired() {
        Client ana = t.ana();
        t.clientele.invitations().invite(OWNER, TENANT, ana.id());
        t.clientele.mailDispatcher().dispatchAll();
        String token = link("activate");
        t.clientele.erasure().erase(OWNER, TENANT, ana.id());
        t.clock.advance(Duration.ofDays(30));

        assertThat(t.clientele.activation().inspect(TENANT, token)).isInstanceOf(TokenInspection.Unknown.class);
        assertThat(t.clientele.activation().activate(TENANT, token, "long enough password"))
                .isInstanceOf(ActivationResult.Unknown.class);
    }

    @Test
    void erasure_blanks_the_providers_error_text_which_may_quote_the_address() {
        Client ana = t.ana();
        t.memory.mailSender().failNextPermanently(1);
        t.clientele.invitations().invite(OWNER, TENANT, ana.id());
        t.clientele.mailDispatcher().dispatchAll();
        assertThat(t.<List<OutboxMessage>>read(
                s -> s.outbox().listForClient(TENANT, ana.id())).get(0).lastError()).isPresent();

        t.clientele.erasure().erase(OWNER, TENANT, ana.id());

        assertThat(t.<List<OutboxMessage>>read(s -> s.outbox().listForClient(TENANT, ana.id()))).allSatisfy(m -> {
            assertThat(m.lastError()).isEmpty();
            assertThat(m.recipient()).isEmpty();
        });
    }

    @Test
    void staff_cannot_opt_a_client_back_in_to_invitations_after_an_unsubscribe() {
        Client ana = t.ana();
        t.clientele.invitations().invite(OWNER, TENANT, ana.id());
        t.clientele.mailDispatcher().dispatchAll();
        t.clientele.activation().unsubscribe(TENANT, link("unsubscribe"));
        MarketingPreference invitations = t.read(
                s -> s.preferences().findByKey(TENANT, MarketingPreference.INVITATIONS))
                .orElseThrow();

        assertThatThrownBy(() -> t.clientele.consent().optIn(OWNER, TENANT, ana.id(), invitations.id()))
                .isInstanceOf(ConflictException.class);
        assertThat(t.clientele.invitations().invite(OWNER, TENANT, ana.id()))
                .hasFieldOrPropertyWithValue("clientId", ana.id())
                .hasToString("Skipped[clientId=" + ana.id() + ", reason=UNSUBSCRIBED]");
    }

    @Test
    void a_studio_b_page_cannot_use_a_studio_a_link() {
        Client ana = t.ana();
        t.clientele.invitations().invite(OWNER, TENANT, ana.id());
        t.clientele.mailDispatcher().dispatchAll();
        String body = t.memory.mailSender().mails().get(0).textBody();
        Matcher activation = Pattern.compile("activate\\?tenant=([A-Za-z0-9._-]+)&token=([A-Za-z0-9_-]{43})")
                .matcher(body);
        assertThat(activation.find()).isTrue();
        TenantId linkTenant = TenantId.of(activation.group(1));
        String token = activation.group(2);
        String unsubscribe = link("unsubscribe");

        assertThat(linkTenant).isEqualTo(TENANT);
        assertThat(t.clientele.activation().inspect(OTHER_TENANT, token)).isInstanceOf(TokenInspection.Unknown.class);
        assertThat(t.clientele.activation().activate(OTHER_TENANT, token, "long enough password"))
                .isInstanceOf(ActivationResult.Unknown.class);
        assertThat(t.clientele.activation().unsubscribe(OTHER_TENANT, unsubscribe))
                .isInstanceOf(UnsubscribeResult.Unknown.class);
        assertThat(t.<List<ConsentRecord>>read(s -> s.consents().history(TENANT, ana.id()))).isEmpty();

        // the studio's own page passes the link's tenant and token through: the link still works
        assertThat(t.clientele.activation().activate(linkTenant, token, "long enough password"))
                .isEqualTo(new ActivationResult.Activated(TENANT, ana.id(), TokenPurpose.ACTIVATION));
    }

    @Test
    void inspecting_an_unsubscribe_link_records_nothing_and_answers_like_using_it_would() {
        Client ana = t.ana();
        t.clientele.invitations().invite(OWNER, TENANT, ana.id());
        t.clientele.mailDispatcher().dispatchAll();
        String token = link("unsubscribe");

        assertThat(t.clientele.activation().inspectUnsubscribe(TENANT, token)).hasToString(
                "Unsubscribed[tenantId=" + TENANT + ", clientId=" + ana.id() + "]");
        assertThat(t.<List<ConsentRecord>>read(s -> s.consents().history(TENANT, ana.id()))).isEmpty();
        assertThat(t.clientele.activation().inspectUnsubscribe(TENANT, "not-a-token")).hasToString("Unknown[]");
    }

    @Test
    void an_expired_link_says_what_it_was_for() {
        Client ana = t.ana();
        t.clientele.invitations().invite(OWNER, TENANT, ana.id());
        t.clientele.mailDispatcher().dispatchAll();
        t.clock.advance(Duration.ofDays(15));

        assertThat(t.clientele.activation().activate(TENANT, link("activate"), "long enough password"))
                .isEqualTo(new ActivationResult.Expired(TENANT, ana.id(), TokenPurpose.ACTIVATION));
    }

    private Client acceptedAna() {
        Client ana = t.create(ClientDetails.named("Ana", "López").withEmail("ana.lopez@example.com"));
        t.clientele.invitations().invite(OWNER, TENANT, ana.id());
        t.clientele.mailDispatcher().dispatchAll();
        assertThat(t.clientele.activation().activate(TENANT, link("activate"), "long enough password"))
                .isInstanceOf(ActivationResult.Activated.class);
        t.clock.advance(Duration.ofMinutes(10));
        return ana;
    }

    private void runCampaign(CampaignTarget target) {
        Campaign campaign = t.clientele.campaigns().create(OWNER, TENANT, target);
        t.clientele.campaigns().run(OWNER, TENANT, campaign.id(), CampaignProgressListener.NONE);
    }

    private String link(String path) {
        Pattern pattern = Pattern.compile(path + "\\?tenant=" + TENANT.value() + "&token=([A-Za-z0-9_-]{43})");
        for (RenderedMail mail : t.memory.mailSender().mails()) {
            Matcher m = pattern.matcher(mail.textBody());
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + path + " link was mailed");
    }
}
