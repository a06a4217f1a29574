package io.clientele.invitation.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.client.service.ClientGuard;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.ConsentSource;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.Password;
import io.clientele.invitation.model.PreparedCredential;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.TokenInspection;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.model.UnsubscribeResult;
import io.clientele.invitation.port.CredentialStore;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.port.MailOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the links in a client's mails do: {@link #inspect} and {@link #activate} an invitation or
 * password-reset link, ask for a reset ({@link #requestPasswordReset} by staff, {@link
 * #forgotPassword} by the client), and {@link #unsubscribe} in one click.
 *
 * <p>{@code inspect} never consumes a link (mail gateways' link scanners open links): it and
 * {@link #inspectUnsubscribe} read in a read-only unit of work ({@link
 * TransactionRunner#inReadOnlyTransaction}); {@code activate} is the only consuming call, and of
 * several simultaneous calls with one link exactly one wins. Activation sets the password through the {@code CredentialStore}, moves the
 * client to {@code ACCEPTED} and revokes every other activation and reset link, while unsubscribe
 * links keep working. Reset mails carry no token: the dispatcher generates it when it sends.
 *
 * <p>Links carry the tenant id next to the token ({@code ?tenant=...&token=...}), and every call
 * that takes a token takes the tenant too: a token is looked up in that tenant only, so a token of
 * another tenant answers {@code Unknown} exactly like an unknown one, and is left untouched.
 *
 * <p>Defaults come from {@link InvitationConfig}: invitation links live 14 days, reset links 1
 * hour. "Forgot password" sends at most one reset mail per client every {@value
 * #FORGOT_PASSWORD_INTERVAL_MINUTES} minutes, and does the same work and answers the same whether
 * or not the address is known. Tokens, passwords and email addresses are never logged.
 *
 * <p>Stateless and thread-safe; obtained from {@code Clientele}.
 */
public final class ActivationService {

    /** How long "forgot password" waits before it sends a client another reset mail. */
    public static final int FORGOT_PASSWORD_INTERVAL_MINUTES = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ActivationService.class);
    /** {@value #FORGOT_PASSWORD_INTERVAL_MINUTES} minutes, for the dispatcher's check too. */
    static final Duration FORGOT_PASSWORD_INTERVAL = Duration.ofMinutes(FORGOT_PASSWORD_INTERVAL_MINUTES);
    private static final Set<TokenPurpose> PASSWORD_LINKS = EnumSet.of(TokenPurpose.ACTIVATION,
            TokenPurpose.PASSWORD_RESET);
    /** The actor of the audit entry a resolved "forgot password" request writes. */
    static final Actor FORGOT_PASSWORD = new Actor.SystemActor("forgot-password");

    private final ClientRepository clients;
    private final ClientGuard guard;
    private final TokenRepository tokens;
    private final CredentialStore credentials;
    private final MailOutbox outbox;
    private final TenantSettingsProvider settings;
    private final EventPublisher events;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Ids ids;
    private final InvitationSupport support;

    /** The service on the context's ports; {@link InvitationServices} builds it for the facade. */
    ActivationService(InvitationServices.Ports ports) {
        this.clients = ports.clients();
        this.guard = new ClientGuard(ports.clients(), ports.settings());
        this.tokens = ports.tokens();
        this.credentials = ports.credentials();
        this.outbox = ports.outbox();
        this.settings = ports.settings();
        this.events = ports.events();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.ids = ports.ids();
        this.support = new InvitationSupport(ports);
    }

    /**
     * What an activation or password-reset link of the tenant is, without using it. Malformed and
     * unknown tokens, tokens of another tenant, and unsubscribe tokens, are {@code Unknown}; used or
     * revoked ones {@code AlreadyUsed}; ones past their lifetime (per the injected clock) {@code
     * Expired}.
     */
    public TokenInspection inspect(TenantId tenant, String token) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("token", token);
        Optional<IssuedToken> found = tx.inReadOnlyTransaction(() -> passwordLink(tenant, token));
        if (found.isEmpty()) {
            return new TokenInspection.Unknown();
        }
        IssuedToken link = found.get();
        if (link.usedAt().isPresent() || link.revokedAt().isPresent()) {
            return new TokenInspection.AlreadyUsed();
        }
        if (link.isExpired(clock.instant())) {
            return new TokenInspection.Expired(link.tenantId(), link.clientId(), link.purpose());
        }
        return new TokenInspection.Valid(link.tenantId(), link.clientId(), link.purpose(), link.expiresAt());
    }

    /**
     * Uses an activation or password-reset link to set the client's password. The link is read
     * first, and an unknown, used, revoked or expired one answers at once, without any hashing.
     * Then the password is checked ({@link Password}: 8 to 128 characters): a refused one is a
     * {@link io.clientele.common.ValidationException} on {@code password} and leaves the link
     * usable. Then the credential store prepares it ({@code CredentialStore.prepare}: the slow
     * hashing), outside any unit of work. Last, one short unit of work consumes the link,
     * atomically, and does everything it is for, storing the prepared credential; a failure there
     * (for example of the credential store) leaves the link usable too. Must not be called inside
     * a unit of work.
     *
     * <p>An invitation link moves the client to {@code ACCEPTED} (through {@code INVITED} if the
     * mail was never marked sent); a client already {@code ACCEPTED} answers {@code AlreadyUsed}.
     * A reset link works only for an {@code ACCEPTED} client. Either revokes the client's other
     * activation and reset links. An erased client's link, and a token of another tenant, are
     * {@code Unknown} (a token of another tenant stays usable in its own).
     */
    public ActivationResult activate(TenantId tenant, String token, String password) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("token", token);
        Validate.notNull("password", password);
        Optional<IssuedToken> found = tx.inReadOnlyTransaction(() -> passwordLink(tenant, token));
        if (found.isEmpty()) {
            return new ActivationResult.Unknown();
        }
        IssuedToken link = found.get();
        Optional<ActivationResult> unusable = unusable(link, clock.instant());
        if (unusable.isPresent()) {
            return unusable.get();
        }
        Password chosen = new Password(password);
        // the slow part (Argon2id takes tens of milliseconds by design) before the unit of work,
        // so no transaction, row lock or connection is held while it runs
        PreparedCredential prepared = credentials.prepare(chosen);
        return tx.inTransaction(() -> use(link, prepared));
    }

    /**
     * Staff send an {@code ACCEPTED} client a password-reset mail (requires {@link
     * Permission#INVITE_CLIENTS}). The mail is queued in the outbox with the tenant's reset text in
     * the client's language; the dispatcher adds the link. An erased client, one without an account,
     * without an email address or whose address bounced is a {@link ConflictException} ({@code
     * ILLEGAL_STATE}, the message telling which); a client of another tenant is not found.
     */
    public void requestPasswordReset(Actor actor, TenantId tenant, ClientId clientId) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("clientId", clientId);
        tx.inTransaction(() -> {
            Client client = guard.writeAsStaff(actor, Permission.INVITE_CLIENTS, tenant, clientId,
                    "no password reset can be sent");
            if (client.invitationStatus() != InvitationStatus.ACCEPTED) {
                throw ConflictException.illegalState("client " + clientId + " has no activated account");
            }
            if (client.details().email().isEmpty()) {
                throw ConflictException.illegalState("client " + clientId + " has no email address");
            }
            if (client.emailBounced()) {
                throw ConflictException.illegalState("client " + clientId + "'s email address bounced");
            }
            enqueueReset(actor, client);
            return null;
        });
    }

    /**
     * A client's own "forgot password". It looks up no client: for any well-formed {@code email} it
     * writes one password-reset request to the outbox, addressed to that (normalized) address,
     * unless a request for the same tenant and address is still waiting from the last {@value
     * #FORGOT_PASSWORD_INTERVAL_MINUTES} minutes; no audit entry, no event. A known and an unknown
     * address therefore cost the same reads and writes and get the same answer: this method
     * returns normally and tells nothing. A malformed address is a {@link
     * io.clientele.common.ValidationException} on {@code email}.
     *
     * <p>The {@link MailDispatcher} resolves the request when it claims it: if the address belongs
     * to a non-erased client with an activated account and a deliverable address, who was not sent
     * a reset mail in the last {@value #FORGOT_PASSWORD_INTERVAL_MINUTES} minutes, the request
     * becomes that client's reset mail (in their language), audited ({@code
     * PASSWORD_RESET_REQUESTED} by {@code system:forgot-password}) and published ({@code
     * PasswordResetRequested}); otherwise it is cancelled and the address blanked, without sending.
     */
    public void forgotPassword(TenantId tenant, String email) {
        Validate.notNull("tenantId", tenant);
        EmailAddress address = EmailAddress.of(email);
        tx.inTransaction(() -> {
            Instant now = clock.instant();
            if (!outbox.hasRequestAfter(tenant, address.value(), now.minus(FORGOT_PASSWORD_INTERVAL))) {
                String language = settings.settings(tenant).defaultLanguage().value();
                outbox.enqueue(OutboxMessage.resetRequest(ids.next(), tenant, address.value(), language, now));
            }
            return null;
        });
    }

    /**
     * Uses a one-click unsubscribe link of the tenant, for a request whose IP address and user
     * agent are not known: as {@link #unsubscribe(TenantId, String, ConsentOrigin)} with {@link
     * ConsentOrigin#none()}.
     */
    public UnsubscribeResult unsubscribe(TenantId tenant, String token) {
        return unsubscribe(tenant, token, ConsentOrigin.none());
    }

    /**
     * Uses a one-click unsubscribe link of the tenant: records an opt-out of invitations (source
     * {@code UNSUBSCRIBE_LINK}, with the request's IP address and user agent from {@code origin} as
     * proof) and cancels the client's pending mails. The link is not consumed: clicking again
     * answers {@code Unsubscribed} and records nothing new while the client stays opted out. Only
     * live unsubscribe tokens of the tenant count; anything else, a token of another tenant
     * included, is {@code Unknown}. {@link ConsentOrigin} checks the IP address and user agent when
     * it is built.
     *
     * <p>The link and its client are read, then the client's lock is taken and both are read
     * again: a link whose client was erased, or which was revoked, while the call waited for the
     * lock is {@code Unknown} too, and nothing is recorded (no consent record, audit entry or
     * event).
     */
    public UnsubscribeResult unsubscribe(TenantId tenant, String token, ConsentOrigin origin) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("token", token);
        Validate.notNull("origin", origin);
        return tx.inTransaction(() -> {
            Optional<Client> client = unsubscribeTarget(tenant, token);
            if (client.isEmpty()) {
                return new UnsubscribeResult.Unknown();
            }
            ClientId id = client.get().id();
            guard.lock(tenant, id);
            // the link and the client again, under the lock: an erasure (or a change of address,
            // which revokes the link) that committed while this call waited leaves nothing to
            // record, and no IP address or user agent may be stored for an erased person
            if (unsubscribeTarget(tenant, token).filter(c -> c.id().equals(id)).isEmpty()) {
                return new UnsubscribeResult.Unknown();
            }
            if (!support.unsubscribedFromInvitations(tenant, id)) {
                support.recordUnsubscribe(new Actor.ClientSelf(id), tenant, id, ConsentSource.UNSUBSCRIBE_LINK,
                        origin.ipAddress(), origin.userAgent());
                LOG.info("unsubscribed from invitations: tenant={} client={}", tenant, id);
            }
            outbox.cancelPending(tenant, id, MailKind.INVITATION);
            return new UnsubscribeResult.Unsubscribed(tenant, id);
        });
    }

    /**
     * Checks an unsubscribe link without using it, for the page a GET request shows: the link
     * scanners of mail gateways follow links, so the page should ask for confirmation and only the
     * POST (RFC 8058 one-click, or the confirmation) calls {@link #unsubscribe}. Answers
     * {@code Unsubscribed} for a link {@link #unsubscribe} would accept (nothing is recorded),
     * {@code Unknown} otherwise.
     */
    public UnsubscribeResult inspectUnsubscribe(TenantId tenant, String token) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("token", token);
        return tx.inReadOnlyTransaction(() -> unsubscribeTarget(tenant, token)
                .<UnsubscribeResult>map(c -> new UnsubscribeResult.Unsubscribed(tenant, c.id()))
                .orElseGet(UnsubscribeResult.Unknown::new));
    }

    /** The live client an unsubscribe link of this tenant belongs to, if it is one. */
    private Optional<Client> unsubscribeTarget(TenantId tenant, String token) {
        if (!RawToken.isWellFormed(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.findByHash(tenant, new RawToken(token).hash())
                .filter(t -> t.purpose() == TokenPurpose.UNSUBSCRIBE && t.revokedAt().isEmpty() && !t.isExpired(now))
                .filter(t -> t.category().map(MarketingPreference.INVITATIONS::equals).orElse(true))
                .flatMap(t -> clients.find(tenant, t.clientId()))
                .filter(c -> !c.erased());
    }

    /** The tenant's stored activation or reset link for a token text; never an unsubscribe link. */
    private Optional<IssuedToken> passwordLink(TenantId tenant, String token) {
        if (!RawToken.isWellFormed(token)) {
            return Optional.empty();
        }
        // an erased client's links are unknown, whatever state they were left in
        return tokens.findByHash(tenant, new RawToken(token).hash())
                .filter(t -> t.purpose() != TokenPurpose.UNSUBSCRIBE)
                .filter(t -> clients.find(tenant, t.clientId()).map(c -> !c.erased()).orElse(false));
    }

    private static Optional<ActivationResult> unusable(IssuedToken link, Instant now) {
        if (link.usedAt().isPresent() || link.revokedAt().isPresent()) {
            return Optional.of(new ActivationResult.AlreadyUsed());
        }
        if (link.isExpired(now)) {
            return Optional.of(new ActivationResult.Expired(link.tenantId(), link.clientId(), link.purpose()));
        }
        return Optional.empty();
    }

    /** Consumes the link and does what it is for; runs inside the unit of work. */
    private ActivationResult use(IssuedToken link, PreparedCredential password) {
        // the client's lock before its links, in the order an erasure takes them
        Optional<Client> client = clients.findForUpdate(link.tenantId(), link.clientId())
                .filter(c -> !c.erased());
        Instant now = clock.instant();
        if (!tokens.consume(link.tenantId(), link.hash(), now)) {
            // another call won, or the link expired or was revoked since it was read
            return tokens.findByHash(link.tenantId(), link.hash()).flatMap(t -> unusable(t, now))
                    .orElseGet(ActivationResult.AlreadyUsed::new);
        }
        if (client.isEmpty()) {
            return new ActivationResult.Unknown();
        }
        return link.purpose() == TokenPurpose.ACTIVATION
                ? accept(client.get(), password, now)
                : reset(client.get(), password, now);
    }

    private ActivationResult accept(Client client, PreparedCredential password, Instant now) {
        InvitationStatus before = client.invitationStatus();
        if (before == InvitationStatus.ACCEPTED) {
            return new ActivationResult.AlreadyUsed();
        }
        TenantId tenant = client.tenantId();
        ClientId id = client.id();
        // an ADDED client accepts too: the dispatcher marks a client INVITED after sending, and a
        // link used before that still counts
        clients.update(client.accept(now));
        tokens.revokeLive(tenant, id, PASSWORD_LINKS, now);
        support.record(new Actor.ClientSelf(id), tenant, id, AuditAction.INVITATION_ACCEPTED,
                List.of(FieldChange.plain("invitationStatus", Optional.of(before),
                        Optional.of(InvitationStatus.ACCEPTED))));
        // last but the event: a host identity system that fails rolls the whole activation back
        credentials.setPassword(tenant, id, password);
        events.publish(new InvitationEvents.InvitationAccepted(tenant, id, now));
        LOG.info("account activated: tenant={} client={}", tenant, id);
        return new ActivationResult.Activated(tenant, id, TokenPurpose.ACTIVATION);
    }

    private ActivationResult reset(Client client, PreparedCredential password, Instant now) {
        if (client.invitationStatus() != InvitationStatus.ACCEPTED) {
            return new ActivationResult.Unknown();
        }
        TenantId tenant = client.tenantId();
        ClientId id = client.id();
        tokens.revokeLive(tenant, id, PASSWORD_LINKS, now);
        support.record(new Actor.ClientSelf(id), tenant, id, AuditAction.PASSWORD_RESET, List.of());
        credentials.setPassword(tenant, id, password);
        events.publish(new InvitationEvents.PasswordReset(tenant, id, now));
        LOG.info("password reset: tenant={} client={}", tenant, id);
        return new ActivationResult.Activated(tenant, id, TokenPurpose.PASSWORD_RESET);
    }

    /** Queues a reset mail (no link: the dispatcher generates the token when it sends), audits it. */
    private void enqueueReset(Actor actor, Client client) {
        Instant now = clock.instant();
        TenantId tenant = client.tenantId();
        String language = support.languageOf(client);
        InvitationMessage text = support.defaultText(tenant, MailKind.PASSWORD_RESET, language);
        outbox.enqueue(OutboxMessage.pending(ids.next(), tenant, client.id(), MailKind.PASSWORD_RESET,
                Optional.empty(), client.details().email().orElseThrow().value(), language, text.subject(),
                text.message(), now));
        support.record(actor, tenant, client.id(), AuditAction.PASSWORD_RESET_REQUESTED, List.of());
        events.publish(new InvitationEvents.PasswordResetRequested(tenant, client.id(), now));
        LOG.info("password reset mail queued: tenant={} client={} by={}", tenant, client.id(), actor.describe());
    }
}
