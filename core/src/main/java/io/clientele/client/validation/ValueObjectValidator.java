package io.clientele.client.validation;

import io.clientele.common.ValidationException;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.lang.annotation.Annotation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs a value object's rules on a non-null value and turns the {@link ValidationException} it
 * throws into one constraint violation whose message template names the rule. Initialized once by
 * the Validation provider, then thread-safe.
 */
abstract class ValueObjectValidator<A extends Annotation> implements ConstraintValidator<A, String> {

    private static final String PREFIX = "io.clientele.validation.";

    private final String constraint;
    private final Set<String> rules;
    private boolean messagePerRule = true;

    /**
     * @param constraint the constraint's segment of the message keys, for example {@code email}
     * @param rules the rules that have a message of their own in {@code ContributorValidationMessages}
     */
    ValueObjectValidator(String constraint, Set<String> rules) {
        this.constraint = constraint;
        this.rules = Set.copyOf(rules);
    }

    /**
     * The rules of {@link io.clientele.common.Text#singleLine} ({@code required}, {@code
     * line_break}, {@code forbidden_character}, {@code invisible}, {@code lone_combining_mark},
     * {@code max_length}) and {@code more}.
     */
    static Set<String> textRulesAnd(String... more) {
        Set<String> all = new HashSet<>(List.of("required", "line_break", "forbidden_character", "invisible",
                "lone_combining_mark", "max_length"));
        all.addAll(List.of(more));
        return all;
    }

    /**
     * Keeps a message the host set on the annotation; only the default, {@code
     * {io.clientele.validation.<constraint>.message}}, is replaced by the message of the broken rule.
     */
    final void initializeMessage(String message) {
        messagePerRule = message.equals("{" + PREFIX + constraint + ".message}");
    }

    /** Builds the value object from {@code value}; throws {@link ValidationException} if it is invalid. */
    abstract void check(String value);

    @Override
    public final boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            check(value);
            return true;
        } catch (ValidationException e) {
            // The template is made of rule names listed here, never of the rejected input, so no user
            // text reaches message interpolation; a rule the model gains later gets the general message.
            if (messagePerRule && rules.contains(e.rule())) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("{" + PREFIX + constraint + "." + e.rule() + "}")
                        .addConstraintViolation();
            }
            return false;
        }
    }
}
