package io.clientele.credit.model;

import io.clientele.common.Validate;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A client's credits at a glance, as the profile shows them: how many are in each effective state
 * at one instant (a redeemable credit past its expiry counts as {@code EXPIRED}, as {@link
 * Credit#stateAt} says), every state present with zeros included, and the newest issued credits.
 *
 * <p>Immutable and thread-safe.
 */
public record CreditSummary(Map<CreditState, Long> balances, List<Credit> newest) {

    public CreditSummary {
        Validate.notNull("balances", balances);
        EnumMap<CreditState, Long> all = new EnumMap<>(CreditState.class);
        long total = 0;
        for (CreditState state : CreditState.values()) {
            long count = balances.getOrDefault(state, 0L);
            if (count < 0) {
                throw new IllegalArgumentException("a negative count of " + state + " credits");
            }
            all.put(state, count);
            total += count;
        }
        balances = Collections.unmodifiableMap(all);
        newest = List.copyOf(Validate.notNull("newest", newest));
        if (newest.size() > total) {
            throw new IllegalArgumentException("more newest credits than credits in all");
        }
    }

    /** How many credits the client has in all, whatever their state. */
    public long total() {
        return balances.values().stream().mapToLong(Long::longValue).sum();
    }

    /** True when the client has more credits than {@link #newest()} shows. */
    public boolean hasMore() {
        return total() > newest.size();
    }

    /** This summary with every credit as seen at {@code now} ({@link Credit#asSeenAt}). */
    public CreditSummary asSeenAt(Instant now) {
        return new CreditSummary(balances, newest.stream().map(c -> c.asSeenAt(now)).toList());
    }
}
