package io.clientele.credit.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditEvents;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.port.CreditRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How other contexts put credits into a client's ledger and take them back: memberships issue
 * their recurring credits, orders grant package credits and revoke them on cancellation. It joins
 * the caller's unit of work and checks no permission (the calling use case did). This is the only
 * way package credits come to exist; staff cannot issue them by hand.
 *
 * <p>It is also the one place that records credit changes: each grant appends one {@code
 * CREDITS_ISSUED} audit entry (count, source, expiry) and each state change one {@code CREDIT_*}
 * entry (the credit id and its state before and after), next to the ledger lines. The reasons,
 * free text that may hold personal data, go into the ledger only, never into the audit trail.
 *
 * <p>One per {@code Clientele}; thread-safe.
 */
public final class CreditGrants {

    private final CreditRepository credits;
    private final AuditLog audit;
    private final EventPublisher events;
    private final Clock clock;
    private final Ids ids;

    /** Wires the grants on the credit ports. */
    public CreditGrants(CreditRepository credits, AuditLog audit, EventPublisher events, Clock clock, Ids ids) {
        this.credits = Validate.notNull("creditRepository", credits);
        this.audit = Validate.notNull("auditLog", audit);
        this.events = Validate.notNull("eventPublisher", events);
        this.clock = Validate.notNull("clock", clock);
        this.ids = Validate.notNull("ids", ids);
    }

    /**
     * Issues {@code count} redeemable credits from {@code source} that never expire, and audits
     * them as one {@code CREDITS_ISSUED} entry.
     */
    public List<Credit> grant(Actor actor, TenantId tenant, ClientId client, CreditSource source, int count,
            String reason) {
        return grant(actor, tenant, client, source, count, Optional.empty(), reason);
    }

    /**
     * Issues {@code count} redeemable credits from {@code source}, each expiring at {@code
     * expiresAt}, and audits them as one {@code CREDITS_ISSUED} entry.
     */
    public List<Credit> grant(Actor actor, TenantId tenant, ClientId client, CreditSource source, int count,
            Instant expiresAt, String reason) {
        return grant(actor, tenant, client, source, count, Optional.of(Validate.notNull("expiresAt", expiresAt)),
                reason);
    }

