package io.clientele.mail.port;

import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import java.util.List;

/**
 * Sends a batch of mails over one connection and answers per message. SPI: the SMTP adapter
 * implements it, and a host may plug its mail provider's API. Implementations must be
 * thread-safe. Throwing means nothing in the batch is known to be sent: the dispatcher treats
 * every message as a transient failure and retries (at-least-once).
 */
@FunctionalInterface
public interface MailSender {

    /** Sends the batch; answers one result per mail, in any order. */
    List<SendResult> send(List<RenderedMail> batch);
}
