package io.clientele.membership.service;

import io.clientele.client.model.TenantSettings;
import io.clientele.common.EventPublisher;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.service.CreditGrants;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipEvents;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.membership.port.MembershipRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Issues the credits of a membership's due periods, in the caller's unit of work and under the
 * member's lock: the job does it for every membership due, and a pause or cancellation by staff
 * does it first, so the outcome does not depend on when the job last ran. Each period is claimed
 * in the {@link IssuanceLog} in the same unit of work as its credits, so no period is issued twice.
 * Credits are issued by {@link MembershipIssuanceJob#ISSUANCE_ACTOR}. Immutable and thread-safe
 * when its ports are.
 */
final class PeriodIssuer {

    /** A membership as stored after issuing its due periods, and how many credits that issued. */
    record Settled(Membership membership, int credits) {
    }

    private final MembershipRepository memberships;
    private final IssuanceLog issuance;
    private final CreditGrants grants;
    private final EventPublisher events;
    private final Clock clock;

    PeriodIssuer(MembershipRepository memberships, IssuanceLog issuance, CreditGrants grants, EventPublisher events,
            Clock clock) {
        this.memberships = memberships;
        this.issuance = issuance;
        this.grants = grants;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Issues every period due on {@code today} (the studio's) that the log lets this call claim,
     * and stores the membership with those periods marked issued. A period claimed before (by a
     * concurrent or an earlier run) is skipped. Credits expire at the start of their expiry day in
     * the studio's time zone.
     */
    Settled settle(Membership membership, TenantSettings studio, LocalDate today) {
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
                grants.grant(MembershipIssuanceJob.ISSUANCE_ACTOR, membership.tenantId(), membership.clientId(),
                        source, perPeriod, expiry.get(), reason);
            } else {
                grants.grant(MembershipIssuanceJob.ISSUANCE_ACTOR, membership.tenantId(), membership.clientId(),
                        source, perPeriod, reason);
            }
            events.publish(new MembershipEvents.MembershipCreditsIssued(membership.tenantId(),
                    membership.clientId(), membership.id(), period, perPeriod, clock.instant()));
            credits += perPeriod;
        }
        Membership stored = memberships.update(membership.issuedThrough(due.get(due.size() - 1)));
        return new Settled(stored, credits);
    }
}
