package io.clientele.credit.port;

import io.clientele.common.ClientId;
import io.clientele.common.MembershipId;
import io.clientele.common.TenantId;
import java.util.Optional;

/**
 * Tells the credit context where a client's membership stands, so credits issued by hand for a
 * membership name one of the client's own active memberships. The membership context depends on
 * the credit context (its job issues credits), so the credit context asks through this port
 * instead of depending back: {@code MembershipService#standings()} implements it and {@code
 * Clientele} wires it; a host wiring the services by hand does the same.
 *
 * <p>SPI; implementations must be thread-safe and read in the caller's unit of work. The credit
 * service calls it after locking the client, and every membership change takes that lock first,
 * so the answer holds until the credits are stored. In SQL: one look-up by {@code (tenant_id, id)}
 * checking the client.
 */
@FunctionalInterface
public interface MembershipStandings {

    /** Where a membership stands, as far as issuing credits for it goes. */
    enum Standing {
        /** Running: credits may be issued for it. */
        ACTIVE,
        /** Paused, cancelled or ended: no credits are issued for it. */
        NOT_ACTIVE
    }

    /**
     * The standing of membership {@code membershipId} if it is a membership of {@code client} in
     * {@code tenant}; empty when there is no such membership, or it is another client's (another
     * tenant's membership is never seen).
     */
    Optional<Standing> standing(TenantId tenant, ClientId client, MembershipId membershipId);
}
