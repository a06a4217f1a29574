package io.clientele.credit.model;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One append-only line of a client's credit ledger: which credit, from which state (empty when
 * issued) to which, when, by whom and why. Immutable and thread-safe.
 */
public record CreditChange(UUID id, TenantId tenantId, ClientId clientId, CreditId creditId, Optional<CreditState> from,
        CreditState to, Instant at, String actor, String reason) {

    public CreditChange {
        Validate.notNull("id", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("clientId", clientId);
        Validate.notNull("creditId", creditId);
        Validate.notNull("from", from);
        Validate.notNull("to", to);
        Validate.notNull("at", at);
        Validate.notBlank("actor", actor);
        Validate.notNull("reason", reason);
    }

    /**
     * The client's ledger as it reads at {@code now}: the {@code recorded} lines in their order,
     * and, for each of {@code credits} that is stored {@code REDEEMABLE} but past its expiry, the
     * line its expiry will record: from {@code REDEEMABLE} to {@code EXPIRED}, by {@code
     * expiryActor}, reason {@code "expired"}, dated at the expiry, placed before the first recorded
     * line dated later. Such a pending line's id is derived from the credit's id, so it reads the
     * same on every call; once the expiry is recorded (by the sweep, or by a revocation or an order
     * cancellation in the meantime) the ledger shows the recorded line instead, with its own id and
     * time. Replaying the lines gives every credit its state as {@link Credit#stateAt} shows it.
     */
    public static List<CreditChange> asSeenAt(List<CreditChange> recorded, Collection<Credit> credits, Instant now,
            String expiryActor) {
        Validate.notNull("recorded", recorded);
        Validate.notNull("credits", credits);
        Validate.notNull("now", now);
        List<CreditChange> pending = credits.stream().filter(c -> c.isUnrecordedExpiry(now))
                .map(c -> new CreditChange(pendingId(c), c.tenantId(), c.clientId(), c.id(),
                        Optional.of(CreditState.REDEEMABLE), CreditState.EXPIRED, c.expiresAt().orElseThrow(),
                        expiryActor, "expired"))
                .sorted(Comparator.comparing(CreditChange::at).thenComparing(CreditChange::creditId))
                .toList();
        if (pending.isEmpty()) {
            return recorded;
        }
        List<CreditChange> merged = new ArrayList<>(recorded.size() + pending.size());
        int next = 0;
        for (CreditChange line : recorded) {
            while (next < pending.size() && pending.get(next).at().isBefore(line.at())) {
                merged.add(pending.get(next++));
            }
            merged.add(line);
        }
        merged.addAll(pending.subList(next, pending.size()));
        return List.copyOf(merged);
    }

    private static UUID pendingId(Credit credit) {
        return UUID.nameUUIDFromBytes(("expiry of credit " + credit.id()).getBytes(StandardCharsets.UTF_8));
    }
}
