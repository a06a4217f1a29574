package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.ownerOf;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.Label;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.consent.model.ConsentSource;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignProgress;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.PreviewCounts;
import io.clientele.invitation.model.PreparedCredential;
import io.clientele.invitation.port.CredentialStore;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MessageTemplate;
import io.clientele.mail.model.OutboxClaim;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.port.MessageTemplates;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The invitation and campaign services on a {@link TestClientele}, with a small DSL to build
 * clients in every invitation situation ({@code kit.added("Ana")}, {@code kit.accepted("Bo")},
 * ...) and to inspect the outbox. One per test.
 */
final class InviteKit {

    /** The tenant's invitation template in every language. */
    static final InvitationMessage TEMPLATE = new InvitationMessage("Join us online", "Activate your account.");

    static final MessageTemplates TEMPLATES = (tenant, kind, lang) -> new MessageTemplate(TEMPLATE.subject(), TEMPLATE.message());

    final TestClientele t = new TestClientele();
    /** The shared invitation rules on the services' ports, for the DSL. */
    final InvitationSupport support;
    final InvitationService invitations;
    final CampaignService campaigns;

    InviteKit() {
        this(InvitationFixture.CONFIG, TEMPLATES);
    }

    InviteKit(InvitationConfig config) {
        this(config, TEMPLATES);
    }

    InviteKit(InvitationConfig config, MessageTemplates templates) {
        InvitationServices.Ports ports = InvitationFixture.ports(t, config, noCredentials(), templates);
        support = new InvitationSupport(ports);
        InvitationServices services = InvitationFixture.services(t, ports);
        invitations = services.invitations();
        campaigns = services.campaigns();
    }

    static CredentialStore noCredentials() {
        return new CredentialStore() {
            @Override
            public void setPassword(TenantId tenant, ClientId client, PreparedCredential password) {
            }

            @Override
            public void remove(TenantId tenant, ClientId client) {
            }
        };
    }

    // ---- clients in each situation (all in TENANT) ----

    /** Never invited, with an email address. */
    Client added(String firstName) {
        return t.create(ClientDetails.named(firstName, "Tester").withEmail(emailOf(firstName)));
    }

    /** Invited long ago (no invitation in the outbox), with an email address. */
    Client invitedLongAgo(String firstName) {
        return toStatus(added(firstName).id(), InvitationStatus.INVITED);
    }

    /** Activated their account. */
    Client accepted(String firstName) {
        ClientId id = invitedLongAgo(firstName).id();
        return toStatus(id, InvitationStatus.ACCEPTED);
    }

    /** Never invited, without an email address. */
    Client withoutEmail(String firstName) {
        return t.create(ClientDetails.named(firstName, "Tester"));
    }

    /** Unsubscribed from invitations through the link of an earlier mail. */
    Client unsubscribed(Client client) {
        t.change(s -> support.recordUnsubscribe(new Actor.ClientSelf(client.id()), client.tenantId(), client.id(),
                ConsentSource.UNSUBSCRIBE_LINK, Optional.empty(), Optional.empty()));
        return reload(client.id());
    }

    /** Their address was refused for good by the mail provider. */
    Client emailRejected(Client client) {
        return change(client.id(), c -> c.withEmailRejected(t.clock.instant()));
    }

    /** Erased (anonymized). */
    Client erased(Client client) {
        t.clientele.erasure().erase(OWNER, TENANT, client.id());
        return reload(client.id());
    }

    /** Sent an invitation just now (individually), so within the resend cooldown. */
    Client invitedJustNow(Client client) {
        invitations.invite(ownerOf(client.tenantId()), client.tenantId(), client.id());
        return reload(client.id());
    }

    Client inGroup(Client client, ClientGroup group) {
        return t.clientele.groups().addMember(OWNER, TENANT, client.id(), group.id());
    }

    Client labelled(Client client, Label label) {
        return t.clientele.labels().assign(OWNER, TENANT, client.id(), label.id());
    }

    Client toStatus(ClientId id, InvitationStatus status) {
        return change(id, c -> switch (status) {
            case INVITED -> c.markInvited(t.clock.instant());
            case ACCEPTED -> c.accept(t.clock.instant());
            case ADDED -> throw new IllegalArgumentException("no client goes back to ADDED");
        });
    }

    Client change(ClientId id, UnaryOperator<Client> change) {
        return t.write(s -> s.clients().update(change.apply(reload(id))));
    }

    Client reload(ClientId id) {
        return t.read(s -> s.clients().find(TENANT, id)).orElseThrow();
    }

    /**
     * What the dispatcher does for every pending invitation, minus the sending: the row is marked
     * sent and the client becomes {@code INVITED}.
     */
    void dispatchAll() {
        OutboxClaim claim = new OutboxClaim(t.ids.next());
        t.write(s -> {
            for (OutboxMessage m : s.outbox().claimDue(claim, t.clock.instant(), Integer.MAX_VALUE,
                    Duration.ofMinutes(5))) {
                s.outbox().markSent(m.tenantId(), m.id(), claim, t.clock.instant());
                Client c = s.clients().find(m.tenantId(), m.clientId().orElseThrow()).orElseThrow();
                if (!c.erased() && c.invitationStatus() != InvitationStatus.ACCEPTED) {
                    s.clients().update(c.markInvited(t.clock.instant()));
                }
            }
            return null;
        });
    }

    // ---- outbox ----

    List<OutboxMessage> invitationRows() {
        return t.allOutboxMessages().stream().filter(m -> m.kind() == MailKind.INVITATION).toList();
    }

    List<OutboxMessage> rowsFor(ClientId client) {
        return invitationRows().stream().filter(m -> m.clientId().equals(Optional.of(client))).toList();
    }

    /** Invitation rows per client. */
    Map<ClientId, Long> rowsPerClient() {
        return invitationRows().stream()
                .collect(Collectors.groupingBy(m -> m.clientId().orElseThrow(), Collectors.counting()));
    }

    /** Rows beyond the first, summed over every client. */
    long duplicates() {
        return rowsPerClient().values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
    }

    /** A campaign's counters as the preview reports them. */
    static PreviewCounts asPreview(CampaignProgress p) {
        return new PreviewCounts(p.enqueued(), p.skippedAccepted(), p.skippedUnsubscribed(), p.skippedNoEmail(),
                p.skippedBounced(), p.skippedErased(), p.skippedInCooldown());
    }

    static String emailOf(String firstName) {
        return firstName.toLowerCase(Locale.ROOT) + ".tester@example.com";
    }

    /** A listener that keeps every campaign it is told about. */
    static final class Recording implements CampaignProgressListener {
        final List<Campaign> seen = new ArrayList<>();

        @Override
        public void onProgress(Campaign campaign) {
            seen.add(campaign);
        }
    }
}
