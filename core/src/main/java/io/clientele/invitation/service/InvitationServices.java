package io.clientele.invitation.service;

import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.EmailChangeParticipant;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.client.service.ClientProfileService;
import io.clientele.common.ConfigurationException;
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
import java.util.concurrent.ThreadFactory;

/**
 * Wires the invitation context's use cases from its ports: each service is built from the one
 * {@link Ports} record and keeps the ports it uses. {@code io.clientele.Clientele} builds one;
 * hosts use the facade instead. Immutable and thread-safe.
 */
public final class InvitationServices {

    private final InvitationService invitations;
    private final CampaignService campaigns;
    private final ActivationService activation;
    private final MailDispatcher dispatcher;
    private final ErasureParticipant eraser;
    private final EmailChangeParticipant emailChangeParticipant;

    /**
     * Every port and setting the invitation context needs; none may be null (a {@link
     * ConfigurationException} names the missing one). {@code pacer} is how the dispatcher waits for
     * its rate limit ({@link Pacer#sleeping()} in production); {@code dispatchThreads} makes the
     * second thread of {@link MailDispatcher#dispatchAll()} ({@link MailDispatcher#defaultThreads()}
     * when left out).
     */
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
            Pacer pacer,
            ThreadFactory dispatchThreads) {

        public Ports {
            ConfigurationException.requirePort("InvitationServices.Ports", "clients", clients);
            ConfigurationException.requirePort("InvitationServices.Ports", "groups", groups);
            ConfigurationException.requirePort("InvitationServices.Ports", "labels", labels);
            ConfigurationException.requirePort("InvitationServices.Ports", "audit", audit);
            ConfigurationException.requirePort("InvitationServices.Ports", "events", events);
            ConfigurationException.requirePort("InvitationServices.Ports", "tx", tx);
            ConfigurationException.requirePort("InvitationServices.Ports", "settings", settings);
            ConfigurationException.requirePort("InvitationServices.Ports", "clock", clock);
            ConfigurationException.requirePort("InvitationServices.Ports", "ids", ids);
            ConfigurationException.requirePort("InvitationServices.Ports", "outbox", outbox);
            ConfigurationException.requirePort("InvitationServices.Ports", "sender", sender);
            ConfigurationException.requirePort("InvitationServices.Ports", "composer", composer);
            ConfigurationException.requirePort("InvitationServices.Ports", "tokens", tokens);
            ConfigurationException.requirePort("InvitationServices.Ports", "credentials", credentials);
            ConfigurationException.requirePort("InvitationServices.Ports", "campaigns", campaigns);
            ConfigurationException.requirePort("InvitationServices.Ports", "templates", templates);
            ConfigurationException.requirePort("InvitationServices.Ports", "preferences", preferences);
            ConfigurationException.requirePort("InvitationServices.Ports", "consents", consents);
            ConfigurationException.requirePort("InvitationServices.Ports", "config", config);
            ConfigurationException.requirePort("InvitationServices.Ports", "pacer", pacer);
            ConfigurationException.requirePort("InvitationServices.Ports", "dispatchThreads", dispatchThreads);
        }

        /** The ports with the dispatcher's default thread factory ({@link MailDispatcher#defaultThreads()}). */
        public Ports(ClientRepository clients, GroupRepository groups, LabelRepository labels, AuditLog audit,
                EventPublisher events, TransactionRunner tx, TenantSettingsProvider settings, Clock clock, Ids ids,
                MailOutbox outbox, MailSender sender, MailComposer composer, TokenRepository tokens,
                CredentialStore credentials, CampaignRepository campaigns, MessageTemplates templates,
                PreferenceRepository preferences, ConsentLog consents, InvitationConfig config, Pacer pacer) {
            this(clients, groups, labels, audit, events, tx, settings, clock, ids, outbox, sender, composer, tokens,
                    credentials, campaigns, templates, preferences, consents, config, pacer,
                    MailDispatcher.defaultThreads());
        }

        /** These ports with {@code value} as the dispatcher's thread factory. */
        public Ports withDispatchThreads(ThreadFactory value) {
            return new Ports(clients, groups, labels, audit, events, tx, settings, clock, ids, outbox, sender, composer,
                    tokens, credentials, campaigns, templates, preferences, consents, config, pacer, value);
        }
    }

    /** Builds every service on the ports; {@code profiles} creates clients for "create and invite". */
    public InvitationServices(Ports ports, ClientProfileService profiles) {
        ConfigurationException.requirePort("InvitationServices", "ports", ports);
        ConfigurationException.requirePort("InvitationServices", "profiles", profiles);
        this.invitations = new InvitationService(ports, profiles);
        this.campaigns = new CampaignService(ports);
        this.activation = new ActivationService(ports);
        this.dispatcher = new MailDispatcher(ports);
        InvitationParticipants participants = new InvitationParticipants(ports);
        this.eraser = participants.eraser();
        this.emailChangeParticipant = participants.emailChangeParticipant();
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
        return eraser;
    }
}
