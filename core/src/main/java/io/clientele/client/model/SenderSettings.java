package io.clientele.client.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.Optional;

/**
 * How a studio's mail names its sender, part of the {@link TenantSettings}: the studio's own
 * {@code From} address (a domain it has verified with the host's mail provider), or none to send
 * from the platform's address (configured once for every studio, {@code
 * InvitationConfig.platformSender}); a display name, or none to use the studio's name; and a
 * reply-to address, or none so that replies go to the {@code From} address. {@link #platform()},
 * the default, has none of the three: every studio's mail comes from the platform's address under
 * the studio's name.
 *
 * <p>Addresses are {@link EmailAddress} values, so they are canonical and hold nothing that could
 * end a header; the factories that take text refuse a malformed one with the rule {@link
 * EmailAddress} gives, under field {@code fromAddress} or {@code replyTo}. The display name is one
 * line of 1 to {@value #MAX_DISPLAY_NAME} characters by the rules of {@link Text#singleLine}
 * (letters of any script allowed; CR, LF, control and format characters refused), field {@code
 * displayName}; a blank one is absent.
 *
 * <p>Immutable and thread-safe.
 */
public record SenderSettings(Optional<EmailAddress> fromAddress, Optional<String> displayName,
        Optional<EmailAddress> replyTo) {

    /** The longest display name, in characters. */
    public static final int MAX_DISPLAY_NAME = 100;

    private static final SenderSettings PLATFORM = new SenderSettings(Optional.empty(), Optional.empty(),
            Optional.empty());

    public SenderSettings {
        Validate.notNull("fromAddress", fromAddress);
        displayName = Text.optionalSingleLine("displayName", displayName, MAX_DISPLAY_NAME);
        Validate.notNull("replyTo", replyTo);
    }

    /** The default: the platform's address, the studio's name, replies to the platform's address. */
    public static SenderSettings platform() {
        return PLATFORM;
    }

    /** The studio's own {@code From} address (field {@code fromAddress}), under the studio's name. */
    public static SenderSettings ownAddress(String address) {
        return new SenderSettings(Optional.of(address("fromAddress", address)), Optional.empty(), Optional.empty());
    }

    /** These settings with replies going to {@code address} (field {@code replyTo}). */
    public SenderSettings withReplyTo(String address) {
        return new SenderSettings(fromAddress, displayName, Optional.of(address("replyTo", address)));
    }

    /** These settings with another display name than the studio's name (field {@code displayName}). */
    public SenderSettings withDisplayName(String name) {
        return new SenderSettings(fromAddress, Optional.of(Validate.notBlank("displayName", name)), replyTo);
    }

    private static EmailAddress address(String field, String value) {
        Validate.notNull(field, value);
        try {
            return EmailAddress.of(value);
        } catch (ValidationException e) {
            throw new ValidationException(field, e.rule(), "not a valid email address");
        }
    }
}
