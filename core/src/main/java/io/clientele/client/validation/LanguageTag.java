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
 * The annotated string is a well-formed BCP 47 language tag with a language subtag ({@code fr},
 * {@code pt-BR}), by the rules of {@link io.clientele.client.model.LanguageTag}. Whether a tenant
 * offers the language is up to the use case.
 *
 * <p>{@code null} is valid (add {@code @NotNull} where a value is required). Message templates:
 * {@code {io.clientele.validation.language.<rule>}}, with rule {@code format}, {@code required},
 * {@code max_length}, {@code line_break}, {@code forbidden_character}, {@code invisible} or {@code
 * lone_combining_mark}.
 */
@Documented
@Constraint(validatedBy = LanguageTagValidator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface LanguageTag {

    /** By default, the message of the broken rule; a message set here replaces it for every rule. */
    String message() default "{io.clientele.validation.language.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
