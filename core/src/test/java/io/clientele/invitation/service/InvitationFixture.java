package io.clientele.invitation.service;

import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.EventPublisher;
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
import io.clientele.testing.TestClientele;

/**
 * Builds the invitation context's {@link InvitationServices.Ports} on the stores and runner a
 * {@link TestClientele}'s Clientele is wired on ({@link TestClientele#stores}: the in-memory
 * adapters, or the backend's), its host-owned ports and its clock, so that tests build the services
 * exactly as a host's wiring does ({@code new InvitationServices(ports, profiles)}), with some ports
 * replaced or wrapped (counted, recorded, intercepted).
 */
final class InvitationFixture {

    static final InvitationConfig CONFIG = TestClientele.INVITATIONS;

    private InvitationFixture() {
    }

    /**
     * Puts a port's adapter behind a decorator (a counter, a recorder), or leaves it as it is.
     * Applied to every repository, store, runner, settings and template port of the context; the
     * clock, the ids, the config, the sender, the composer and the pacer are taken as given.
     */
    interface PortWrapper {

        /** Leaves every port as it is. */
        PortWrapper NONE = new PortWrapper() {
            @Override
            public <P> P wrap(Class<P> port, P adapter) {
                return adapter;
            }
        };

        /** The adapter of {@code port}, wrapped or not. */
        <P> P wrap(Class<P> port, P adapter);
    }

    /** The ports on the test's adapters, with the given credentials and templates, a recording sender. */
    static InvitationServices.Ports ports(TestClientele t, InvitationConfig config, CredentialStore credentials,
            MessageTemplates templates) {
        return ports(t, config, credentials, templates, t.memory.mailSender(), t.memory.composer(),
                t.clock::advance, PortWrapper.NONE);
    }

    /** The ports on the test's adapters, each wrapped by {@code wrapper}, the rest as given. */
    static InvitationServices.Ports ports(TestClientele t, InvitationConfig config, CredentialStore credentials,
            MessageTemplates templates, MailSender sender, MailComposer composer, Pacer pacer,
            PortWrapper wrapper) {
        var m = t.stores;
        return new InvitationServices.Ports(
                wrapper.wrap(ClientRepository.class, m.clients()),
                wrapper.wrap(GroupRepository.class, m.groups()),
                wrapper.wrap(LabelRepository.class, m.labels()),
                wrapper.wrap(AuditLog.class, m.audit()),
                wrapper.wrap(EventPublisher.class, m.events()),
                wrapper.wrap(TransactionRunner.class, m.transactions()),
                wrapper.wrap(TenantSettingsProvider.class, t.memory.tenantSettings()),
                t.clock,
                t.ids,
                wrapper.wrap(MailOutbox.class, m.outbox()),
                sender,
                composer,
                wrapper.wrap(TokenRepository.class, m.tokens()),
                wrapper.wrap(CredentialStore.class, credentials),
                wrapper.wrap(CampaignRepository.class, m.campaigns()),
                wrapper.wrap(MessageTemplates.class, templates),
                wrapper.wrap(PreferenceRepository.class, m.preferences()),
                wrapper.wrap(ConsentLog.class, m.consents()),
                config,
                pacer);
    }

    /** Every service of the context on the ports, as the facade builds them. */
    static InvitationServices services(TestClientele t, InvitationServices.Ports ports) {
        return new InvitationServices(ports, t.clientele.clients());
    }
}
