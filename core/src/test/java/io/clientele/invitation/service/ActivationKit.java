package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.adapter.credentials.HashingCredentialStore;
import io.clientele.adapter.credentials.HashingCredentialStore.Argon2Parameters;
import io.clientele.adapter.memory.RecordingMailSender;
import io.clientele.adapter.memory.SimpleMailComposer;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.port.CredentialStore;
import io.clientele.invitation.port.PasswordHashStore;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.mail.model.MessageTemplate;
import io.clientele.mail.port.MessageTemplates;
import io.clientele.testing.TestClientele;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The activation service on a {@link TestClientele}, with the Argon2id credential store on cheap
 * parameters and a small DSL for clients in each situation ({@code kit.accepted(kit.t.ana())}) and
 * for issuing links. One per test.
 */
final class ActivationKit {

    /** Cheap Argon2id parameters: tests hash in about a millisecond. */
    static final Argon2Parameters CHEAP_HASHING = new Argon2Parameters(1024, 1, 1);
    static final InvitationMessage RESET_TEXT = new InvitationMessage("Reset your password", "Use the link below.");
    static final MessageTemplates TEMPLATES = (tenant, kind, lang) -> new MessageTemplate(RESET_TEXT.subject(),
            RESET_TEXT.message());
    /** The password {@link #accepted} sets. */
    static final String FIRST_PASSWORD = "correct horse battery";

    final TestClientele t = new TestClientele();
    /** The password hashes of the stores the test's Clientele is wired on. */
    final PasswordHashStore hashes = t.stores.passwordHashes();
    final HashingCredentialStore credentials = new HashingCredentialStore(hashes, CHEAP_HASHING);
    /** The context's ports, as the services below are built on them. */
    final InvitationServices.Ports ports;
    /** The shared invitation rules on the same ports, for the DSL. */
    final InvitationSupport support;
    /** Makes links as the dispatcher does, for {@link #link}. */
    final TokenIssuer issuer;
    final ActivationService service;
    /** Records the mails the {@link #dispatcher} sends. */
    final RecordingMailSender sender = new RecordingMailSender();
    final MailDispatcher dispatcher;

    ActivationKit() {
        this(UnaryOperator.identity());
    }

    /** With the credential store wrapped, for example to count or fail calls. */
    ActivationKit(UnaryOperator<CredentialStore> wrap) {
        this(wrap, UnaryOperator.identity());
    }

    /** With the credential store and the token repository wrapped, for example to stage a race. */
    ActivationKit(UnaryOperator<CredentialStore> wrapCredentials, UnaryOperator<TokenRepository> wrapTokens) {
        ports = InvitationFixture.ports(t, InvitationFixture.CONFIG, wrapCredentials.apply(credentials), TEMPLATES,
                sender, new SimpleMailComposer(), t.clock::advance, new InvitationFixture.PortWrapper() {
                    @Override
                    public <P> P wrap(Class<P> port, P adapter) {
                        return port == TokenRepository.class ? port.cast(wrapTokens.apply((TokenRepository) adapter))
                                : adapter;
                    }
                });
        support = new InvitationSupport(ports);
        issuer = new TokenIssuer(ports);
        InvitationServices services = InvitationFixture.services(t, ports);
        service = services.activation();
        dispatcher = services.dispatcher();
    }

    /** A new link for the client, issued now and stored through the services' token repository. */
    RawToken link(Client client, TokenPurpose purpose) {
        Optional<String> category = purpose == TokenPurpose.UNSUBSCRIBE
                ? Optional.of(MarketingPreference.INVITATIONS)
                : Optional.empty();
        RawToken token = issuer.newToken();
        IssuedToken stored = issuer.stored(token, client.tenantId(), client.id(), purpose, category,
                t.clock.instant());
        t.change(s -> ports.tokens().insert(stored));
        return token;
    }

    /** The stored form of a link. */
    IssuedToken stored(RawToken token) {
        return t.read(s -> s.tokens().findByHash(TENANT, token.hash())).orElseThrow();
    }

    /** The client after the dispatcher sent an invitation. */
    Client invited(Client client) {
        return t.write(s -> s.clients().update(client.markInvited(t.clock.instant())));
    }

    /** True when {@code password} is the client's stored password, checked in a read-only unit of work. */
    boolean verifies(ClientId client, String password) {
        return t.read(s -> credentials.verify(TENANT, client, password));
    }

    /** The client's stored password hash, read in a unit of work. */
    Optional<String> storedHash(TenantId tenant, ClientId client) {
        return t.read(s -> hashes.find(tenant, client));
    }

    /** The client after they activated their account with {@link #FIRST_PASSWORD}. */
    Client accepted(Client client) {
        assertThat(service.activate(TENANT, link(client, TokenPurpose.ACTIVATION).value(), FIRST_PASSWORD))
                .isInstanceOf(ActivationResult.Activated.class);
        return t.reload(client.id());
    }

    /** A second client of the tenant, with an email address. */
    Client bo() {
        return t.create(ClientDetails.named("Bo", "Berg").withEmail("bo.berg@example.com"));
    }

    /** A client of the tenant without an email address. */
    Client noEmail() {
        return t.create(ClientDetails.named("Cy", "Nomail"));
    }
}