    /** The grant itself; package-private so the services of this context pass an optional expiry through. */
    List<Credit> grant(Actor actor, TenantId tenant, ClientId client, CreditSource source, int count,
            Optional<Instant> expiresAt, String reason) {
        Validate.range("count", count, 1, 1000);
        Instant now = clock.instant();
        List<Credit> issued = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CreditId id = new CreditId(ids.next());
            issued.add(expiresAt
                    .map(expiry -> Credit.issue(id, tenant, client, source, now, expiry, actor.describe(), reason))
                    .orElseGet(() -> Credit.issue(id, tenant, client, source, now, actor.describe(), reason)));
        }
        credits.insertAll(issued);
        for (Credit credit : issued) {
            credits.append(new CreditChange(ids.next(), tenant, client, credit.id(), Optional.empty(),
                    CreditState.REDEEMABLE, now, actor.describe(), reason));
            events.publish(new CreditEvents.CreditIssued(tenant, client, credit.id(), source.kind(), now));
        }
        audit.append(AuditEntry.of(ids.next(), tenant, client, actor, AuditAction.CREDITS_ISSUED, now,
                List.of(FieldChange.plain("count", Optional.empty(), Optional.of(count)),
                        FieldChange.plain("source", Optional.empty(), Optional.of(describe(source))),
                        FieldChange.plain("expiresAt", Optional.empty(), expiresAt))));
        return issued;
    }

    /**
     * Revokes every still-redeemable credit from {@code source} (for example a cancelled order's
     * package), closes the source, and returns the credits of that source that were already used or
     * gone, which stay as they are; a used one whose booking is cancelled later is revoked then. A
     * credit past its expiry that the sweep has not recorded yet is expired, not redeemable: its
     * expiry is recorded now ({@code CREDIT_EXPIRED}, reason {@code "expired"}) and it is returned,
     * as stored {@code EXPIRED}, among the credits kept.
     */
    public List<Credit> revokeFromSource(Actor actor, TenantId tenant, CreditSource source, String reason) {
        Instant now = clock.instant();
        List<Credit> untouched = new ArrayList<>();
        for (Credit credit : credits.fromSource(tenant, source)) {
            if (credit.state() != CreditState.REDEEMABLE) {
                untouched.add(credit);
                continue;
            }
            Credit after = revokeOrExpire(actor, credit, reason, now);
            if (after.state() == CreditState.EXPIRED) {
                untouched.add(after);
            }
        }
        credits.closeSource(tenant, source);
        return untouched;
    }

    /**
     * Revokes a redeemable credit, or records its expiry when it is past it already ({@link
     * Credit#revokeOrExpire}), with the ledger line, the audit entry ({@code CREDIT_REVOKED} or
     * {@code CREDIT_EXPIRED}) and the event; returns the credit as stored.
     */
    public Credit revokeOrExpire(Actor actor, Credit credit, String reason, Instant now) {
        Credit after = credits.update(credit.revokeOrExpire(actor.describe(), reason, now));
        record(credit, after, after.state() == CreditState.EXPIRED ? AuditAction.CREDIT_EXPIRED
                : AuditAction.CREDIT_REVOKED, actor, after.reason(), now);
        return after;
    }

    /**
     * Records a state change: the ledger line (with the reason), the audit entry {@code action}
     * (the credit's id and states, no reason) and the event.
     */
    void record(Credit before, Credit after, AuditAction action, Actor actor, String reason, Instant now) {
        credits.append(new CreditChange(ids.next(), after.tenantId(), after.clientId(), after.id(),
                Optional.of(before.state()), after.state(), now, actor.describe(), reason));
        audit.append(AuditEntry.of(ids.next(), after.tenantId(), after.clientId(), actor, action, now,
                List.of(FieldChange.plain("credit[" + after.id() + "].state", Optional.of(before.state()),
                        Optional.of(after.state())))));
        events.publish(new CreditEvents.CreditChanged(after.tenantId(), after.clientId(), after.id(), before.state(),
                after.state(), now));
    }

    /**
     * Records the expiries the sweep stored ({@link CreditRepository#expireDue}), as {@link
     * #record} records one change each: the ledger lines, the {@code CREDIT_EXPIRED} audit
     * entries and the events, with one call to each port whatever the number of credits.
     */
    void recordExpiries(List<Credit> expired, Actor actor, Instant now) {
        if (expired.isEmpty()) {
            return;
        }
        List<CreditChange> lines = new ArrayList<>(expired.size());
        List<AuditEntry> entries = new ArrayList<>(expired.size());
        List<CreditEvents.CreditChanged> changed = new ArrayList<>(expired.size());
        for (Credit credit : expired) {
            lines.add(new CreditChange(ids.next(), credit.tenantId(), credit.clientId(), credit.id(),
                    Optional.of(CreditState.REDEEMABLE), credit.state(), now, actor.describe(), credit.reason()));
            entries.add(AuditEntry.of(ids.next(), credit.tenantId(), credit.clientId(), actor,
                    AuditAction.CREDIT_EXPIRED, now, List.of(FieldChange.plain("credit[" + credit.id() + "].state",
                            Optional.of(CreditState.REDEEMABLE), Optional.of(credit.state())))));
            changed.add(new CreditEvents.CreditChanged(credit.tenantId(), credit.clientId(), credit.id(),
                    CreditState.REDEEMABLE, credit.state(), now));
        }
        credits.appendAll(lines);
        audit.appendAll(entries);
        events.publishAll(changed);
    }

    /** A source as the audit trail shows it: its kind, then its membership or order id if any. */
    private static String describe(CreditSource source) {
        return source.kind() + source.reference().map(reference -> " " + reference).orElse("");
    }
}
