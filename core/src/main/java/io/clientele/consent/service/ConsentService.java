package io.clientele.consent.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.client.service.ClientGuard;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.ConflictException;
import io.clientele.common.CursorSeal;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.NotFoundException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TimeBounds;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentEvents;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.ConsentSource;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.model.PreferenceState;
import io.clientele.consent.port.ConsentLog;
import io.clientele.consent.port.PreferenceRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marketing preferences and the consent clients give to them: the tenant
 * defines preferences and rewords them; staff, the client themself or an import record decisions;
 * staff read a client's current state and history and list the audience of a preference.
 *
 * <p>Consent records are append-only: every decision is a new record carrying the decision, the
 * time, the actor, the source, the wording version and its SHA-256 as proof, and (self-service
 * only) the IP address and user agent. Each decision is also audited ({@code CONSENT_RECORDED},
 * without IP or user agent) and published as {@link ConsentEvents.ConsentRecorded}. No decision
 * is recorded for an erased client.
 *
 * <p>Defaults: a client never asked is not opted in; the current state is the latest record; the
 * built-in {@value MarketingPreference#INVITATIONS} category is created for a tenant on first use
 * (a read that finds it missing creates it once, in its own short unit of work, then reads); a
 * client's history is a page of {@link PageRequest} (at most {@value PageRequest#MAX_SIZE}
 * records), newest first. Every use case on a client passes the {@link ClientGuard}; reads run in
 * read-only units of work. Another tenant's client or preference is answered as not found.
 *
 * <p>Stateless apart from its ports; thread-safe when they are.
 */
