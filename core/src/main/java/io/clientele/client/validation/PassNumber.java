package io.clientele.client.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The annotated string is the number of a physical pass or card, by the rules of {@link
 * io.clientele.client.model.PassNumber}: 1 to 64 ASCII letters, digits, {@code -} or {@code _},
 * spaces ignored.
 *
 * <p>{@code null} is valid (add {@code @NotNull} where a value is required). Message templates:
 * {@code {io.clientele.validation.pass.<rule>}}, with rule {@code format}, {@code required},
 * {@code max_length}, {@code line_break}, {@code forbidden_character}, {@code invisible} or {@code
 * lone_combining_mark}.
 */
@Documented
@Constraint(validatedBy = PassNumberValidator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface PassNumber {

    /** By default, the message of the broken rule; a message set here replaces it for every rule. */
    String message() default "{io.clientele.validation.pass.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
