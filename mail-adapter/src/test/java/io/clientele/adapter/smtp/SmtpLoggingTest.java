package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import io.clientele.mail.model.RenderedMail;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender's log lines hold counts, codes and exception types: never an address, subject, body or link. */
class SmtpLoggingTest {

    @Test
    void the_log_names_no_address_subject_body_or_link_whatever_goes_wrong() throws Exception {
        String log = captureErr(() -> {
            try (TestSmtpServer server = TestSmtpServer.start(
                    GreenMailConfiguration.aConfig().withUser("platform@platform.example", "apikey", "s3cret"))) {
                server.proxy.reply("RCPT TO:<bounce", "550 5.1.1 <bounce@clients.example>: no such user")
                        .replyOnce("MAIL FROM", "451 4.3.0 <bounces@platform.example> try later")
                        .cutAt("MAIL FROM", 5);
                List<RenderedMail> batch = List.of(
                        mail("first@clients.example"), mail("bounce@clients.example"), mail("second@clients.example"),
                        TestMails.aMail("refused@clients.example").subject("Secret plan\r\nBcc: x@y.example").build(),
                        mail("third@clients.example"), mail("fourth@clients.example"), mail("fifth@clients.example"));
                try (SmtpMailSender sender = SmtpMailSender.create(
                        server.config().credentials("apikey", "s3cret").build())) {
                    sender.send(batch);
                }
                try (SmtpMailSender wrong = SmtpMailSender.create(
                        server.config().credentials("apikey", "wrong").build())) {
                    wrong.send(List.of(mail("sixth@clients.example")));
                }
            }
        });

        List<String> ours = log.lines().filter(l -> l.contains("io.clientele.adapter.smtp")).toList();
        assertThat(ours).isNotEmpty()
                .anyMatch(l -> l.contains("550 5.1.1 at RCPT"))
                .anyMatch(l -> l.contains("authentication refused: 535 5.7.8"))
                .anyMatch(l -> l.contains("1 refused before sending"))
                .noneMatch(l -> l.contains("@"))
                .noneMatch(l -> l.contains("Secret plan"))
                .noneMatch(l -> l.contains("Your online account"))
                .noneMatch(l -> l.contains("t0k3n"))
                .noneMatch(l -> l.contains("Studio Zen"))
                .noneMatch(l -> l.contains("s3cret") || l.contains("wrong"));
    }

    private static RenderedMail mail(String to) {
        return TestMails.aMail(to).build();
    }

    private static String captureErr(ThrowingRunnable action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
