package io.clientele.consent.model;

import io.clientele.common.TenantId;
import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A communication permission a tenant asks its clients for: a {@code key} (stable, e.g.
 * {@code newsletter}), a name, the wording shown to the client, the wording's version and the
 * channel. Changing the wording raises the version; each consent record keeps the version and the
 * wording's SHA-256 as proof of what the client agreed to. The built-in preference with key
 * {@value #INVITATIONS} covers account invitations (its opt-out is the unsubscribe link).
 *
 * <p>Immutable and thread-safe.
 */
public record MarketingPreference(PreferenceId id, TenantId tenantId, String key, String name, String wording, int version,
        Channel channel) {

    /** The key of the built-in invitations category. */
    public static final String INVITATIONS = "invitations";

    public MarketingPreference {
        Validate.notNull("id", id);
        Validate.notNull("tenantId", tenantId);
        key = Text.singleLine("key", Validate.notBlank("key", key), 64);
        if (!key.matches("[a-z0-9][a-z0-9_.-]*")) {
            throw new ValidationException("key", "format",
                    "lower-case letters, digits, '.', '_' or '-'");
        }
        name = Text.singleLine("name", Validate.notBlank("name", name), 120);
        wording = Text.multiLine("wording", Validate.notBlank("wording", wording), 5000);
        Validate.range("version", version, 1, Integer.MAX_VALUE);
        Validate.notNull("channel", channel);
    }

    /**
     * The tenant's built-in {@value #INVITATIONS} category at version 1: account invitations by
     * email, whose opt-out is the unsubscribe link of an invitation mail. The single place that
     * defines its name and wording, so every context creates the same category.
     */
    public static MarketingPreference invitations(PreferenceId id, TenantId tenant) {
        return new MarketingPreference(id, tenant, INVITATIONS, "Account invitations",
                "Emails inviting you to activate your online account with the studio.", 1, Channel.EMAIL);
    }

    /** The SHA-256 of the wording (UTF-8), lower-case hex. */
    public String wordingHash() {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(wording.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
