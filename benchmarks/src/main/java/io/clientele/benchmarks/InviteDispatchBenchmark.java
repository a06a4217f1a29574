package io.clientele.benchmarks;

import com.icegreen.greenmail.store.FolderException;
import com.zaxxer.hikari.HikariDataSource;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.adapter.smtp.SmtpMailSender;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.benchmarks.stack.SmtpStack;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.service.DispatchReport;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * {@code invite-dispatch}: N invitation mails (default 20,000; {@code --clients}) enqueued by a
 * campaign on PostgreSQL (not timed), then dispatched through the JPA outbox and the SMTP adapter to
 * GreenMail by {@code dispatchAll()} until none is due: claim a batch of 100, issue the links,
 * compose with Mustache, send on one connection, mark sent, with the next batch's database work
 * done while one is sent. Timed per mail. A {@link CountingProxy} in front of GreenMail
 * counts the SMTP connections of every path.
 *
 * <p>Two rounds of each path in turn (ours, limit, hand-written, twice), the faster of each
 * counting: the <b>limit</b>, a raw Angus loop sending N equal messages (the subject, text and HTML
 * of one of ours, each to its own recipient) on one connection; the <b>hand-written</b> host,
 * {@code Transport.send} per message (a connection each), over the first {@value #HAND_WRITTEN_CAP}
 * mails at most (its cost per mail does not depend on how many), compared per mail. The ratios are
 * throughputs: {@code ratio} = limit's µs per mail / ours (target >= 0.8), {@code
 * ratio_handwritten} = hand-written's / ours. {@code connections_per_100} = our SMTP connections per
 * 100 mails (target <= 2). Prints {@code RESULT name=invite-dispatch mails=<N> us_per_mail=<..>
 * ratio=<..> ratio_handwritten=<..> connections_per_100=<..>}. Stateless.
 */
final class InviteDispatchBenchmark implements Benchmark {

