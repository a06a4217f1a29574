/**
 * The mail adapter: an SMTP {@link io.clientele.mail.port.MailSender} on Jakarta Mail (Eclipse
 * Angus) and a {@link io.clientele.mail.port.MailComposer} rendering localized JMustache templates.
 * It implements the mail context's ports and knows nothing of invitations.
 */
package io.clientele.adapter.smtp;
