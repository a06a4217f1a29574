package io.clientele.invitation.model;

import io.clientele.common.Validate;

/**
 * A tenant's default text for one kind of mail in one language: the subject and message staff
 * see prefilled, and the studio name used in the signature. Immutable and thread-safe.
 */
public record MessageTemplate(InvitationMessage text, String studioName) {
    public MessageTemplate {
        Validate.notNull("text", text);
        Validate.notBlank("studioName", studioName);
    }
}
