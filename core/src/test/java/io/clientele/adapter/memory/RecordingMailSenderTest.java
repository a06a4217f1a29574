package io.clientele.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.TenantId;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import io.clientele.mail.model.SenderIdentity;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordingMailSenderTest {

    private final RecordingMailSender sender = new RecordingMailSender();

    @Test
    void every_mail_is_sent_unless_scripted_and_each_call_is_one_recorded_batch() {
        List<SendResult> results = sender.send(List.of(mail("a@example.com"), mail("b@example.com")));
        sender.send(List.of(mail("a@example.com")));

        assertThat(results).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(sender.calls()).isEqualTo(2);
        assertThat(sender.batches()).extracting(List::size).containsExactly(2, 1);
        assertThat(sender.mails()).hasSize(3);
        assertThat(sender.deliveredTo("A@example.com")).hasSize(2);
    }

    @Test
    void scripted_failures_apply_to_the_next_mails_in_the_order_scripted() {
        sender.failNextTransiently(1).failNextPermanently(1);
        RenderedMail first = mail("a@example.com");
        RenderedMail second = mail("b@example.com");
        RenderedMail third = mail("c@example.com");

        List<SendResult> results = sender.send(List.of(first, second, third));

        assertThat(results).containsExactly(
                new SendResult.TransientFailure(first.id(), "421 simulated: try again later"),
                new SendResult.PermanentFailure(second.id(), "550 simulated: mailbox unavailable"),
                new SendResult.Sent(third.id()));
        assertThat(sender.delivered()).containsExactly(third);
        assertThat(sender.mails()).containsExactly(first, second, third);
    }

    @Test
    void a_scripted_broken_batch_throws_is_recorded_and_delivers_nothing() {
        sender.throwOnNextBatches(1);

        assertThatThrownBy(() -> sender.send(List.of(mail("a@example.com"))))
                .isInstanceOf(RecordingMailSender.SimulatedSendFailure.class);
        assertThat(sender.send(List.of(mail("a@example.com")))).hasSize(1);
        assertThat(sender.calls()).isEqualTo(2);
        assertThat(sender.delivered()).hasSize(1);
    }

    @Test
    void reset_forgets_recordings_and_scripts() {
        sender.failNextPermanently(3).throwOnNextBatches(2);
        sender.reset();

        assertThat(sender.send(List.of(mail("a@example.com")))).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(sender.calls()).isEqualTo(1);
    }

    private static RenderedMail mail(String to) {
        return new RenderedMail(UUID.randomUUID(), TenantId.of("studio-a"),
                new SenderIdentity("Yoga Loft", "no-reply@studio.example"), to, "Subject", "text", "<p>html</p>",
                Map.of());
    }
}
