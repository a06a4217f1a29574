package io.clientele.invitation.service;

import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.EmailChangeParticipant;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.client.service.ClientProfileService;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.TransactionRunner;
import io.clientele.consent.port.ConsentLog;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.invitation.port.CredentialStore;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.mail.port.MailComposer;
import io.clientele.mail.port.MailOutbox;
import io.clientele.mail.port.MailSender;
import io.clientele.mail.port.MessageTemplates;
import java.time.Clock;

/**
 * Wires the invitation context's use cases from its ports. {@code io.clientele.Clientele} builds
 * one; hosts use the facade instead. Immutable and thread-safe.
 */
public final class InvitationServices {

    private final InvitationSupport support;
    private final InvitationService invitations;
    private final CampaignService campaigns;
    private final ActivationService activation;
    private final MailDispatcher dispatcher;
    private final EmailChangeParticipant emailChangeParticipant;

    /** The ports the invitation context needs. */
    public record Ports(
            ClientRepository clients,
            GroupRepository groups,
            LabelRepository labels,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            TenantSettingsProvider settings,
            Clock clock,
            Ids ids,
            MailOutbox outbox,
            MailSender sender,
            MailComposer composer,
            TokenRepository tokens,
            CredentialStore credentials,
            CampaignRepository campaigns,
            MessageTemplates templates,
            PreferenceRepository preferences,
            ConsentLog consents,
            InvitationConfig config,
            Pacer pacer) {
    }

    /** Builds every service; {@code profiles} creates clients for "create and invite". */
    public InvitationServices(Ports p, ClientProfileService profiles) {
        this.support = new InvitationSupport(new InvitationSupport.Ports(p.clients(), p.audit(), p.events(), p.tx(),
                p.settings(), p.clock(), p.ids(), p.outbox(), p.tokens(), p.credentials(), p.campaigns(),
                p.templates(), p.preferences(), p.consents(), p.config()));
        this.invitations = new InvitationService(support, profiles, p.composer());
        this.campaigns = new CampaignService(support, p.groups(), p.labels());
        this.activation = new ActivationService(support);
        this.dispatcher = new MailDispatcher(support, p.sender(), p.composer(), p.pacer());
        this.emailChangeParticipant = support.emailChangeParticipant();
    }

    /** Individual invites and create-and-invite. */
    public InvitationService invitations() {
        return invitations;
    }

    /** Campaigns: preview, create, run or resume. */
    public CampaignService campaigns() {
        return campaigns;
    }

    /** Personal links: inspect, activate, password reset, unsubscribe. */
    public ActivationService activation() {
        return activation;
    }

    /** The mail dispatcher job. */
    public MailDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * What a change of a client's email address must do in this context: revoke the client's live
     * links and cancel pending invitation and reset mails, audited.
     */
    public EmailChangeParticipant emailChangeParticipant() {
        return emailChangeParticipant;
    }

    /**
     * What erasure must do in this context: revoke links, remove credentials, blank mails, drop the
     * custom message of campaigns aimed at the client by id.
     */
    public ErasureParticipant eraser() {
        return support.eraser();
    }
}
