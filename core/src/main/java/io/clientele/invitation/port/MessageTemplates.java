package io.clientele.invitation.port;

import io.clientele.common.TenantId;
import io.clientele.invitation.model.MessageTemplate;
import io.clientele.mail.model.MailKind;

/**
 * A tenant's default subject and message for each kind of mail and language, prefilled for staff
 * and used when a campaign keeps the default text. SPI; thread-safe. {@code
 * io.clientele.adapter.memory.InMemoryMessageTemplates} ships English, French, German, Spanish,
 * Italian and Dutch defaults.
 */
@FunctionalInterface
public interface MessageTemplates {

    /**
     * The template for the kind in {@code language} (a BCP 47 tag), falling back to the tenant's
     * default language when there is none in that language.
     */
    MessageTemplate template(TenantId tenant, MailKind kind, String language);
}
