package io.clientele.mail.port;

import io.clientele.mail.model.MailModel;
import io.clientele.mail.model.RenderedMail;
import java.util.UUID;

/**
 * Renders a localized mail from a {@link MailModel}: greeting, the staff's message (escaped in
 * HTML), the personal link, signature, and for invitations the unsubscribe link and RFC 8058
 * headers. SPI; thread-safe.
 */
@FunctionalInterface
public interface MailComposer {

    /** Renders the mail for outbox message {@code id}. */
    RenderedMail compose(UUID id, MailModel model);
}