public final class ConsentService {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentService.class);

    /** Why a decision for an erased client is refused. */
    private static final String REFUSAL = "no consent is recorded";

    /**
     * The ports the consent context needs. {@code guard} is the gate of every use case on a client;
     * {@code clients} serves the audience listing, which leaves erased clients out.
     */
    public record Ports(
            ClientRepository clients,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids,
            PreferenceRepository preferences,
            ConsentLog consents,
            CursorSeal cursors,
            ClientGuard guard) {

        public Ports {
            ConfigurationException.requirePort("ConsentService.Ports", "clients", clients);
            ConfigurationException.requirePort("ConsentService.Ports", "audit", audit);
            ConfigurationException.requirePort("ConsentService.Ports", "events", events);
            ConfigurationException.requirePort("ConsentService.Ports", "tx", tx);
            ConfigurationException.requirePort("ConsentService.Ports", "clock", clock);
            ConfigurationException.requirePort("ConsentService.Ports", "ids", ids);
            ConfigurationException.requirePort("ConsentService.Ports", "preferences", preferences);
            ConfigurationException.requirePort("ConsentService.Ports", "consents", consents);
            ConfigurationException.requirePort("ConsentService.Ports", "cursors", cursors);
            ConfigurationException.requirePort("ConsentService.Ports", "guard", guard);
        }
    }

    private final ClientRepository clients;
    private final AuditLog audit;
    private final EventPublisher events;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Ids ids;
    private final PreferenceRepository preferences;
    private final ConsentLog consents;
    private final CursorSeal cursors;
    private final ClientGuard guard;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public ConsentService(Ports ports) {
        Validate.notNull("ports", ports);
        this.clients = ports.clients();
        this.audit = ports.audit();
        this.events = ports.events();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.ids = ports.ids();
        this.preferences = ports.preferences();
        this.consents = ports.consents();
        this.cursors = ports.cursors();
        this.guard = ports.guard();
    }

    // ---- preferences ----

    /**
     * Defines a preference at version 1. The key is unique per tenant ({@link ConflictException}
     * {@code DUPLICATE} on field {@code key}); {@value MarketingPreference#INVITATIONS} is reserved
     * for the built-in category ({@link ValidationException} on field {@code key}, rule {@code
     * reserved}). Requires {@link Permission#MANAGE_MARKETING}, staff only.
     */
    public MarketingPreference definePreference(Actor actor, TenantId tenant, String key, String name, String wording,
            Channel channel) {
        Access.requireStaff(actor, Permission.MANAGE_MARKETING, tenant);
        MarketingPreference defined = new MarketingPreference(new PreferenceId(ids.next()), tenant, key, name,
                wording, 1, channel);
        if (defined.key().equals(MarketingPreference.INVITATIONS)) {
            throw new ValidationException("key", "reserved", "this key belongs to the built-in invitations category");
        }
        return tx.inTransaction(() -> {
            if (preferences.findByKey(tenant, defined.key()).isPresent()) {
                throw ConflictException.duplicate("key", "a preference with this key exists");
            }
            preferences.save(defined);
            events.publish(new ConsentEvents.PreferenceDefined(tenant, defined.id(), now()));
            return defined;
        });
    }

    /**
     * Replaces the wording of a preference and raises its version by one. Records made earlier keep
     * the version and hash of the wording they were given under. A wording equal to the current one
     * (after normalization) changes nothing. {@code expectedVersion} is the wording version the
     * staff member saw; another one is a stale-version {@link ConflictException}. Requires {@link
     * Permission#MANAGE_MARKETING}, staff only.
     */
    public MarketingPreference changeWording(Actor actor, TenantId tenant, PreferenceId preferenceId,
            long expectedVersion,
            String wording) {
        Validate.notNull("preferenceId", preferenceId);
        Access.requireStaff(actor, Permission.MANAGE_MARKETING, tenant, "preference", preferenceId);
        return tx.inTransaction(() -> {
            MarketingPreference current = loadPreference(tenant, preferenceId);
            if (current.version() != expectedVersion) {
                throw ConflictException.staleVersion("preference", preferenceId);
            }
            MarketingPreference changed = new MarketingPreference(current.id(), tenant, current.key(), current.name(),
                    wording, current.version() + 1, current.channel());
            if (changed.wording().equals(current.wording())) {
                return current;
            }
            preferences.save(changed);
            events.publish(new ConsentEvents.PreferenceWordingChanged(tenant, changed.id(), changed.version(), now()));
            return changed;
        });
    }

    /**
     * Every preference of the tenant, by key, the built-in invitations category included. Requires
     * {@link Permission#VIEW_CLIENTS} or {@link Permission#MANAGE_MARKETING}, staff only (a client
     * sees the preferences through {@link #currentState}). Read-only, but for the tenant's very
     * first read, which creates the built-in category first.
     */
    public List<MarketingPreference> preferences(Actor actor, TenantId tenant) {
        Access.requireAnyStaff(actor, tenant, Permission.VIEW_CLIENTS, Permission.MANAGE_MARKETING);
        List<MarketingPreference> listed = tx.inReadOnlyTransaction(() -> preferences.list(tenant));
        if (holdsInvitations(listed)) {
            return listed;
        }
        createInvitationsPreference(tenant);
        return tx.inReadOnlyTransaction(() -> preferences.list(tenant));
    }

    // ---- decisions ----

    /**
     * Records that the client opted in, as staff heard it (source {@code STAFF}). Requires {@link
     * Permission#MANAGE_MARKETING}, staff only.
     */
    public ConsentRecord optIn(Actor staff, TenantId tenant, ClientId client, PreferenceId preferenceId) {
        Validate.notNull("clientId", client);
        return record(staff, tenant, client, preferenceId, ConsentDecision.OPT_IN, ConsentSource.STAFF,
                Optional.empty(), ConsentOrigin.none());
    }

    /**
     * Records that the client opted out, as staff heard it (source {@code STAFF}). Requires {@link
     * Permission#MANAGE_MARKETING}, staff only.
     */
    public ConsentRecord optOut(Actor staff, TenantId tenant, ClientId client, PreferenceId preferenceId) {
        Validate.notNull("clientId", client);
        return record(staff, tenant, client, preferenceId, ConsentDecision.OPT_OUT, ConsentSource.STAFF,
                Optional.empty(), ConsentOrigin.none());
    }

    /**
     * Records the client's own decision (source {@code CLIENT_SELF_SERVICE}) with the IP address and
     * user agent of their request as proof ({@code origin}; {@link ConsentOrigin#none()} when the
     * host has neither, rules in {@link ConsentOrigin}). Only the client
     * themself ({@link Actor.ClientSelf} with this client id) may do this. The record proves the
     * wording current at this moment, so a host should show the wording it got from {@link
     * #currentState} just before.
     */
    public ConsentRecord recordSelfService(Actor actor, TenantId tenant, ClientId client, PreferenceId preferenceId,
            ConsentDecision decision, ConsentOrigin origin) {
        Validate.notNull("clientId", client);
        Validate.notNull("origin", origin);
        Access.require(actor, Permission.EDIT_CLIENTS, tenant, client);
        if (!(actor instanceof Actor.ClientSelf self && self.clientId().equals(client))) {
            throw Access.deny(actor, Permission.EDIT_CLIENTS, tenant,
                    "only the client themself records a self-service decision");
        }
        return record(actor, tenant, client, preferenceId, decision, ConsentSource.CLIENT_SELF_SERVICE,
                Optional.empty(), origin);
    }

    /**
     * Records a decision taken in another system at {@code decidedAt} (source {@code IMPORT}), with
     * the preference's current wording version and hash: reword the preference to what the other
     * system showed before importing. {@code decidedAt} may not be in the future (rule {@code
     * not_in_future}) nor before {@link TimeBounds#EARLIEST_RECORD}, 1970-01-01T00:00:00Z (rule
     * {@code range}); import a client's decisions oldest first, since a decision older than the
     * latest one recorded is refused ({@link ConflictException} {@code ILLEGAL_STATE}) rather than
     * rewriting the current state. Requires {@link Permission#MANAGE_MARKETING} staff or the system.
     */
    public ConsentRecord importDecision(Actor actor, TenantId tenant, ClientId client, PreferenceId preferenceId,
            ConsentDecision decision, Instant decidedAt) {
        Validate.notNull("clientId", client);
        Validate.notNull("decidedAt", decidedAt);
        return record(actor, tenant, client, preferenceId, decision, ConsentSource.IMPORT, Optional.of(decidedAt),
                ConsentOrigin.none());
    }

    // ---- reading ----

    /**
     * The client's state for every preference of the tenant (by key, the invitations category
     * included): the latest record, if any, and whether they are opted in. Also answers for an
     * erased client. Requires {@link Permission#VIEW_CLIENTS}, or the client themself. Read-only,
     * but for the tenant's very first read, which creates the built-in category first.
     */
    public List<PreferenceState> currentState(Actor actor, TenantId tenant, ClientId client) {
        Optional<List<PreferenceState>> states = tx.inReadOnlyTransaction(() -> stateOf(actor, tenant, client));
        if (states.isPresent()) {
            return states.get();
        }
        createInvitationsPreference(tenant);
        return tx.inReadOnlyTransaction(() -> stateOf(actor, tenant, client)).orElseThrow(
                () -> new IllegalStateException("the built-in invitations category was created but is not listed"));
    }

    /**
     * One keyset page of the client's consent records, newest first (time recorded, then id). The
     * cursor is sealed and bound to the tenant and the client ({@link CursorSeal}): one made for
     * another client's history, or not by Clientele, is a {@link ValidationException} on field
     * {@code cursor}. Requires {@link Permission#MANAGE_MARKETING} or {@link Permission#VIEW_AUDIT},
     * staff only. Read-only.
     */
    public Page<ConsentRecord> history(Actor actor, TenantId tenant, ClientId client, PageRequest page) {
        Validate.notNull("actor", actor);
        Validate.notNull("page", page);
        // either permission will do: ask for the one the actor holds, as Access.requireAnyStaff does
        Permission either = actor.has(Permission.VIEW_AUDIT) ? Permission.VIEW_AUDIT : Permission.MANAGE_MARKETING;
        return tx.inReadOnlyTransaction(() -> {
            guard.readAsStaff(actor, either, tenant, client);
            CursorSeal.Bound list = cursors.bind(tenant, "consent-history", CursorSeal.fingerprint(client.toString()));
            return list.seal(consents.pageForClient(tenant, client, list.open(page)));
        });
    }

    /**
     * One keyset page of the clients whose latest decision for the preference is an opt-in, in
     * client id order; erased clients are left out. The cursor is sealed and bound to the tenant
     * and the preference ({@link CursorSeal}): one made for another preference, or not by
     * Clientele, is a {@link ValidationException} on field {@code cursor}. Requires {@link
     * Permission#MANAGE_MARKETING}, staff only.
     *
     * <p>A page is two port calls in one read-only unit of work, whatever its size and however
     * many erased or opted-out clients it passes: the preference, then the page itself, from
     * which {@link ConsentLog#audience} has already left the erased clients out.
     */
    public Page<ClientId> audience(Actor actor, TenantId tenant, PreferenceId preferenceId, PageRequest page) {
        Validate.notNull("preferenceId", preferenceId);
        Access.requireStaff(actor, Permission.MANAGE_MARKETING, tenant, "preference", preferenceId);
        Validate.notNull("page", page);
        CursorSeal.Bound audience = cursors.bind(tenant, "consent-audience",
                CursorSeal.fingerprint(preferenceId.toString()));
        PageRequest position = audience.open(page);
        return tx.inReadOnlyTransaction(() -> {
            loadPreference(tenant, preferenceId);
            return audience.seal(consents.audience(tenant, preferenceId, position));
        });
    }

    // ---- erasure ----

    /**
     * The consent context's part of an erasure: the client's records stay as proof of what was
     * agreed to, but lose their IP address and user agent. Register it with the facade's
     * erasure participants.
     */
    public ErasureParticipant eraser() {
        return consents::scrubPersonalData;
    }

    // ---- internals ----

    /**
     * Records a decision in one unit of work: the gate first (staff with {@link
     * Permission#MANAGE_MARKETING}, or the client themself for a self-service decision), then the
     * checks of the input, then the record, its audit entry and its event.
     */
    private ConsentRecord record(Actor actor, TenantId tenant, ClientId clientId, PreferenceId preferenceId,
            ConsentDecision decision, ConsentSource source, Optional<Instant> decidedAt, ConsentOrigin origin) {
        return tx.inTransaction(() -> {
            if (source == ConsentSource.CLIENT_SELF_SERVICE) {
                guard.write(actor, Permission.EDIT_CLIENTS, tenant, clientId, REFUSAL);
            } else {
                guard.writeAsStaff(actor, Permission.MANAGE_MARKETING, tenant, clientId, REFUSAL);
            }
            Validate.notNull("preferenceId", preferenceId);
            Validate.notNull("decision", decision);
            decidedAt.ifPresent(at -> TimeBounds.requirePast("decidedAt", at, now()));
            MarketingPreference preference = loadPreference(tenant, preferenceId);
            if (preference.key().equals(MarketingPreference.INVITATIONS) && decision == ConsentDecision.OPT_IN
                    && source != ConsentSource.CLIENT_SELF_SERVICE) {
                // an unsubscribe is the client's word; only the client may take it back
                throw ConflictException.illegalState(
                        "only the client can opt back in to invitations after unsubscribing");
            }
            Instant now = now();
            Instant at = decidedAt.orElse(now);
            if (decidedAt.isPresent()) {
                consents.latest(tenant, clientId, preferenceId)
                        .filter(previous -> previous.recordedAt().isAfter(at))
                        .ifPresent(previous -> {
                            throw ConflictException.illegalState(
                                    "a later decision is recorded for this preference; import oldest first");
                        });
            }
            ConsentRecord appended = new ConsentRecord(ids.next(), tenant, clientId, preference.id(), decision, at,
                    actor.describe(), source, preference.version(), preference.wordingHash(), origin.ipAddress(),
                    origin.userAgent());
            consents.append(appended);
            audit.append(AuditEntry.of(ids.next(), tenant, clientId, actor, AuditAction.CONSENT_RECORDED, now,
                    List.of(new FieldChange(preference.key(), Optional.empty(), Optional.of(decision.name())))));
            events.publish(new ConsentEvents.ConsentRecorded(tenant, clientId, preference.id(), appended.id(), now));
            LOG.info("consent recorded: tenant={} client={} preference={} decision={} source={} by={}", tenant,
                    clientId, preference.key(), decision, source, actor.describe());
            return appended;
        });
    }

    /**
     * The client's state for every preference, or empty when the tenant's built-in category is not
     * stored yet; in the caller's read-only unit of work.
     */
    private Optional<List<PreferenceState>> stateOf(Actor actor, TenantId tenant, ClientId client) {
        guard.read(actor, Permission.VIEW_CLIENTS, tenant, client);
        List<MarketingPreference> listed = preferences.list(tenant);
        if (!holdsInvitations(listed)) {
            return Optional.empty();
        }
        Map<PreferenceId, ConsentRecord> latest = new HashMap<>();
        // history is oldest first, so the last record seen for a preference is its latest
        consents.history(tenant, client).forEach(r -> latest.put(r.preferenceId(), r));
        return Optional.of(listed.stream()
                .map(p -> new PreferenceState(p, Optional.ofNullable(latest.get(p.id()))))
                .toList());
    }

    private static boolean holdsInvitations(List<MarketingPreference> listed) {
        return listed.stream().anyMatch(p -> p.key().equals(MarketingPreference.INVITATIONS));
    }

    /**
     * Creates the tenant's built-in invitations category in its own short unit of work, so the read
     * that found it missing can stay read-only; once per tenant.
     */
    private void createInvitationsPreference(TenantId tenant) {
        tx.inTransaction(() -> invitationsPreference(tenant));
    }

    /** The built-in invitations category of the tenant, created on first use. */
    private MarketingPreference invitationsPreference(TenantId tenant) {
        // a first use in another unit of work may be creating it at this very moment: insert it
        // unless it exists, and take whichever is stored
        return preferences.findByKey(tenant, MarketingPreference.INVITATIONS).orElseGet(
                () -> preferences.insertIfAbsent(MarketingPreference.invitations(new PreferenceId(ids.next()),
                        tenant)));
    }

    private MarketingPreference loadPreference(TenantId tenant, PreferenceId id) {
        return preferences.find(tenant, id).orElseThrow(() -> new NotFoundException("preference", id));
    }

    private Instant now() {
        return clock.instant();
    }
}
