package io.clientele.mail.model;

import io.clientele.common.TenantId;
import io.clientele.common.Text;
import io.clientele.common.Validate;
import java.util.Optional;

/**
 * Whose mail it is: the tenant, the studio's name, its optional signature (which a composer
 * renders under the closing in place of the bare studio name), the {@link SenderIdentity} its
 * headers carry, and the studio's default language (BCP 47), which a composer falls back to when it
 * has no template in the mail's own language. One letterhead serves every mail of a tenant in one kind and language, so a batch
 * resolves it once per tenant, kind and language, not once per mail.
 *
 * <p>Checked like any text that reaches clients (see {@link Text}): the studio name is one line of
 * 1 to {@value #MAX_STUDIO_NAME} characters; the signature is multi-line without tabs, at most
 * {@value #MAX_SIGNATURE} characters, and a blank one is absent; the default language is a
 * well-formed BCP 47 tag with a language subtag (rule {@code format}). Fields {@code studioName},
 * {@code signature} and {@code defaultLanguage}. Immutable and thread-safe.
 */
public record Letterhead(TenantId tenantId, String studioName, Optional<String> signature, SenderIdentity sender,
        String defaultLanguage) {

    /** The longest studio name, as the tenant settings hold it. */
    public static final int MAX_STUDIO_NAME = 100;
    /** The longest signature, as a message template holds it. */
    public static final int MAX_SIGNATURE = 500;

    public Letterhead {
        Validate.notNull("tenantId", tenantId);
        studioName = Text.singleLine("studioName", Validate.notBlank("studioName", studioName), MAX_STUDIO_NAME);
        signature = Validate.notNull("signature", signature).filter(v -> !Text.isBlank(v))
                .map(v -> Text.multiLineWithoutTabs("signature", v, MAX_SIGNATURE));
        Validate.notNull("sender", sender);
        defaultLanguage = MailModel.languageTag("defaultLanguage", defaultLanguage);
    }

    /** The text a composer signs with: the signature, or else the studio's name. */
    public String signOff() {
        return signature.orElse(studioName);
    }
}
