package io.clientele.invitation.service;

import io.clientele.invitation.port.CredentialStore;
import io.clientele.mail.port.MessageTemplates;
import io.clientele.testing.TestClientele;

/**
 * Builds the invitation context's shared {@link InvitationSupport} on a {@link TestClientele}'s
 * in-memory adapters and clock, for tests of the invitation services before they are wired into
 * the facade.
 */
final class InvitationFixture {

    static final InvitationConfig CONFIG = TestClientele.INVITATIONS;

    private InvitationFixture() {
    }

    static InvitationSupport support(TestClientele t, InvitationConfig config, CredentialStore credentials,
            MessageTemplates templates) {
        var m = t.memory;
        return new InvitationSupport(new InvitationSupport.Ports(m.clients(), m.audit(), m.events(),
                m.transactions(), m.tenantSettings(), t.clock, t.ids, m.outbox(), m.tokens(),
                credentials, m.campaigns(), templates, m.preferences(), m.consents(), config));
    }
}
