package io.clientele.common;

import java.util.Optional;

/**
 * The actor lacks the permission a use case requires, or is a kind of actor the use case does not
 * accept. Code: {@value #CODE}.
 */
public final class AccessDeniedException extends ClienteleException {

    private static final long serialVersionUID = 1L;

    /** The stable code of every denial. */
    public static final String CODE = "access_denied";

    private final transient Permission permission;

    public AccessDeniedException(Permission permission, String detail) {
        super(CODE, "permission " + permission + " required: " + detail);
        this.permission = permission;
    }

    public AccessDeniedException(String detail) {
        super(CODE, detail);
        this.permission = null;
    }

    /** The missing permission, when a single permission was missing. */
    public Optional<Permission> permission() {
        return Optional.ofNullable(permission);
    }
}
