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
 * The annotated string is an email address a client profile accepts, by the rules of {@link
 * io.clientele.client.model.EmailAddress}: one {@code @}, a dot-atom mailbox name of at most 64
 * octets, a domain of at least two labels that is valid under UTS #46 (IDNA 2008), at most 254
 * octets with the ASCII form of the domain.
 *
 * <p>{@code null} is valid (add {@code @NotNull} where a value is required). Message templates:
 * {@code {io.clientele.validation.email.<rule>}}, with rule {@code format}, {@code required},
 * {@code max_length}, {@code line_break}, {@code forbidden_character}, {@code invisible} or {@code
 * lone_combining_mark}.
 */
@Documented
@Constraint(validatedBy = ClientEmailValidator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface ClientEmail {

    /** By default, the message of the broken rule; a message set here replaces it for every rule. */
    String message() default "{io.clientele.validation.email.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
