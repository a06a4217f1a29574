package io.clientele.common;

/**
 * Clientele was wired wrongly, for example {@code Clientele.builder().build()} with a port missing.
 * The message names what is missing. Code: {@value #CODE}.
 */
public final class ConfigurationException extends ClienteleException {

    private static final long serialVersionUID = 1L;

    /** The stable code of every configuration failure. */
    public static final String CODE = "configuration";

    public ConfigurationException(String message) {
        super(CODE, message);
    }

    /** Requires a wired port: refuses {@code null}, naming {@code owner.port}. */
    public static <T> T requirePort(String owner, String port, T value) {
        if (value == null) {
            throw new ConfigurationException(owner + "." + port + " must not be null");
        }
        return value;
    }
}
