package io.clientele.common;

/**
 * Something Clientele depends on failed: storage could not be read or written, a remote system
 * did not answer. The work it interrupted was rolled back where it ran in a unit of work; retrying
 * later may succeed. Code: {@value #CODE}.
 */
public final class InfrastructureException extends ClienteleException {

    private static final long serialVersionUID = 1L;

    /** The stable code of every infrastructure failure. */
    public static final String CODE = "infrastructure";

    public InfrastructureException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
