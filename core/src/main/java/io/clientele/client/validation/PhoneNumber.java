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
 * The annotated string is a phone number as a person types it (spaces, dots, dashes, national or
 * international format) that {@link io.clientele.client.service.PhoneNumbers#parse} accepts with
 * libphonenumber. By default ({@link #region()} {@code "ZZ"}, libphonenumber's unknown region) the
 * number must be written in international format, {@code +} and the country calling code
 * ({@code +33 6 12 34 56 78}); with a region such as {@code "FR"}, national numbers of that
 * region are accepted too ({@code 06 12 34 56 78}).
 *
 * <p>{@code null} is valid (add {@code @NotNull} where a value is required). Message templates:
 * {@code {io.clientele.validation.phone.<rule>}}, with rule {@code format}, {@code invalid_number},
 * {@code international_format}, {@code extension}, {@code required}, {@code max_length}, {@code
 * line_break}, {@code forbidden_character}, {@code invisible} or {@code lone_combining_mark}.
 */
@Documented
@Constraint(validatedBy = PhoneNumberValidator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface PhoneNumber {

    /** By default, the message of the broken rule; a message set here replaces it for every rule. */
    String message() default "{io.clientele.validation.phone.message}";

    /**
     * The ISO 3166-1 alpha-2 region national numbers are read in, usually the tenant's default
     * region; {@code "ZZ"} (the default) accepts international numbers only. Any other value that
     * is not an ISO 3166-1 alpha-2 code makes validation fail with a {@link
     * jakarta.validation.ConstraintDeclarationException}.
     */
    String region() default "ZZ";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
