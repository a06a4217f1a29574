package io.clientele.adapter.memory;

import io.clientele.common.Validate;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import io.clientele.mail.port.MailSender;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link MailSender} for tests and demos: it sends nothing, records every batch it is handed
 * (one batch = one call = one connection) and every mail in it, and answers {@link
 * SendResult.Sent} unless scripted otherwise. Scripts: the next <i>n</i> mails answer a transient
 * or a permanent failure ({@link #failNextTransiently}, {@link #failNextPermanently}, in the order
 * they were scripted), and the next batches throw ({@link #throwOnNextBatches}) as a broken
 * connection would. Mails answered {@code Sent} are also listed by {@link #delivered()}.
 *
 * <p>Records bodies with their raw tokens in memory only; never use it in production. Thread-safe.
 */
public final class RecordingMailSender implements MailSender {

    /** The exception a scripted broken batch throws. */
    public static final class SimulatedSendFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedSendFailure() {
            super("simulated mail sender failure");
        }
    }

    private enum Scripted { TRANSIENT, PERMANENT }

    private final List<List<RenderedMail>> batches = new ArrayList<>();
    private final List<RenderedMail> delivered = new ArrayList<>();
    private final Deque<Scripted> script = new ArrayDeque<>();
    private int batchesToThrow;

    @Override
    public synchronized List<SendResult> send(List<RenderedMail> batch) {
        List<RenderedMail> copy = List.copyOf(batch);
        batches.add(copy);
        if (batchesToThrow > 0) {
            batchesToThrow--;
            throw new SimulatedSendFailure();
        }
        List<SendResult> results = new ArrayList<>(copy.size());
        for (RenderedMail mail : copy) {
            Scripted next = script.poll();
            if (next == Scripted.TRANSIENT) {
                results.add(new SendResult.TransientFailure(mail.id(), "421 simulated: try again later"));
            } else if (next == Scripted.PERMANENT) {
                results.add(new SendResult.PermanentFailure(mail.id(), "550 simulated: mailbox unavailable"));
            } else {
                delivered.add(mail);
                results.add(new SendResult.Sent(mail.id()));
            }
        }
        return results;
    }

    /** The next {@code count} mails, after those already scripted, answer a transient failure; returns this. */
    public synchronized RecordingMailSender failNextTransiently(int count) {
        Validate.range("count", count, 0, Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            script.add(Scripted.TRANSIENT);
        }
        return this;
    }

    /** The next {@code count} mails, after those already scripted, answer a permanent failure; returns this. */
    public synchronized RecordingMailSender failNextPermanently(int count) {
        Validate.range("count", count, 0, Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            script.add(Scripted.PERMANENT);
        }
        return this;
    }

    /** The next {@code count} calls throw {@link SimulatedSendFailure}; returns this. */
    public synchronized RecordingMailSender throwOnNextBatches(int count) {
        batchesToThrow += Validate.range("count", count, 0, Integer.MAX_VALUE);
        return this;
    }

    /** Every batch handed over, thrown ones included, oldest first: one per call. */
    public synchronized List<List<RenderedMail>> batches() {
        return List.copyOf(batches);
    }

    /** How many times {@link #send} was called (connections opened). */
    public synchronized int calls() {
        return batches.size();
    }

    /** Every mail handed over, failed ones included, in the order received. */
    public synchronized List<RenderedMail> mails() {
        return batches.stream().flatMap(List::stream).toList();
    }

    /** The mails answered {@code Sent}, in the order received. */
    public synchronized List<RenderedMail> delivered() {
        return List.copyOf(delivered);
    }

    /** The mails answered {@code Sent} to this address. */
    public synchronized List<RenderedMail> deliveredTo(String address) {
        return delivered.stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    /** Forgets what was recorded and scripted. */
    public synchronized void reset() {
        batches.clear();
        delivered.clear();
        script.clear();
        batchesToThrow = 0;
    }
}
