package io.clientele.audit.model;

import io.clientele.common.Validate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One field's value before and after a change, as recorded in the audit trail. Personal data is
 * masked before it gets here (see {@link Mask}) and marked {@link #personal()}: even masked, it is
 * replaced by {@value #ERASED} when the client is erased ({@link #erased()}). Empty means "no
 * value".
 *
 * <p>Immutable and thread-safe.
 */
public record FieldChange(String field, Optional<String> before, Optional<String> after, boolean personal) {

    /** What an erased client's personal values read as in the audit trail, once erased. */
    public static final String ERASED = "[erased]";

    public FieldChange {
        Validate.notBlank("field", field);
        Validate.notNull("before", before);
        Validate.notNull("after", after);
    }

    /** A change of a value that is not personal data (a status, an id, a catalog name). */
    public FieldChange(String field, Optional<String> before, Optional<String> after) {
        this(field, before, after, false);
    }

    /** A change of a non-personal value, recorded as is. */
    public static FieldChange plain(String field, Optional<?> before, Optional<?> after) {
        return new FieldChange(field, before.map(String::valueOf), after.map(String::valueOf));
    }

    /**
     * A change of a personal value, recorded masked and marked {@link #personal()}. Masks can
     * collide (two names with the same initial and length), so whether the value changed is decided
     * on the clear values, and a real change whose masks are equal is recorded with {@code "
     * (changed)"} after the new mask.
     */
    public static FieldChange masked(String field, Optional<String> before, Optional<String> after,
            UnaryOperator<String> mask) {
        Optional<String> maskedBefore = before.map(mask);
        Optional<String> maskedAfter = after.map(mask);
        if (!before.equals(after) && maskedBefore.equals(maskedAfter)) {
            maskedAfter = maskedAfter.map(v -> v + " (changed)");
        }
        return new FieldChange(field, maskedBefore, maskedAfter, true);
    }

    /**
     * This change as it reads once its client is erased: a personal value, present before or
     * after, is replaced by {@value #ERASED}; the field name, and whether a value was there, stay.
     * A change that is not personal is returned as it is.
     */
    public FieldChange erased() {
        if (!personal) {
            return this;
        }
        return new FieldChange(field, before.map(v -> ERASED), after.map(v -> ERASED), true);
    }

    /** True when the recorded values differ. */
    public boolean changed() {
        return !Objects.equals(before, after);
    }
}
