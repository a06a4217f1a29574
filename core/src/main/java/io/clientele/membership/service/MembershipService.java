package io.clientele.membership.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.client.service.ClientGuard;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.ConflictException;
import io.clientele.common.CursorSeal;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.MembershipId;
import io.clientele.common.NotFoundException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.credit.port.MembershipStandings;
import io.clientele.credit.service.CreditGrants;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipEvents;
import io.clientele.membership.model.MembershipStatus;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.membership.port.MembershipTypeRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's memberships: staff add a membership of an enabled type of the
 * catalog ({@link MembershipTypeService}), pause, resume and cancel it, and list a client's
 * memberships; the recurring credits are issued by {@link MembershipIssuanceJob}, and an erasure
 * cancels the running ones ({@link MembershipEraser}).
 *
 * <p>Added with a start date at most a year before or after today and an optional end date
 * (inclusive) at most {@value Membership#MAX_TERM_YEARS} years after the start date; never for an
 * erased client. Status changes follow {@link MembershipStatus}: pause, resume, cancel by staff;
 * the job ends a membership once its end date has passed. Pausing and cancelling first issue the
 * periods already due (as {@link MembershipIssuanceJob#ISSUANCE_ACTOR}, see the job for the
 * rules), so the outcome does not depend on when the job last ran.
 *
 * <p><b>Days are the studio's.</b> Today, for the start-date range and for pause, resume and
 * cancel, is the date in the tenant's time zone ({@link TenantSettings#timeZone()}, from the {@link
 * TenantSettingsProvider}); the clock's own zone plays no part, and instants stay UTC.
 *
 * <p>Every use case passes the {@link ClientGuard}: a change locks the member first (and refuses
 * an erased client where it adds something), a read runs in a read-only unit of work. Another
 * tenant's type, membership or client is answered as not found. Membership changes are published
 * as {@link MembershipEvents}.
 *
 * <p>Audit, on the member: {@code MEMBERSHIP_ADDED}, {@code MEMBERSHIP_PAUSED}, {@code
 * MEMBERSHIP_RESUMED} and {@code MEMBERSHIP_CANCELLED}, each with the membership id, its type id
 * and its status before and after; the credits issued are audited by {@link CreditGrants}.
 *
 * <p>Defaults: lists are pages of {@link PageRequest} (at most {@value PageRequest#MAX_SIZE}),
 * newest start date first. Stateless apart from its ports; thread-safe when they are.
 */
public final class MembershipService {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipService.class);

    /**
     * The ports a client's memberships need. {@code issuance} and {@code grants} are there because a
     * pause or cancellation first issues the periods already due, as the job would.
     */
    public record Ports(
            MembershipTypeRepository types,
            MembershipRepository memberships,
            IssuanceLog issuance,
            ClientGuard guard,
            TenantSettingsProvider settings,
            CreditGrants grants,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids,
            CursorSeal cursors) {

        public Ports {
            ConfigurationException.requirePort("MembershipService.Ports", "types", types);
            ConfigurationException.requirePort("MembershipService.Ports", "memberships", memberships);
            ConfigurationException.requirePort("MembershipService.Ports", "issuance", issuance);
            ConfigurationException.requirePort("MembershipService.Ports", "guard", guard);
            ConfigurationException.requirePort("MembershipService.Ports", "settings", settings);
            ConfigurationException.requirePort("MembershipService.Ports", "grants", grants);
            ConfigurationException.requirePort("MembershipService.Ports", "audit", audit);
            ConfigurationException.requirePort("MembershipService.Ports", "events", events);
            ConfigurationException.requirePort("MembershipService.Ports", "tx", tx);
            ConfigurationException.requirePort("MembershipService.Ports", "clock", clock);
            ConfigurationException.requirePort("MembershipService.Ports", "ids", ids);
            ConfigurationException.requirePort("MembershipService.Ports", "cursors", cursors);
        }
    }

    private final MembershipTypeRepository types;
    private final MembershipRepository memberships;
    private final ClientGuard guard;
    private final TenantSettingsProvider settings;
    private final AuditLog audit;
    private final EventPublisher events;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Ids ids;
    private final CursorSeal cursors;
    private final PeriodIssuer issuer;
    private final StatusChanges statusChanges;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public MembershipService(Ports ports) {
        Validate.notNull("ports", ports);
        this.types = ports.types();
        this.memberships = ports.memberships();
        this.guard = ports.guard();
        this.settings = ports.settings();
        this.audit = ports.audit();
        this.events = ports.events();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.ids = ports.ids();
        this.cursors = ports.cursors();
        this.issuer = new PeriodIssuer(ports.memberships(), ports.issuance(), ports.grants(), ports.events(),
                ports.clock());
        this.statusChanges = new StatusChanges(ports.audit(), ports.events(), ports.ids());
    }

    /**
     * Gives the client an active membership of the type, starting on {@code startDate}, without end
     * date. See {@link #addMembership(Actor, TenantId, ClientId, MembershipTypeId, LocalDate, LocalDate)}.
     */
    public Membership addMembership(Actor actor, TenantId tenant, ClientId client, MembershipTypeId typeId,
            LocalDate startDate) {
        return add(actor, tenant, client, typeId, startDate, Optional.empty());
    }

    /**
     * Gives the client an active membership of the type from {@code startDate} to {@code endDate}
     * (inclusive). Its first period starts on the start date, and it counts as
     * active since then: with a start date in the past, the next run of the issuance job issues
     * every period started since (each with its own expiry). Nothing is issued here; the job does
     * it. Refused: a start date more than a year before or after today in the studio's time zone
     * ({@link ValidationException} field {@code startDate}, rule {@code range}); an end date before
     * the start date or more than {@value Membership#MAX_TERM_YEARS} years after it (field {@code
     * endDate}, rule {@code range}); a disabled type ({@link ValidationException} field {@code
     * typeId}, rule {@code disabled}: the form offered a type it should not have); an erased client
     * ({@link ConflictException} {@code ILLEGAL_STATE}). Requires {@link
     * Permission#MANAGE_MEMBERSHIPS}, staff only.
     */
    public Membership addMembership(Actor actor, TenantId tenant, ClientId client, MembershipTypeId typeId,
            LocalDate startDate, LocalDate endDate) {
        Validate.notNull("endDate", endDate);
        return add(actor, tenant, client, typeId, startDate, Optional.of(endDate));
    }

    private Membership add(Actor actor, TenantId tenant, ClientId clientId, MembershipTypeId typeId,
            LocalDate startDate, Optional<LocalDate> endDate) {
        Validate.notNull("clientId", clientId);
        Validate.notNull("typeId", typeId);
        Validate.notNull("startDate", startDate);
        Validate.notNull("endDate", endDate);
        return tx.inTransaction(() -> {
            guard.writeAsStaff(actor, Permission.MANAGE_MEMBERSHIPS, tenant, clientId, "no membership is added");
            LocalDate today = today(tenant);
            if (startDate.isBefore(today.minusYears(1)) || startDate.isAfter(today.plusYears(1))) {
                throw new ValidationException("startDate", "range", "at most a year before or after today");
            }
            endDate.ifPresent(end -> Membership.checkEnd(startDate, end));
            MembershipType type = loadType(tenant, typeId);
            if (!type.enabled()) {
                throw new ValidationException("typeId", "disabled", "this membership type is disabled");
            }
            Instant now = clock.instant();
            MembershipId id = new MembershipId(ids.next());
            Membership added = memberships.insert(endDate
                    .map(end -> Membership.start(id, tenant, clientId, type, startDate, end, actor.describe(), now))
                    .orElseGet(() -> Membership.start(id, tenant, clientId, type, startDate, actor.describe(), now)));
            audit.append(AuditEntry.of(ids.next(), tenant, clientId, actor, AuditAction.MEMBERSHIP_ADDED, now,
                    List.of(FieldChange.plain("membership", Optional.empty(), Optional.of(added.id())),
                            FieldChange.plain("membershipType", Optional.empty(), Optional.of(added.typeId())),
                            FieldChange.plain("status", Optional.empty(), Optional.of(added.status())))));
            events.publish(new MembershipEvents.MembershipAdded(tenant, clientId, added.id(), typeId, now));
            LOG.info("membership added: tenant={} client={} membership={} type={} by={}", tenant, clientId,
                    added.id(), typeId, actor.describe());
            return added;
        });
    }

    /**
     * Pauses an active membership, seen by the staff member at {@code expectedVersion} (a newer
     * version, changed meanwhile by someone else or by the issuance job, is a stale-version {@link
     * ConflictException}). The periods already started (by today in the studio's time zone) are
     * issued first; the periods starting after today issue nothing while it is paused. Anything but
     * an active membership is a {@link ConflictException} {@code ILLEGAL_STATE}. Requires {@link
     * Permission#MANAGE_MEMBERSHIPS}, staff only.
     */
    public Membership pause(Actor actor, TenantId tenant, MembershipId membershipId, long expectedVersion) {
        return change(actor, tenant, membershipId, expectedVersion, (m, today, now) -> m.pause(actor.describe(), now));
    }

    /**
     * Resumes a paused membership seen at {@code expectedVersion} (stale: {@link
     * ConflictException}): the periods that started while it was paused are given up; a period
     * starting today (in the studio's time zone) is issued by the next run of the job. Anything but a
     * paused membership is a {@link ConflictException} {@code ILLEGAL_STATE}. Requires {@link
     * Permission#MANAGE_MEMBERSHIPS}, staff only.
     */
    public Membership resume(Actor actor, TenantId tenant, MembershipId membershipId, long expectedVersion) {
        return change(actor, tenant, membershipId, expectedVersion,
                (m, today, now) -> m.resume(today, actor.describe(), now));
    }

    /**
     * Cancels an active or paused membership seen at {@code expectedVersion} (stale: {@link
     * ConflictException}) for good; an active one first gets the periods already
     * started. Credits already issued stay. A cancelled or ended membership is a {@link
     * ConflictException} {@code ILLEGAL_STATE}. Requires {@link Permission#MANAGE_MEMBERSHIPS},
     * staff only.
     */
    public Membership cancel(Actor actor, TenantId tenant, MembershipId membershipId, long expectedVersion) {
        return change(actor, tenant, membershipId, expectedVersion,
                (m, today, now) -> m.cancel(actor.describe(), now));
    }

    /**
     * One keyset page of the client's memberships, whatever their status, newest start date first
     * (then newest id first); also for an erased client. The cursor is sealed and bound to the
     * tenant and the client ({@link CursorSeal}): one made for another client's memberships, or not
     * by Clientele, is a {@link ValidationException} on field {@code cursor}. Requires {@link
     * Permission#VIEW_CLIENTS}, or the client themself. Read-only.
     */
    public Page<Membership> listForClient(Actor actor, TenantId tenant, ClientId client, PageRequest page) {
        Validate.notNull("page", page);
        return tx.inReadOnlyTransaction(() -> {
            guard.read(actor, Permission.VIEW_CLIENTS, tenant, client);
            CursorSeal.Bound list = cursors.bind(tenant, "memberships", CursorSeal.fingerprint(client.toString()));
            return list.seal(memberships.pageForClient(tenant, client, list.open(page)));
        });
    }

    /**
     * Where a client's membership stands, for the credit context ({@link MembershipStandings}):
     * {@code ACTIVE} for an active membership of that client, {@code NOT_ACTIVE} for a paused,
     * cancelled or ended one, empty for an unknown id or another client's. Reads in the caller's
     * unit of work; {@code Clientele} wires it into the credit service.
     */
    public MembershipStandings standings() {
        return (tenant, client, membershipId) -> memberships.find(tenant, membershipId)
                .filter(m -> m.clientId().equals(client))
                .map(m -> m.status() == MembershipStatus.ACTIVE
                        ? MembershipStandings.Standing.ACTIVE
                        : MembershipStandings.Standing.NOT_ACTIVE);
    }

    // ---- internals ----

    @FunctionalInterface
    private interface Transition {
        Membership apply(Membership membership, LocalDate today, Instant now);
    }

    /** Loads the membership, issues what is due while it is active, then applies a staff change. */
    private Membership change(Actor actor, TenantId tenant, MembershipId membershipId, long expectedVersion,
            Transition transition) {
        Validate.notNull("membershipId", membershipId);
        Access.requireStaff(actor, Permission.MANAGE_MEMBERSHIPS, tenant, "membership", membershipId);
        return tx.inTransaction(() -> {
            guard.lock(tenant, loadMembership(tenant, membershipId).clientId());
            Membership current = loadMembership(tenant, membershipId);
            if (current.version() != expectedVersion) {
                throw ConflictException.staleVersion("membership", membershipId);
            }
            TenantSettings studio = settings.settings(tenant);
            Instant now = clock.instant();
            LocalDate today = studio.dateAt(now);
            // fail before issuing anything when the change is illegal anyway
            transition.apply(current, today, now);
            Membership settled = issuer.settle(current, studio, today).membership();
            Membership changed = memberships.update(transition.apply(settled, today, now));
            statusChanges.record(actor, current, changed, now);
            LOG.info("membership {}: tenant={} membership={} by={}", changed.status(), tenant, membershipId,
                    actor.describe());
            return changed;
        });
    }

    /** Today in the tenant's studio. */
    private LocalDate today(TenantId tenant) {
        return settings.settings(tenant).dateAt(clock.instant());
    }

    private MembershipType loadType(TenantId tenant, MembershipTypeId id) {
        return types.find(tenant, id).orElseThrow(() -> new NotFoundException("membership type", id));
    }

    private Membership loadMembership(TenantId tenant, MembershipId id) {
        return memberships.find(tenant, id).orElseThrow(() -> new NotFoundException("membership", id));
    }
}
