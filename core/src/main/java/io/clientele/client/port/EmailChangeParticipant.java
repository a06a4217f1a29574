package io.clientele.client.port;

import io.clientele.client.model.Client;
import io.clientele.common.Actor;

/**
 * Something that must react when a client's email address changes: a new normalized address, or
 * the address removed. Whoever holds the old mailbox is not necessarily the client (a mistyped
 * address, a shared or recycled mailbox), so what was mailed there must stop working; Clientele's
 * own participant revokes the client's live links (activation, password reset and unsubscribe)
 * and cancels their pending invitation and reset mails.
 *
 * <p>Called by {@code ClientProfileService.editDetails}, whether staff or the client make the
 * edit, inside its unit of work, after the changed client is saved and while its lock is held;
 * throwing rolls the edit back. Not called when the address stays the same. Clientele registers
 * its own participant; a host may add more with {@code
 * Clientele.builder().emailChangeParticipant(...)} (for example to tell its identity system or
 * end sessions). SPI; implementations must be thread-safe.
 */
@FunctionalInterface
public interface EmailChangeParticipant {

    /**
     * Reacts to the change of {@code before}'s address to {@code after}'s (empty when removed),
     * made by {@code actor}. Both are the same client of the same tenant.
     */
    void emailChanged(Actor actor, Client before, Client after);
}
