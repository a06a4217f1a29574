package io.clientele.client.model;

import io.clientele.common.ClientId;
import io.clientele.common.Cursor;
import io.clientele.common.Text;
import io.clientele.common.ValidationException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the client list; {@code emailBounced} tells that the client's address was refused
 * for good by the mail provider (see {@link Client#emailBounced()}). The list is sorted by {@link
 * #sortKey()} (last name, then first name, ignoring case and accents), then by id, which makes the
 * order stable for keyset pagination.
 *
 * <p>Immutable and thread-safe.
 */
public record ClientSummary(
        ClientId id,
        PersonName name,
        Optional<EmailAddress> email,
        Optional<PhoneNumber> phone,
        InvitationStatus invitationStatus,
        Set<LabelId> labels,
        boolean locked,
        boolean erased,
        boolean emailBounced) {

    /**
     * The longest {@linkplain #sortKeyOf sort key}, in UTF-8 bytes: two name parts of {@value
     * PersonName#MAX_LENGTH} code points, each folded to at most {@value
     * Text#MAX_FOLDED_BYTES_PER_CODE_POINT} bytes, and the separator. An adapter that stores the key
     * sizes its column for it.
     */
    public static final int MAX_SORT_KEY_BYTES = 2 * PersonName.MAX_LENGTH * Text.MAX_FOLDED_BYTES_PER_CODE_POINT + 1;

    /**
     * The longest position {@link #cursor()} makes, in UTF-8 bytes: the longest sort key, the
     * separator of the parts and the 36 characters of the id. It is within {@link
     * io.clientele.common.CursorSeal#MAX_POSITION_BYTES}, so a page that ends on any valid client
     * gets a cursor.
     */
    public static final int MAX_POSITION_BYTES = MAX_SORT_KEY_BYTES + 1 + 36;

    private static final char SORT_SEPARATOR = '\u0001';

    public ClientSummary {
        labels = Set.copyOf(labels);
    }

    /** The summary of a client. */
    public static ClientSummary of(Client client) {
        PersonalDetails d = client.details();
        return new ClientSummary(client.id(), d.name(), d.email(), d.phone(), client.invitationStatus(),
                client.labels(), client.locked(), client.erased(), client.emailBounced());
    }

    /** The primary sort key of this row. */
    public String sortKey() {
        return sortKeyOf(name);
    }

    /**
     * The keyset position of this row, to continue the list after it: the position an adapter's
     * search pages by. It holds the folded names in clear, so it never leaves Clientele as it is:
     * the client list seals it before handing it out ({@link io.clientele.common.CursorSeal}).
     */
    public Cursor cursor() {
        return Cursor.of(sortKey(), id.toString());
    }

    /** A decoded list position: the sort key and id of the last row of a page. */
    public record Position(String sortKey, ClientId id) {

        /** Decodes a cursor made by {@link ClientSummary#cursor()}; rule {@code format} otherwise. */
        public static Position of(Cursor cursor) {
            List<String> parts = cursor.parts(2);
            try {
                return new Position(parts.get(0), ClientId.parse(parts.get(1)));
            } catch (ValidationException e) {
                throw new ValidationException("cursor", "format", "not a cursor returned by Clientele");
            }
        }

        /** True when {@code row} sorts after this position. */
        public boolean isBefore(ClientSummary row) {
            int bySortKey = row.sortKey().compareTo(sortKey);
            return bySortKey > 0 || (bySortKey == 0 && row.id().value().compareTo(id.value()) > 0);
        }
    }

    /**
     * The list's primary sort key for a name: last name, U+0001, first name, each {@linkplain
     * Text#fold folded} (accents removed, lower case), so "Ébert" sorts beside "Eber". The separator
     * sorts below every character a name may hold, so last names are compared first even when one
     * extends another ("Li" before "Li Ann"). Adapters store this key as computed here and compare
     * it by code unit (binary collation), so every adapter pages identically.
     */
    public static String sortKeyOf(PersonName name) {
        return Text.fold(name.lastName()) + SORT_SEPARATOR + Text.fold(name.firstName());
    }

}
