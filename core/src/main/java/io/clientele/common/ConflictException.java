package io.clientele.common;

/**
 * The command is well-formed but clashes with the current state: a stale version (optimistic
 * lock), a duplicate of a unique value, or a transition the current state does not allow. The
 * {@link #code()} tells which: {@code conflict.stale_version}, {@code conflict.duplicate} or
 * {@code conflict.illegal_state}.
 */
public final class ConflictException extends ClienteleException {

    private static final long serialVersionUID = 1L;

    /** Why the command conflicts. */
    public enum Reason {
        /** Someone else changed the object since it was read. */
        STALE_VERSION("conflict.stale_version"),
        /** A value that must be unique is already taken. */
        DUPLICATE("conflict.duplicate"),
        /** The object's state does not allow the requested change. */
        ILLEGAL_STATE("conflict.illegal_state");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The stable code for this reason. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public ConflictException(Reason reason, String detail) {
        super(reason.code(), detail);
        this.reason = reason;
    }

    /** Why the command conflicts. */
    public Reason reason() {
        return reason;
    }

    /** A stale-version conflict for the given object. */
    public static ConflictException staleVersion(String resource, Object id) {
        return new ConflictException(Reason.STALE_VERSION,
                resource + " " + id + " was changed concurrently; reload and retry");
    }

    /** A duplicate-value conflict on the given field. */
    public static ConflictException duplicate(String field, String detail) {
        return new ConflictException(Reason.DUPLICATE, field + ": " + detail);
    }

    /** An illegal-state conflict. */
    public static ConflictException illegalState(String detail) {
        return new ConflictException(Reason.ILLEGAL_STATE, detail);
    }
}
