package io.clientele.common;

import java.util.Objects;

/**
 * Input broke a rule. Names the offending {@link #field()} (for example {@code "email"}) and the
 * {@link #rule()} it broke (for example {@code "format"}, {@code "required"}, {@code "max_length"}).
 * A command rejected with this exception changed nothing. Code: {@value #CODE}.
 */
public final class ValidationException extends ClienteleException {

    private static final long serialVersionUID = 1L;

    /** The stable code of every validation failure. */
    public static final String CODE = "validation";

    private final String field;
    private final String rule;

    /**
     * @param field the name of the input field, as the caller knows it
     * @param rule a short snake_case rule name
     * @param detail a human-readable explanation that never repeats the rejected value
     */
    public ValidationException(String field, String rule, String detail) {
        super(CODE, field + ": " + rule + " (" + detail + ")");
        this.field = Objects.requireNonNull(field, "field");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** The field that failed, for example {@code "email"} or {@code "address.country"}. */
    public String field() {
        return field;
    }

    /** The rule that failed, for example {@code "format"}. */
    public String rule() {
        return rule;
    }

    /** Returns a copy whose field name is prefixed, for values nested in a larger command. */
    public ValidationException withFieldPrefix(String prefix) {
        ValidationException copy = new ValidationException(prefix + "." + field, rule, detailOf(this));
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    private static String detailOf(ValidationException e) {
        String message = String.valueOf(e.getMessage());
        int open = message.indexOf(" (");
        return open < 0 ? message : message.substring(open + 2, message.length() - 1);
    }
}
