package com.example.studio;

import io.clientele.Clientele;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.adapter.smtp.SmtpConfig;
import io.clientele.adapter.smtp.SmtpMailSender;
import java.nio.file.Path;
import java.util.Map;

/**
 * Sends Clientele's mails through the platform's SMTP server, configured from the environment
 * (CLIENTELE_SMTP_HOST, CLIENTELE_SMTP_PORT, CLIENTELE_SMTP_USERNAME, ...), in the built-in
 * templates of six languages, overridden by the platform's own files when it has a folder of them.
 */
public final class RealMail implements AutoCloseable {

    private final SmtpMailSender sender;
    private final MustacheMailComposer composer;

    public RealMail(Map<String, String> environment) {
        sender = SmtpMailSender.create(SmtpConfig.fromEnvironment(environment));
        MustacheMailComposer.Builder templates = MustacheMailComposer.builder();
        String overrides = environment.get("STUDIO_MAIL_TEMPLATES");
        if (overrides != null) {
            templates.directory(Path.of(overrides));
        }
        composer = templates.build();
    }

    public Clientele.Builder installInto(Clientele.Builder builder) {
        return builder.mailSender(sender).mailComposer(composer);
    }

    /** When the host stops: the unsent mails of a batch in flight are retried later. */
    @Override
    public void close() {
        sender.close();
    }
}
