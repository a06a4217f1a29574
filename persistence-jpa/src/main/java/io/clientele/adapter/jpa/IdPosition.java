package io.clientele.adapter.jpa;

import io.clientele.common.Cursor;
import io.clientele.common.PageRequest;
import io.clientele.common.ValidationException;
import java.util.Optional;
import java.util.UUID;

/**
 * The position of a keyset page sorted by id alone: the id of the page's last row, in clear (the
 * use case seals it before it leaves Clientele), written as the in-memory adapters write it. A
 * position that is not one is a {@link ValidationException} on field {@code cursor}, rule {@code
 * format}. The sibling of {@link TimeIdPosition}.
 */
final class IdPosition {

    private IdPosition() {
    }

    /** The id {@code page} asks to continue after, if any. */
    static Optional<UUID> after(PageRequest page) {
        return page.after().map(IdPosition::decode);
    }

    /** The position after the row with {@code id}. */
    static Cursor cursor(UUID id) {
        return Cursor.of(id.toString());
    }

    private static UUID decode(Cursor cursor) {
        try {
            return UUID.fromString(cursor.parts(1).get(0));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("cursor", "format", "not a cursor returned by Clientele");
        }
    }
}
