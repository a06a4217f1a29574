package io.clientele.membership.model;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.MembershipId;
import io.clientele.common.TenantId;
import io.clientele.common.TimeBounds;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A client's membership of a {@link MembershipType}: it keeps the type's {@link
 * RecurringCreditRule} as it was when the membership started, runs from {@code startDate} to the
 * optional {@code endDate} (inclusive; at most {@value #MAX_TERM_YEARS} years after the start,
 * both dates within {@link TimeBounds}), and has a {@link MembershipStatus} that changes only along
 * legal transitions (anything else is a {@link ConflictException} {@code ILLEGAL_STATE}).
 *
 * <p>Credits are issued per period (see {@link CreditPeriod}): a period's credits are due when the
 * membership is active on the day the period starts, that day is on or before the end date, and
 * the period has not been issued yet. {@code nextPeriod} is the first period neither issued nor
 * given up: issuing moves it past the issued periods, and resuming moves it past the periods that
 * started while the membership was paused (the days of pausing and of resuming count as active).
 * Every {@code today} a method takes is the studio's: the date in the tenant's time zone.
 *
 * <p>Immutable and thread-safe; changes return new instances stored with a version check.
 */
public record Membership(
        MembershipId id,
        TenantId tenantId,
        ClientId clientId,
        MembershipTypeId typeId,
        RecurringCreditRule rule,
        LocalDate startDate,
        Optional<LocalDate> endDate,
        MembershipStatus status,
        long nextPeriod,
        Instant createdAt,
        String changedBy,
        Instant changedAt,
        long version) {

    /** The longest a membership with an end date may run: its end date is at most 10 years after its start. */
    public static final int MAX_TERM_YEARS = 10;

    public Membership {
        Validate.notNull("membershipId", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("clientId", clientId);
        Validate.notNull("typeId", typeId);
        Validate.notNull("rule", rule);
        TimeBounds.requireDate("startDate", startDate);
        Validate.notNull("endDate", endDate);
        endDate.ifPresent(end -> checkEnd(startDate, end));
        Validate.notNull("status", status);
        if (nextPeriod < 0) {
            throw new ValidationException("nextPeriod", "range", "not negative");
        }
        Validate.notNull("createdAt", createdAt);
        Validate.notBlank("changedBy", changedBy);
        Validate.notNull("changedAt", changedAt);
    }

    /**
     * Checks an end date against its start date (itself within {@link TimeBounds}): within {@link
     * TimeBounds}, not before the start date, and at most {@value #MAX_TERM_YEARS} years after it
     * (field {@code endDate}, rule {@code range}).
     */
    public static void checkEnd(LocalDate startDate, LocalDate endDate) {
        TimeBounds.requireDate("endDate", endDate);
        if (endDate.isBefore(startDate)) {
            throw new ValidationException("endDate", "range", "the end date cannot be before the start date");
        }
        // the start date is within TimeBounds, so adding the term cannot overflow
        if (endDate.isAfter(startDate.plusYears(MAX_TERM_YEARS))) {
            throw new ValidationException("endDate", "range",
                    "at most " + MAX_TERM_YEARS + " years after the start date");
        }
    }

    /**
     * A new, active membership at version 0 without an end date, whose first period is its start
     * date.
     */
    public static Membership start(MembershipId id, TenantId tenant, ClientId client, MembershipType type,
            LocalDate startDate, String actor, Instant now) {
        Validate.notNull("type", type);
        return new Membership(id, tenant, client, type.id(), type.rule(), startDate, Optional.empty(),
                MembershipStatus.ACTIVE, 0, now, actor, now, 0);
    }

    /**
     * A new, active membership at version 0 that runs until {@code endDate} (inclusive, see {@link
     * #checkEnd}), whose first period is its start date.
     */
    public static Membership start(MembershipId id, TenantId tenant, ClientId client, MembershipType type,
            LocalDate startDate, LocalDate endDate, String actor, Instant now) {
        Validate.notNull("type", type);
        return new Membership(id, tenant, client, type.id(), type.rule(), startDate,
                Optional.of(Validate.notNull("endDate", endDate)), MembershipStatus.ACTIVE, 0, now, actor, now, 0);
    }

    /** The first day of period {@code index}. */
    public LocalDate periodStart(long index) {
        return rule.period().start(startDate, index);
    }

    /** The first day of the next period to issue. */
    public LocalDate nextPeriodStart() {
        return periodStart(nextPeriod);
    }

    /**
     * The periods whose credits are due on {@code today}, oldest first: none unless the membership
     * is active; otherwise every period from {@link #nextPeriod()} that has started by {@code today}
     * and starts on or before the end date. Empty when the clock is behind the next period.
     */
    public List<Long> duePeriods(LocalDate today) {
        Validate.notNull("today", today);
        if (status != MembershipStatus.ACTIVE) {
            return List.of();
        }
        long last = rule.period().indexOn(startDate, today);
        if (endDate.isPresent()) {
            last = Math.min(last, rule.period().indexOn(startDate, endDate.get()));
        }
        List<Long> due = new ArrayList<>();
        for (long i = nextPeriod; i <= last; i++) {
            due.add(i);
        }
        return due;
    }

    /** True when {@code today} is after the end date, so a running membership is to end. */
    public boolean isOverOn(LocalDate today) {
        return endDate.map(today::isAfter).orElse(false);
    }

    /**
     * True when the issuance job has something to do with this membership on {@code today}: credits
     * due, or a running membership past its end date. Stores use the same rule to select due
     * memberships (an SQL store keeps {@link #nextPeriodStart()} as a column to index it).
     */
    public boolean isDueOn(LocalDate today) {
        Validate.notNull("today", today);
        LocalDate next = nextPeriodStart();
        boolean creditsDue = status == MembershipStatus.ACTIVE && !next.isAfter(today)
                && endDate.map(end -> !next.isAfter(end)).orElse(true);
        return creditsDue || (status.isRunning() && isOverOn(today));
    }

    /** The periods up to {@code lastIssued} marked as issued. Only an active membership issues. */
    public Membership issuedThrough(long lastIssued) {
        requireStatus(MembershipStatus.ACTIVE, "issue credits");
        return new Membership(id, tenantId, clientId, typeId, rule, startDate, endDate, status,
                Math.max(nextPeriod, lastIssued + 1), createdAt, changedBy, changedAt, version);
    }

    /** Paused: periods starting after {@code today} issue nothing until it is resumed. */
    public Membership pause(String actor, Instant now) {
        return to(MembershipStatus.PAUSED, nextPeriod, actor, now);
    }

    /**
     * Active again: the periods that started while it was paused (before {@code today}) are given
     * up; a period starting {@code today} is due.
     */
    public Membership resume(LocalDate today, String actor, Instant now) {
        requireStatus(MembershipStatus.PAUSED, "resume");
        long firstDue = rule.period().indexOn(startDate, today);
        if (firstDue < 0) {
            firstDue = 0;
        } else if (periodStart(firstDue).isBefore(today)) {
            firstDue++;
        }
        return to(MembershipStatus.ACTIVE, Math.max(nextPeriod, firstDue), actor, now);
    }

    /** Cancelled by staff (or because the client was erased). Final. */
    public Membership cancel(String actor, Instant now) {
        return to(MembershipStatus.CANCELLED, nextPeriod, actor, now);
    }

    /** Ended because {@code today} is after its end date. Final. */
    public Membership end(LocalDate today, String actor, Instant now) {
        if (!isOverOn(Validate.notNull("today", today))) {
            throw ConflictException.illegalState("membership " + id + " has not reached its end date");
        }
        return to(MembershipStatus.ENDED, nextPeriod, actor, now);
    }

    /** This membership with the stored version (used by repositories). */
    public Membership withVersion(long newVersion) {
        return new Membership(id, tenantId, clientId, typeId, rule, startDate, endDate, status, nextPeriod,
                createdAt, changedBy, changedAt, newVersion);
    }

    private Membership to(MembershipStatus next, long newNextPeriod, String actor, Instant now) {
        if (!status.canBecome(next)) {
            throw ConflictException.illegalState("membership status cannot go from " + status + " to " + next);
        }
        return new Membership(id, tenantId, clientId, typeId, rule, startDate, endDate, next, newNextPeriod,
                createdAt, actor, now, version);
    }

    private void requireStatus(MembershipStatus required, String action) {
        if (status != required) {
            throw ConflictException.illegalState("cannot " + action + " a membership that is " + status);
        }
    }
}
