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
 * The annotated string is an ISO 3166-1 alpha-2 country code, by the rules of {@link
 * io.clientele.client.model.CountryCode} (case-insensitive: {@code fr} is valid).
 *
 * <p>{@code null} is valid (add {@code @NotNull} where a value is required). Message templates:
 * {@code {io.clientele.validation.country.<rule>}}, with rule {@code iso_3166} or {@code required}.
 */
@Documented
@Constraint(validatedBy = CountryCodeValidator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface CountryCode {

    /** By default, the message of the broken rule; a message set here replaces it for every rule. */
    String message() default "{io.clientele.validation.country.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
