package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import io.clientele.testing.CountingTransactions;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.TransactionRunner;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.invitation.model.PreviewCounts;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.TokenInspection;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.model.UnsubscribeResult;
import io.clientele.testing.TestClientele;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 8, point 8 ("read-only units of work"): link inspection ran outside
 * any unit of work and a campaign preview in read-write units, so a SQL adapter could neither mark
 * them read-only nor a host route them to a replica. The services are wired as the facade wires
 * them, on a {@link TransactionRunner} that counts the read-only and the read-write units it is
 * asked for (and opens them on the in-memory runner, which refuses any write or row lock in a
 * read-only one, so every other test of these reads proves they write nothing).
 */
class ReadOnlyInvitationReadsTest {

    /** Ana and four more: a campaign target of all of them is previewed in pages of two, three pages. */
    private static final int CLIENTS = 5;

    private final TestClientele t = new TestClientele();
    private final CountingTransactions tx = new CountingTransactions(t.stores.transactions());
    private final InvitationServices.Ports ports = InvitationFixture.ports(t,
            InvitationFixture.CONFIG.withCampaignChunkSize(2), InviteKit.noCredentials(), InviteKit.TEMPLATES,
            t.memory.mailSender(), t.memory.composer(), t.clock::advance, new InvitationFixture.PortWrapper() {
                @Override
                public <P> P wrap(Class<P> port, P adapter) {
                    return port == TransactionRunner.class ? port.cast(tx) : adapter;
                }
            });
    private final InvitationServices services = InvitationFixture.services(t, ports);
    private final TokenIssuer issuer = new TokenIssuer(ports);
    private Client ana;

    @BeforeEach
    void clients() {
        ana = t.ana();
        for (String name : List.of("Bo", "Cy", "Di", "Ed")) {
            t.create(ClientDetails.named(name, "Tester").withEmail(name.toLowerCase(Locale.ROOT) + "@example.com"));
        }
        tx.reset();
    }

    @Test
    void inspecting_a_link_opens_one_read_only_unit_and_no_read_write_one() {
        RawToken link = link(ana, TokenPurpose.ACTIVATION);
        tx.reset();

        TokenInspection inspection = services.activation().inspect(TENANT, link.value());

        assertThat(inspection).isInstanceOf(TokenInspection.Valid.class);
        assertThat(tx.readWrite).as("read-write units").hasValue(0);
        assertThat(tx.readOnly).as("read-only units").hasValue(1);
    }

    /**
     * Issue 10: {@code activate} read the link outside any unit of work, which the in-memory
     * adapters allowed and the JPA adapters refuse (no entity manager is bound outside a unit), so
     * no client could activate on a SQL store.
     */
    @Test
    void activating_a_link_reads_it_in_a_read_only_unit_then_uses_it_in_one_read_write_unit() {
        RawToken link = link(ana, TokenPurpose.ACTIVATION);
        tx.reset();

        ActivationResult result = services.activation().activate(TENANT, link.value(), "a good long password");

        assertThat(result).isInstanceOf(ActivationResult.Activated.class);
        assertThat(tx.readOnly).as("read-only units").hasValue(1);
        assertThat(tx.readWrite).as("read-write units").hasValue(1);
    }

    @Test
    void inspecting_an_unsubscribe_link_opens_only_a_read_only_unit() {
        RawToken link = link(ana, TokenPurpose.UNSUBSCRIBE);
        tx.reset();

        UnsubscribeResult result = services.activation().inspectUnsubscribe(TENANT, link.value());

        assertThat(result).isEqualTo(new UnsubscribeResult.Unsubscribed(TENANT, ana.id()));
        assertThat(tx.readWrite).as("read-write units").hasValue(0);
        assertThat(tx.readOnly).as("read-only units").hasValue(1);
    }

    @Test
    void a_campaign_preview_opens_only_read_only_units_one_per_page_and_one_for_the_target() {
        PreviewCounts counts = services.campaigns().preview(OWNER, TENANT, new CampaignTarget.AllClients());

        assertThat(counts.willSend()).isEqualTo(CLIENTS);
        assertThat(tx.readWrite).as("read-write units").hasValue(0);
        // the target's check, then pages of 2, 2 and 1 clients
        assertThat(tx.readOnly).as("read-only units").hasValue(4);
    }

    @Test
    void reading_a_campaign_opens_only_a_read_only_unit() {
        Campaign created = services.campaigns().create(OWNER, TENANT, new CampaignTarget.AllClients());
        tx.reset();

        Campaign read = services.campaigns().get(OWNER, TENANT, created.id());

        assertThat(read).isEqualTo(created);
        assertThat(tx.readWrite).as("read-write units").hasValue(0);
        assertThat(tx.readOnly).as("read-only units").hasValue(1);
    }

    @Test
    void invitation_previews_and_the_default_message_open_only_read_only_units() {
        InvitationPreview preview = services.invitations().preview(OWNER, TENANT, ana.id());
        InvitationPreview custom = services.invitations().preview(OWNER, TENANT, ana.id(),
                new InvitationMessage("Come and see", "Your account waits."));
        int samples = services.invitations().previewSamples(OWNER, TENANT).size();
        String subject = services.invitations().defaultMessage(OWNER, TENANT, "en").subject();

        assertThat(preview).isInstanceOf(InvitationPreview.Rendered.class);
        assertThat(custom).isInstanceOf(InvitationPreview.Rendered.class);
        assertThat(samples).isPositive();
        assertThat(subject).isEqualTo(InviteKit.TEMPLATE.subject());
        assertThat(tx.readWrite).as("read-write units").hasValue(0);
        assertThat(tx.readOnly).as("read-only units: one per call").hasValue(4);
    }

    @Test
    void an_invite_which_writes_still_runs_in_a_read_write_unit() {
        InviteOutcome outcome = services.invitations().invite(OWNER, TENANT, ana.id());

        assertThat(outcome).isEqualTo(new InviteOutcome.Enqueued(ana.id()));
        assertThat(tx.readWrite).as("read-write units").hasValue(1);
        assertThat(tx.readOnly).as("read-only units").hasValue(0);
    }

    /** A new link of the purpose for the client, stored as the dispatcher stores one. */
    private RawToken link(Client client, TokenPurpose purpose) {
        RawToken token = issuer.newToken();
        Optional<String> category = purpose == TokenPurpose.UNSUBSCRIBE
                ? Optional.of(MarketingPreference.INVITATIONS)
                : Optional.empty();
        t.change(s -> s.tokens().insert(issuer.stored(token, client.tenantId(), client.id(), purpose, category,
                t.clock.instant())));
        return token;
    }

}