    static final String NAME = "invite-dispatch";
    static final int DEFAULT_MAILS = 20_000;
    static final int HAND_WRITTEN_CAP = 2_000;
    static final double TARGET_RATIO = 0.8;
    static final double TARGET_CONNECTIONS = 2.0;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "dispatch N invitation mails (default 20000) from the JPA outbox to GreenMail over the SMTP adapter";
    }

    @Override
    public String targets() {
        return "ratio (throughput vs a raw Angus loop on one connection) >= 0.8, <= 2 connections per 100 mails";
    }

    @Override
    public Result run(Plan plan, Progress progress) {
        int mails = plan.clientsOr(DEFAULT_MAILS);
        PostgresStack stack = PostgresStack.shared();
        HikariDataSource pool = stack.pool(4);
        try (SmtpStack smtp = SmtpStack.start(); CountingProxy proxy = CountingProxy.to(smtp.port());
                SmtpMailSender sender = SmtpMailSender.create(SmtpStack.configFor(proxy.port()).build());
                JpaStudio studio = JpaStudio.on(pool, sender, MustacheMailComposer.withDefaults(), PgBench.CLOCK,
                        UnaryOperator.identity())) {
            Session session = Session.getInstance(smtpProperties(proxy.port()));
            if (plan.warmup() > 0) {
                int warm = Math.min(plan.warmup(), mails);
                progress.note("warm-up round at %d mails (every path once)", warm);
                load(pool, warm);
                rounds(pool, studio, smtp, proxy, session, warm, 1, progress);
            }
            load(pool, mails);
            Best best = rounds(pool, studio, smtp, proxy, session, mails, 2, progress);
            PgBench.exec(pool, "TRUNCATE client CASCADE");
            PgBench.clearInvitations(pool);
            double ratio = best.limit().microsPerItem() / best.ours().microsPerItem();
            double ratioHand = best.hand().microsPerItem() / best.ours().microsPerItem();
            double perHundred = best.connections() * 100.0 / mails;
            progress.figures().ratio("invite-dispatch / limit", ratio);
            progress.figures().ratio("invite-dispatch / hand-written", ratioHand);
            progress.note("target ratio >= %.1f: %s; target <= %.0f connections per 100 mails: %s", TARGET_RATIO,
                    ratio >= TARGET_RATIO ? "met" : "missed", TARGET_CONNECTIONS,
                    perHundred <= TARGET_CONNECTIONS ? "met" : "missed");
            return Result.named(NAME)
                    .with("mails", mails)
                    .withMicros("us_per_mail", best.ours().microsPerItem())
                    .withRatio("ratio", ratio)
                    .withRatio("ratio_handwritten", ratioHand)
                    .withRatio("connections_per_100", perHundred);
        } finally {
            pool.close();
        }
    }

    /** The best round of each path, and the SMTP connections of our best round. */
    private record Best(Round ours, int connections, Round limit, Round hand) {
    }

    /** A mail as GreenMail received it, for the baselines to send equal ones. */
    private record Sample(String from, String subject, String text, String html) {
    }

    private static Best rounds(HikariDataSource pool, JpaStudio studio, SmtpStack smtp, CountingProxy proxy,
            Session session, int mails, int repetitions, Progress progress) {
        Round ours = null;
        int connections = 0;
        Round limit = null;
        Round hand = null;
        for (int rep = 0; rep < repetitions; rep++) {
            PgBench.clearInvitations(pool);
            enqueue(studio, mails);
            purge(smtp);
            System.gc();
            proxy.reset();
            Round o = ours(studio, mails);
            int c = proxy.connections();
            Sample sample = sample(smtp, mails);
            purge(smtp);
            System.gc();
            proxy.reset();
            Round l = limit(session, sample, mails);
            int limitConnections = proxy.connections();
            received(smtp, mails, "the limit");
            purge(smtp);
            System.gc();
            int handMails = Math.min(mails, HAND_WRITTEN_CAP);
            proxy.reset();
            Round h = handWritten(session, sample, handMails);
            int handConnections = proxy.connections();
            received(smtp, handMails, "the hand-written host");
            purge(smtp);
            progress.note("%d mails, round %d: ours %.1f us per mail (%d connections), limit %.1f (%d), "
                    + "hand-written %.1f (%d, over %d mails)", mails, rep + 1, o.microsPerItem(), c,
                    l.microsPerItem(), limitConnections, h.microsPerItem(), handConnections, handMails);
            if (ours == null || o.microsPerItem() < ours.microsPerItem()) {
                ours = o;
                connections = c;
            }
            limit = limit == null || l.microsPerItem() < limit.microsPerItem() ? l : limit;
            hand = hand == null || h.microsPerItem() < hand.microsPerItem() ? h : hand;
        }
        return new Best(ours, connections, limit, hand);
    }

    /** Empties GreenMail's mailboxes between rounds. */
    private static void purge(SmtpStack smtp) {
        try {
            smtp.server().purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("could not empty the SMTP server's mailboxes", e);
        }
    }

    private static void load(HikariDataSource pool, int mails) {
        PgBench.exec(pool, "TRUNCATE client CASCADE");
        PgBench.clearInvitations(pool);
        new BulkClients(PgBench.TENANT, PgBench.CREATED).load(pool, mails, 0, Optional.empty(), 1);
    }

    /** A campaign over every client, so the outbox holds one pending invitation per client (not timed). */
    private static void enqueue(JpaStudio studio, int mails) {
        Campaign campaign = studio.clientele().campaigns().create(PgBench.OWNER, PgBench.TENANT,
                new CampaignTarget.AllClients());
        Campaign done = studio.clientele().campaigns().run(PgBench.OWNER, PgBench.TENANT, campaign.id(), c -> {
        });
        if (done.progress().enqueued() != mails) {
            throw new BenchmarkFailure("the campaign enqueued " + done.progress().enqueued() + " of " + mails);
        }
    }

    /**
     * Ours: the dispatcher's {@code dispatchAll()} (batches pipelined: the next batch's database work
     * while one is sent), called until a call finds nothing due.
     */
    private static Round ours(JpaStudio studio, int mails) {
        Round.Timed<DispatchReport> run = Round.time(mails, () -> {
            DispatchReport total = DispatchReport.EMPTY;
            while (true) {
                DispatchReport call = studio.clientele().mailDispatcher().dispatchAll();
                if (call.claimed() == 0) {
                    return total;
                }
                total = total.plus(call);
            }
        });
        if (run.value().sent() != mails) {
            throw new BenchmarkFailure("dispatching " + mails + " mails ended with " + run.value());
        }
        return run.round();
    }

    private static Sample sample(SmtpStack smtp, int mails) {
        MimeMessage[] received = received(smtp, mails, "ours");
        try {
            MimeMessage first = received[0];
            Multipart parts = (Multipart) first.getContent();
            String text = null;
            String html = null;
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                } else if (part.isMimeType("text/html")) {
                    html = (String) part.getContent();
                }
            }
            if (text == null || html == null) {
                throw new BenchmarkFailure("an invitation arrived without its text and HTML parts");
            }
            return new Sample(((InternetAddress) first.getFrom()[0]).getAddress(), first.getSubject(), text, html);
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException("could not read a received invitation", e);
        }
    }

    private static MimeMessage[] received(SmtpStack smtp, int expected, String who) {
        MimeMessage[] received = smtp.server().getReceivedMessages();
        if (received.length != expected) {
            throw new BenchmarkFailure(who + " delivered " + received.length + " of " + expected + " mails");
        }
        return received;
    }

    private static Properties smtpProperties(int port) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "30000");
        return p;
    }

    /** An invitation equal to ours in subject, text and HTML, to recipient {@code i}. */
    private static MimeMessage message(Session session, Sample sample, int i) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(sample.from()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(BulkClients.email(i)));
        message.setSubject(sample.subject(), "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(sample.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(sample.html(), "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        return message;
    }

    /** The limit: one connection, N messages, one after the other. */
    private static Round limit(Session session, Sample sample, int mails) {
        try (Transport transport = session.getTransport("smtp")) {
            long start = System.nanoTime();
            transport.connect();
            for (int i = 0; i < mails; i++) {
                MimeMessage message = message(session, sample, i);
                transport.sendMessage(message, new Address[] {new InternetAddress(BulkClients.email(i))});
            }
            return new Round(mails, System.nanoTime() - start);
        } catch (MessagingException e) {
            throw new IllegalStateException("the limit's loop failed", e);
        }
    }

    /** The hand-written host: {@code Transport.send} per message, which connects each time. */
    private static Round handWritten(Session session, Sample sample, int mails) {
        try {
            long start = System.nanoTime();
            for (int i = 0; i < mails; i++) {
                Transport.send(message(session, sample, i));
            }
            return new Round(mails, System.nanoTime() - start);
        } catch (MessagingException e) {
            throw new IllegalStateException("the hand-written loop failed", e);
        }
    }
}
