package io.clientele.client.model;

import io.clientele.common.Validate;
import io.clientele.common.ValidationException;

/**
 * How many clients of a list are in each invitation status, with erased clients apart: an erased
 * client counts under {@code erased} only, whatever status it had, so the four numbers add up to
 * the clients listed and label status tabs without counting an anonymized profile as
 * {@code ADDED}. {@code erased} is zero unless the query includes erased clients.
 *
 * <p>Immutable and thread-safe.
 */
public record StatusCounts(long added, long invited, long accepted, long erased) {

    /** No client at all. */
    public static final StatusCounts NONE = new StatusCounts(0, 0, 0, 0);

    public StatusCounts {
        requireNotNegative("added", added);
        requireNotNegative("invited", invited);
        requireNotNegative("accepted", accepted);
        requireNotNegative("erased", erased);
    }

    /** How many clients that are not erased are in {@code status}. */
    public long of(InvitationStatus status) {
        Validate.notNull("status", status);
        return switch (status) {
            case ADDED -> added;
            case INVITED -> invited;
            case ACCEPTED -> accepted;
        };
    }

    /** Every client counted, erased ones included. */
    public long total() {
        return added + invited + accepted + erased;
    }

    /** These counts with one more client: under {@code erased} if it is erased, else under its status. */
    public StatusCounts plus(Client client) {
        Validate.notNull("client", client);
        if (client.erased()) {
            return new StatusCounts(added, invited, accepted, erased + 1);
        }
        return switch (client.invitationStatus()) {
            case ADDED -> new StatusCounts(added + 1, invited, accepted, erased);
            case INVITED -> new StatusCounts(added, invited + 1, accepted, erased);
            case ACCEPTED -> new StatusCounts(added, invited, accepted + 1, erased);
        };
    }

    private static void requireNotNegative(String field, long value) {
        if (value < 0) {
            throw new ValidationException(field, "not_negative", "must not be negative");
        }
    }
}
