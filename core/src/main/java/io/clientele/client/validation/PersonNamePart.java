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
 * The annotated string is a first or a last name, by the rules of {@link
 * io.clientele.client.model.PersonName}: 1 to 100 characters, letters of any script, combining
 * marks, spaces, apostrophes, hyphens and periods, with at least one letter.
 *
 * <p>{@code null} is valid (add {@code @NotNull} where a value is required). Message templates:
 * {@code {io.clientele.validation.personName.<rule>}}, with rule {@code characters}, {@code required},
 * {@code max_length}, {@code line_break}, {@code forbidden_character}, {@code invisible}, {@code
 * lone_combining_mark} or {@code combining_marks}.
 */
@Documented
@Constraint(validatedBy = PersonNamePartValidator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface PersonNamePart {

    /** By default, the message of the broken rule; a message set here replaces it for every rule. */
    String message() default "{io.clientele.validation.personName.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
