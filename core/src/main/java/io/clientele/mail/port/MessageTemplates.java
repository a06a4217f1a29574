package io.clientele.mail.port;

import io.clientele.common.TenantId;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MessageTemplate;

/**
 * A tenant's default subject, message and signature for each kind of mail and language, prefilled
 * for staff, used when a campaign keeps the default text, and read again when a mail is rendered
 * (for its signature). SPI; thread-safe. It is asked once per mail rendered and once per
 * invitation enqueued with the default text, so a slow source (a database table, the host's CMS)
 * should be cached by the host. {@code io.clientele.adapter.memory.InMemoryMessageTemplates} ships
 * English, French, German, Spanish, Italian and Dutch defaults.
 */
@FunctionalInterface
public interface MessageTemplates {

    /**
     * The template for the kind in {@code language} (a BCP 47 tag), falling back to the tenant's
     * default language when there is none in that language. SQL: one look-up by the primary key
     * (tenant, kind, language), then by the fallback language.
     */
    MessageTemplate template(TenantId tenant, MailKind kind, String language);
}
