package io.clientele.profile.model;

import io.clientele.common.Permission;
import io.clientele.common.Validate;
import java.util.Optional;

/**
 * One section of a client's profile as one actor may see it: {@link Shown} with its content, or
 * {@link Withheld} when the actor may see the profile but not this section, naming the permission
 * that would show it to staff. The client viewing their own profile never sees the staff's own
 * records about them (labels, groups, notes, the audit trail); staff without {@link
 * Permission#VIEW_AUDIT} do not see the audit trail. A withheld section costs no read.
 *
 * <p>Immutable and thread-safe when the content is.
 */
public sealed interface Section<T> permits Section.Shown, Section.Withheld {

    /** A section the actor sees, with its content ({@code value}). */
    record Shown<T>(T value) implements Section<T> {
        public Shown {
            Validate.notNull("value", value);
        }
    }

    /**
     * A section the actor may not see. {@code permission} is what staff need for it; a client
     * acting for themself is never shown a staff-only section, whatever it names.
     */
    record Withheld<T>(Permission permission) implements Section<T> {
        public Withheld {
            Validate.notNull("permission", permission);
        }
    }

    /** A shown section. */
    static <T> Section<T> shown(T content) {
        return new Shown<>(content);
    }

    /** A withheld section that staff holding {@code permission} would see. */
    static <T> Section<T> withheld(Permission permission) {
        return new Withheld<>(permission);
    }

    /** The content when the section is shown; empty when withheld. */
    default Optional<T> content() {
        return this instanceof Shown<T> shown ? Optional.of(shown.value()) : Optional.empty();
    }

    /** True when the section is shown. */
    default boolean isShown() {
        return this instanceof Shown;
    }
}
