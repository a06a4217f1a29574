package io.clientele.membership.service;

import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.client.service.ClientGuard;
import io.clientele.common.Actor;
import io.clientele.common.ConfigurationException;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.MembershipId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.credit.service.CreditGrants;
import io.clientele.membership.model.Membership;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.membership.port.MembershipRepository;
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
 * The job that issues memberships' recurring credits and ends memberships whose
 * end date has passed; the host runs {@link #issueDueCredits()} from a scheduler.
 *
 * <p><b>Issuance.</b> Period {@code n} of a membership starts {@code n} periods after its start
 * date (see {@link io.clientele.membership.model.CreditPeriod}); its credits expire at the start of
 * the day {@code validity} after the period's first day in the studio's time zone (midnight there,
 * whatever the UTC offset that day), even when they are issued late. A period's credits are issued
 * exactly once, if the membership is active on the day the period starts: a run issues every
 * period started by today that is not issued yet, so a job that did not run for a while catches up
 * every missed period once; pausing and cancelling ({@link MembershipService}) first issue the
 * periods already due, so the outcome does not depend on when the job last ran; the periods that
 * start while a membership is paused, cancelled or ended issue nothing (the days of pausing and of
 * resuming count as active). The {@link IssuanceLog} claim of each period is written in the same
 * unit of work as its credits, so concurrent runs and runs after a crash never issue a period
 * twice, and a clock that moves backwards issues nothing new. Credits are issued by {@link
 * #ISSUANCE_ACTOR}, also when a pause or cancellation issues them.
 *
 * <p><b>Days are the studio's</b> ({@link TenantSettings#timeZone()}): at one instant a studio in
 * Auckland may already issue tomorrow's period while one in Los Angeles is still on yesterday's.
 *
 * <p>Audit: {@code MEMBERSHIP_ENDED} on the member, by {@link #ISSUANCE_ACTOR}, with the membership
 * id, its type id and its status before and after; the credits issued are audited by {@link
 * CreditGrants}.
 *
 * <p>Defaults: the due memberships are read {@value #PAGE_SIZE} at a time, each page in a
 * read-only unit of work. Stateless apart from its ports; thread-safe when they are.
 */
public final class MembershipIssuanceJob {

    /** The actor the issuance job acts as. */
    public static final Actor.SystemActor ISSUANCE_ACTOR = new Actor.SystemActor("membership-credits");
    /** How many due memberships the job reads per page; each is then issued in its own unit of work. */
    static final int PAGE_SIZE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(MembershipIssuanceJob.class);

    /**
     * The ports the job needs. {@code guard} takes the member's lock before a membership is
     * settled, as every membership change does.
     */
    public record Ports(
            MembershipRepository memberships,
            IssuanceLog issuance,
            ClientGuard guard,
            TenantSettingsProvider settings,
            CreditGrants grants,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids) {

        public Ports {
            ConfigurationException.requirePort("MembershipIssuanceJob.Ports", "memberships", memberships);
            ConfigurationException.requirePort("MembershipIssuanceJob.Ports", "issuance", issuance);
            ConfigurationException.requirePort("MembershipIssuanceJob.Ports", "guard", guard);
            ConfigurationException.requirePort("MembershipIssuanceJob.Ports", "settings", settings);
            ConfigurationException.requirePort("MembershipIssuanceJob.Ports", "grants", grants);
            ConfigurationException.requirePort("MembershipIssuanceJob.Ports", "audit", audit);
            ConfigurationException.requirePort("MembershipIssuanceJob.Ports", "events", events);
            ConfigurationException.requirePort("MembershipIssuanceJob.Ports", "tx", tx);
            ConfigurationException.requirePort("MembershipIssuanceJob.Ports", "clock", clock);
            ConfigurationException.requirePort("MembershipIssuanceJob.Ports", "ids", ids);
        }
    }

    /** What the job did to one membership: the credits it issued, and whether it changed it at all. */
    private record Handled(int credits, boolean changed) {
        static final Handled NOTHING = new Handled(0, false);
    }

    private final MembershipRepository memberships;
    private final ClientGuard guard;
    private final TenantSettingsProvider settings;
    private final TransactionRunner tx;
    private final Clock clock;
    private final PeriodIssuer issuer;
    private final StatusChanges statusChanges;

    /** Builds the job on its ports; {@code Clientele} does this for hosts. */
    public MembershipIssuanceJob(Ports ports) {
        Validate.notNull("ports", ports);
        this.memberships = ports.memberships();
        this.guard = ports.guard();
        this.settings = ports.settings();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.issuer = new PeriodIssuer(ports.memberships(), ports.issuance(), ports.grants(), ports.events(),
                ports.clock());
        this.statusChanges = new StatusChanges(ports.audit(), ports.events(), ports.ids());
    }

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
            List<Membership> page = tx.inReadOnlyTransaction(() -> from
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
     * The job's work for one membership, inside its unit of work, on today in its studio: nothing
     * when nothing is due there yet (the store picked it for a time zone further ahead).
     */
    private Handled issueFor(TenantId tenant, MembershipId membershipId, TenantSettings studio) {
        Optional<Membership> read = memberships.find(tenant, membershipId);
        if (read.isEmpty()) {
            return Handled.NOTHING;
        }
        // the member's lock, then the membership again: an erasure meanwhile has cancelled it
        guard.lock(tenant, read.get().clientId());
        Optional<Membership> found = memberships.find(tenant, membershipId);
        LocalDate today = studio.dateAt(clock.instant());
        if (found.isEmpty() || !found.get().isDueOn(today)) {
            return Handled.NOTHING;
        }
        PeriodIssuer.Settled settled = issuer.settle(found.get(), studio, today);
        Membership m = settled.membership();
        boolean ended = m.status().isRunning() && m.isOverOn(today);
        if (ended) {
            Instant now = clock.instant();
            Membership stored = memberships.update(m.end(today, ISSUANCE_ACTOR.describe(), now));
            statusChanges.record(ISSUANCE_ACTOR, m, stored, now);
        }
        return new Handled(settled.credits(), settled.credits() > 0 || ended);
    }
}
