package io.clientele.membership.model;

import java.util.Set;

/**
 * Where a client's membership stands. Legal transitions: active -> paused | cancelled | ended;
 * paused -> active | cancelled | ended. Cancelled and ended are final.
 */
public enum MembershipStatus {
    /** Running: its periods issue credits. */
    ACTIVE,
    /** Suspended by staff: periods starting while paused issue nothing. */
    PAUSED,
    /** Stopped by staff before its end (or because the client was erased). Final. */
    CANCELLED,
    /** Its end date has passed. Final. */
    ENDED;

    /** True when a membership in this status may move to {@code next}. */
    public boolean canBecome(MembershipStatus next) {
        return switch (this) {
            case ACTIVE -> Set.of(PAUSED, CANCELLED, ENDED).contains(next);
            case PAUSED -> Set.of(ACTIVE, CANCELLED, ENDED).contains(next);
            case CANCELLED, ENDED -> false;
        };
    }

    /** True for active and paused memberships, which can still change. */
    public boolean isRunning() {
        return this == ACTIVE || this == PAUSED;
    }
}
