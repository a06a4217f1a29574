package io.clientele.common;

/**
 * Root of every exception Clientele throws. Each exception carries a stable, machine-readable
 * {@link #code()} that hosts can map to HTTP statuses or UI messages without parsing the text.
 *
 * <p>Exceptions are for misuse, denial and infrastructure failures; normal outcomes a caller must
 * branch on are returned as sealed result types instead. Instances are immutable.
 */
public abstract class ClienteleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    protected ClienteleException(String code, String message) {
        super(message);
        this.code = code;
    }

    protected ClienteleException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Stable machine-readable code, for example {@code "validation"} or {@code "not_found"}. */
    public String code() {
        return code;
    }
}
