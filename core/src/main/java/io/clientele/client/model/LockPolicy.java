package io.clientele.client.model;

import io.clientele.common.Validate;
import java.util.EnumSet;
import java.util.Set;

/**
 * A tenant's choice of which field groups a profile lock covers. By default a lock covers
 * personal details, photo and addresses ({@link #DEFAULT}).
 *
 * <p>Immutable and thread-safe.
 */
public record LockPolicy(Set<LockScope> covered) {

    /** Personal details, photo and addresses. */
    public static final LockPolicy DEFAULT =
            new LockPolicy(EnumSet.of(LockScope.PERSONAL_DETAILS, LockScope.PHOTO, LockScope.ADDRESSES));

    public LockPolicy {
        Validate.notNull("covered", covered);
        covered = covered.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(covered));
    }

    /** True when a lock covers the given field group. */
    public boolean covers(LockScope scope) {
        return covered.contains(scope);
    }
}
