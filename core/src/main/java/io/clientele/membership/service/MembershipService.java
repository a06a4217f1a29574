package io.clientele.membership.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.client.service.ClientLookups;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.ConflictException;
import io.clientele.common.DisplayName;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.MembershipId;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.port.MembershipStandings;
import io.clientele.credit.service.CreditGrants;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipEvents;
import io.clientele.membership.model.MembershipStatus;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.membership.port.MembershipTypeRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memberships (DESIGN section 7): the tenant's catalog of membership types, the memberships staff
 * give clients, and the job that issues their recurring credits.
 *
 * <p><b>Catalog.</b> A type has a name unique per tenant (case-insensitively), an enabled flag
 * (new types are enabled) and a {@link RecurringCreditRule}, which never changes. Only enabled
 * types can be added to a client; disabling a type leaves its running memberships as they are.
 *
 * <p><b>Memberships.</b> Added with a start date at most a year before or after today and an
 * optional end date (inclusive) at most {@value Membership#MAX_TERM_YEARS} years after the start
 * date; never for an erased client. Status changes follow {@link MembershipStatus}: pause, resume,
 * cancel by staff; the job ends a membership once its end date has passed.
 *
 * <p><b>Issuance.</b> Period {@code n} of a membership starts {@code n} periods after its start
 * date (see {@link io.clientele.membership.model.CreditPeriod}); its credits expire at the start of
 * the day {@code validity} after the period's first day in the studio's time zone (midnight there,
 * whatever the UTC offset that day), even when they are issued late. A period's credits are issued
 * exactly once, if the membership is active on the day the period starts: {@link
 * #issueDueCredits()} issues every period started by today that is not issued yet, so a job that
 * did not run for a while catches up every missed period once; pausing and cancelling first issue
 * the periods already due, so the outcome does not depend on when the job last ran; the periods
 * that start while a membership is paused, cancelled or ended issue nothing (the days of pausing
 * and of resuming count as active). The {@link IssuanceLog} claim of each period is written in the
 * same unit of work as its credits, so concurrent runs and runs after a crash never issue a period
 * twice, and a clock that moves backwards issues nothing new. Credits are issued by {@link
 * #ISSUANCE_ACTOR}, also when a pause or cancellation issues them.
 *
 * <p><b>Days are the studio's.</b> Every calendar rule (today for the start-date range, for the
 * issuance job and for pause, resume and cancel; the day a credit expires) is evaluated in the
 * tenant's time zone ({@link TenantSettings#timeZone()}, from the {@link TenantSettingsProvider});
 * the clock's own zone plays no part, and instants stay UTC. At one instant a studio in Auckland
 * may already issue tomorrow's period while one in Los Angeles is still on yesterday's.
 *
 * <p>Another tenant's type, membership or client is answered as not found. Membership changes are
 * published as {@link MembershipEvents}.
 *
 * <p>Audit, on the member: {@code MEMBERSHIP_ADDED}, {@code MEMBERSHIP_PAUSED}, {@code
 * MEMBERSHIP_RESUMED}, {@code MEMBERSHIP_CANCELLED} (by staff, or by {@link #ERASURE_ACTOR}) and
 * {@code MEMBERSHIP_ENDED} (by {@link #ISSUANCE_ACTOR}), each with the membership id, its type id
 * and its status before and after; the credits issued are audited by {@link CreditGrants}. Type
 * catalog changes concern no client and are not audited.
 *
 * <p>Stateless apart from its ports; thread-safe when they are.
 */
public final class MembershipService {

    /** The actor the issuance job acts as. */
    public static final Actor.SystemActor ISSUANCE_ACTOR = new Actor.SystemActor("membership-credits");
    /** The actor that cancels the memberships of an erased client. */
    public static final Actor.SystemActor ERASURE_ACTOR = new Actor.SystemActor("membership-erasure");
    /** How many due memberships the job reads per page; each is then issued in its own unit of work. */
    static final int PAGE_SIZE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(MembershipService.class);

    /** The ports the membership context needs. */
    public record Ports(
            MembershipTypeRepository types,
            MembershipRepository memberships,
            IssuanceLog issuance,
            ClientRepository clients,
            TenantSettingsProvider settings,
            CreditGrants grants,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids) {

        public Ports {
            ConfigurationException.requirePort("MembershipService.Ports", "types", types);
            ConfigurationException.requirePort("MembershipService.Ports", "memberships", memberships);
            ConfigurationException.requirePort("MembershipService.Ports", "issuance", issuance);
            ConfigurationException.requirePort("MembershipService.Ports", "clients", clients);
            ConfigurationException.requirePort("MembershipService.Ports", "settings", settings);
            ConfigurationException.requirePort("MembershipService.Ports", "grants", grants);
            ConfigurationException.requirePort("MembershipService.Ports", "audit", audit);
            ConfigurationException.requirePort("MembershipService.Ports", "events", events);
            ConfigurationException.requirePort("MembershipService.Ports", "tx", tx);
            ConfigurationException.requirePort("MembershipService.Ports", "clock", clock);
            ConfigurationException.requirePort("MembershipService.Ports", "ids", ids);
        }
    }

    /** A membership as stored after issuing its due periods, and how many credits that issued. */
    private record Settled(Membership membership, int credits) {
    }

    /** What the job did to one membership: the credits it issued, and whether it changed it at all. */
    private record Handled(int credits, boolean changed) {
        static final Handled NOTHING = new Handled(0, false);
    }

    private final MembershipTypeRepository types;
    private final MembershipRepository memberships;
    private final IssuanceLog issuance;
    private final ClientRepository clients;
    private final TenantSettingsProvider settings;
    private final CreditGrants grants;
    private final AuditLog audit;
    private final EventPublisher events;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Ids ids;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public MembershipService(Ports ports) {
        Validate.notNull("ports", ports);
        this.types = ports.types();
        this.memberships = ports.memberships();
        this.issuance = ports.issuance();
        this.clients = ports.clients();
        this.settings = ports.settings();
        this.grants = ports.grants();
        this.audit = ports.audit();
        this.events = ports.events();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.ids = ports.ids();
    }

    // ---- catalog ----

    /**
     * Adds an enabled type to the tenant's catalog. A name already used in the tenant (ignoring case)
     * is a {@link ConflictException} {@code DUPLICATE} on field {@code name}. Requires {@link
     * Permission#MANAGE_MEMBERSHIPS}, staff only.
     */
    public MembershipType createType(Actor actor, TenantId tenant, String name, RecurringCreditRule rule) {
        Access.requireStaff(actor, Permission.MANAGE_MEMBERSHIPS, tenant);
        DisplayName typeName = new DisplayName(name);
        Validate.notNull("rule", rule);
        return tx.inTransaction(() -> {
            MembershipType created = types.insert(MembershipType.create(new MembershipTypeId(ids.next()), tenant,
                    typeName, rule));
            events.publish(new MembershipEvents.MembershipTypeCreated(tenant, created.id(), clock.instant()));
            return created;
        });
    }

    /**
     * Renames a type; the same name changes nothing. A name used by another type of the tenant is a
     * {@link ConflictException} {@code DUPLICATE} on field {@code name}; a type changed since the
     * staff member saw it at {@code expectedVersion} is {@code STALE_VERSION}. Requires {@link
     * Permission#MANAGE_MEMBERSHIPS}, staff only.
     */
    public MembershipType renameType(Actor actor, TenantId tenant, MembershipTypeId typeId, long expectedVersion,
            String name) {
        Validate.notNull("typeId", typeId);
        Access.requireStaff(actor, Permission.MANAGE_MEMBERSHIPS, tenant, "membership type", typeId);
        DisplayName typeName = new DisplayName(name);
        return tx.inTransaction(() -> {
            MembershipType current = loadType(tenant, typeId);
            if (current.version() != expectedVersion) {
                throw ConflictException.staleVersion("membership type", typeId);
            }
            if (current.name().equals(typeName)) {
                return current;
            }
            MembershipType renamed = types.update(current.renamed(typeName));
            events.publish(new MembershipEvents.MembershipTypeRenamed(tenant, typeId, clock.instant()));
            return renamed;
        });
    }

    /**
     * Lets the type be added to clients again; an enabled type stays as it is. Requires {@link
     * Permission#MANAGE_MEMBERSHIPS}, staff only.
     */
    public MembershipType enableType(Actor actor, TenantId tenant, MembershipTypeId typeId) {
        return setEnabled(actor, tenant, typeId, true);
    }

    /**
     * Stops the type from being added to clients; memberships of it already running go on issuing
     * credits. A disabled type stays as it is. Requires {@link Permission#MANAGE_MEMBERSHIPS}, staff
     * only.
     */
    public MembershipType disableType(Actor actor, TenantId tenant, MembershipTypeId typeId) {
        return setEnabled(actor, tenant, typeId, false);
    }

    /**
     * Every type of the tenant, enabled or not, by name. Requires {@link Permission#VIEW_CLIENTS} or
     * {@link Permission#MANAGE_MEMBERSHIPS}, staff only.
     */
    public List<MembershipType> listTypes(Actor actor, TenantId tenant) {
        Access.requireAnyStaff(actor, tenant, Permission.VIEW_CLIENTS, Permission.MANAGE_MEMBERSHIPS);
        return tx.inTransaction(() -> types.list(tenant));
    }

    // ---- memberships ----

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
        Access.requireStaff(actor, Permission.MANAGE_MEMBERSHIPS, tenant, clientId);
        Validate.notNull("typeId", typeId);
        Validate.notNull("startDate", startDate);
        Validate.notNull("endDate", endDate);
        LocalDate today = today(tenant);
        if (startDate.isBefore(today.minusYears(1)) || startDate.isAfter(today.plusYears(1))) {
            throw new ValidationException("startDate", "range", "at most a year before or after today");
        }
        endDate.ifPresent(end -> Membership.checkEnd(startDate, end));
        return tx.inTransaction(() -> {
            ClientLookups.lockActive(clients, tenant, clientId, "no membership is added");
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
     * The client's memberships, whatever their status, oldest start date first. Requires {@link
     * Permission#VIEW_CLIENTS}, or the client themself.
     */
    public List<Membership> listForClient(Actor actor, TenantId tenant, ClientId client) {
        Access.require(actor, Permission.VIEW_CLIENTS, tenant, client);
        return tx.inTransaction(() -> {
            ClientLookups.find(clients, tenant, client);
            return memberships.listForClient(tenant, client);
        });
    }

    // ---- the issuance job ----

    /**
     * Issues the recurring credits due today for every tenant, as {@link #ISSUANCE_ACTOR}, and ends
     * running memberships whose end date has passed; see the class comment for the rules. "Today"
     * is each studio's own: the job asks the store for the memberships due on the latest date any
     * time zone has at this instant ({@code UTC+18:00}), then settles each with its studio's today,
     * leaving alone those with nothing due there yet. Run it from a scheduler as often as
     * convenient (hourly, so each studio's midnight is met within the hour): extra runs, concurrent
     * runs on several instances and runs after a crash issue nothing twice. Each membership is
     * handled in its own short unit of work; a membership that fails (for example changed
     * concurrently by staff) is logged, left as it was, counted in the report's {@code failures},
     * and retried by the next run.
     *
     * @return what this run did: credits issued, memberships changed, failures
     */
    public IssuanceReport issueDueCredits() {
        Instant now = clock.instant();
        // the latest calendar date any studio can be on now: no membership due anywhere is missed
        LocalDate latestToday = LocalDate.ofInstant(now, ZoneOffset.MAX);
        Map<TenantId, TenantSettings> studios = new HashMap<>();
        Optional<MembershipRepository.Position> after = Optional.empty();
        int credits = 0;
        int changed = 0;
        int failures = 0;
        while (true) {
            Optional<MembershipRepository.Position> from = after;
            List<Membership> page = tx.inTransaction(() -> from
                    .map(position -> memberships.due(latestToday, position, PAGE_SIZE))
                    .orElseGet(() -> memberships.due(latestToday, PAGE_SIZE)));
            for (Membership due : page) {
                try {
                    TenantSettings studio = studios.computeIfAbsent(due.tenantId(), settings::settings);
                    Handled handled = tx.inTransaction(() -> issueFor(due.tenantId(), due.id(), studio));
                    credits += handled.credits();
                    changed += handled.changed() ? 1 : 0;
                } catch (RuntimeException e) {
                    failures++;
                    LOG.warn("membership credits not issued, retried next run: tenant={} membership={}",
                            due.tenantId(), due.id(), e);
                }
            }
            if (page.size() < PAGE_SIZE) {
                break;
            }
            after = Optional.of(MembershipRepository.Position.of(page.get(page.size() - 1)));
        }
        IssuanceReport report = new IssuanceReport(credits, changed, failures);
        if (changed > 0 || failures > 0) {
            LOG.info("membership credits issued: credits={} memberships={} failures={} latestDay={}", credits,
                    changed, failures, latestToday);
        }
        return report;
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

    // ---- erasure ----

    /**
     * The membership context's part of an erasure: the client's running memberships are cancelled
     * (by {@link #ERASURE_ACTOR}), so no credits are issued to an erased client; memberships hold no
     * personal data and stay. Register it with the facade's erasure participants.
     */
    public ErasureParticipant eraser() {
        return (tenant, client) -> {
            Instant now = clock.instant();
            for (Membership m : memberships.listForClient(tenant, client)) {
                if (m.status().isRunning()) {
                    Membership cancelled = memberships.update(m.cancel(ERASURE_ACTOR.describe(), now));
                    statusChanged(ERASURE_ACTOR, m, cancelled, now);
                }
            }
        };
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
            ClientLookups.lock(clients, tenant, loadMembership(tenant, membershipId).clientId());
            Membership current = loadMembership(tenant, membershipId);
            if (current.version() != expectedVersion) {
                throw ConflictException.staleVersion("membership", membershipId);
            }
            TenantSettings studio = settings.settings(tenant);
            Instant now = clock.instant();
            LocalDate today = studio.dateAt(now);
            // fail before issuing anything when the change is illegal anyway
            transition.apply(current, today, now);
            Membership settled = settle(current, studio, today).membership();
            Membership changed = memberships.update(transition.apply(settled, today, now));
            statusChanged(actor, current, changed, now);
            LOG.info("membership {}: tenant={} membership={} by={}", changed.status(), tenant, membershipId,
                    actor.describe());
            return changed;
        });
    }

    /**
     * The job's work for one membership, inside its unit of work, on today in its studio: nothing
     * when nothing is due there yet (the store picked it for a time zone further ahead).
     */
    private Handled issueFor(TenantId tenant, MembershipId membershipId, TenantSettings studio) {
        Optional<Membership> read = memberships.find(tenant, membershipId);
        if (read.isEmpty()) {
            return Handled.NOTHING;
        }
        // the member's lock, then the membership again: an erasure meanwhile has cancelled it
        ClientLookups.lock(clients, tenant, read.get().clientId());
        Optional<Membership> found = memberships.find(tenant, membershipId);
        LocalDate today = studio.dateAt(clock.instant());
        if (found.isEmpty() || !found.get().isDueOn(today)) {
            return Handled.NOTHING;
        }
        Settled settled = settle(found.get(), studio, today);
        Membership m = settled.membership();
        boolean ended = m.status().isRunning() && m.isOverOn(today);
        if (ended) {
            Instant now = clock.instant();
            Membership stored = memberships.update(m.end(today, ISSUANCE_ACTOR.describe(), now));
            statusChanged(ISSUANCE_ACTOR, m, stored, now);
        }
        return new Handled(settled.credits(), settled.credits() > 0 || ended);
    }

    /**
     * Issues every period due on {@code today} (the studio's) that the log lets this call claim,
     * and stores the membership with those periods marked issued. A period claimed before (by a
     * concurrent or an earlier run) is skipped. Credits expire at the start of their expiry day in
     * the studio's time zone.
     */
    private Settled settle(Membership membership, TenantSettings studio, LocalDate today) {
        List<Long> due = membership.duePeriods(today);
        if (due.isEmpty()) {
            return new Settled(membership, 0);
        }
        int credits = 0;
        CreditSource source = CreditSource.membership(membership.id());
        int perPeriod = membership.rule().creditsPerPeriod();
        for (long period : due) {
            if (!issuance.claim(membership.tenantId(), membership.id(), period)) {
                continue;
            }
            LocalDate start = membership.periodStart(period);
            String reason = "membership period " + period + " starting " + start;
            Optional<Instant> expiry = membership.rule().expiryOf(start).map(studio::startOf);
            if (expiry.isPresent()) {
                grants.grant(ISSUANCE_ACTOR, membership.tenantId(), membership.clientId(), source, perPeriod,
                        expiry.get(), reason);
            } else {
                grants.grant(ISSUANCE_ACTOR, membership.tenantId(), membership.clientId(), source, perPeriod, reason);
            }
            events.publish(new MembershipEvents.MembershipCreditsIssued(membership.tenantId(),
                    membership.clientId(), membership.id(), period, perPeriod, clock.instant()));
            credits += perPeriod;
        }
        Membership stored = memberships.update(membership.issuedThrough(due.get(due.size() - 1)));
        return new Settled(stored, credits);
    }

    private MembershipType setEnabled(Actor actor, TenantId tenant, MembershipTypeId typeId, boolean enabled) {
        Validate.notNull("typeId", typeId);
        Access.requireStaff(actor, Permission.MANAGE_MEMBERSHIPS, tenant, "membership type", typeId);
        return tx.inTransaction(() -> {
            MembershipType current = loadType(tenant, typeId);
            if (current.enabled() == enabled) {
                return current;
            }
            MembershipType changed = types.update(current.withEnabled(enabled));
            events.publish(new MembershipEvents.MembershipTypeEnabledChanged(tenant, typeId, enabled,
                    clock.instant()));
            return changed;
        });
    }

    /** Audits and publishes a status change by {@code actor}. */
    private void statusChanged(Actor actor, Membership before, Membership after, Instant now) {
        AuditAction action = switch (after.status()) {
            case ACTIVE -> AuditAction.MEMBERSHIP_RESUMED;
            case PAUSED -> AuditAction.MEMBERSHIP_PAUSED;
            case CANCELLED -> AuditAction.MEMBERSHIP_CANCELLED;
            case ENDED -> AuditAction.MEMBERSHIP_ENDED;
        };
        // the type does not change; it is recorded so the entry says which membership it was
        audit.append(AuditEntry.of(ids.next(), after.tenantId(), after.clientId(), actor, action, now,
                List.of(FieldChange.plain("membership[" + after.id() + "].status", Optional.of(before.status()),
                                Optional.of(after.status())),
                        FieldChange.plain("membershipType", Optional.empty(), Optional.of(after.typeId())))));
        events.publish(new MembershipEvents.MembershipStatusChanged(after.tenantId(), after.clientId(), after.id(),
                before.status(), after.status(), now));
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
