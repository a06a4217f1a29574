/**
 * Jakarta Validation constraints for a host's own forms and DTOs, backed by the client model's
 * value objects, so a field has one rule whether it is checked in the host's web layer
 * ({@code @Valid}) or by a Clientele use case:
 *
 * <pre>{@code
 * record SignUpForm(
 *         @NotNull @PersonNamePart String firstName,
 *         @NotNull @PersonNamePart String lastName,
 *         @ClientEmail String email,
 *         @PhoneNumber(region = "FR") String phone) {
 * }
 * }</pre>
 *
 * <p>As with the built-in constraints, {@code null} is valid: add {@code @NotNull} where a value
 * is required. The constraints only check; the value objects also normalize (trim, NFC, case), so
 * pass the raw input on to Clientele, not a value the host normalized differently.
 *
 * <p>A violation's message template names the broken rule, {@code
 * {io.clientele.validation.<constraint>.<rule>}} (for example {@code
 * {io.clientele.validation.email.format}}), with English defaults in {@code
 * ContributorValidationMessages.properties} (a bundle Hibernate Validator merges from every jar,
 * so it does not hide the host's own {@code ValidationMessages}); a {@code message} set on the
 * annotation replaces them.
 * Validators are created and initialized by the Validation provider and are then thread-safe.
 */
@NullMarked
package io.clientele.client.validation;

import org.jspecify.annotations.NullMarked;
