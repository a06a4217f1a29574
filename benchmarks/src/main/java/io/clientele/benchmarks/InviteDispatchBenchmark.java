package io.clientele.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.adapter.smtp.SmtpMailSender;
import io.clientele.benchmarks.stack.CountingProxy;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.benchmarks.stack.SmtpStack;
import io.clientele.common.ClientId;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code invite-dispatch}: N invitation mails (default 20,000; {@code --clients}) dispatched
 * through the JPA outbox on PostgreSQL and the SMTP adapter to GreenMail by {@code dispatchAll()}:
 * claim a batch of 100, issue the links, compose with Mustache, send on one connection, mark sent,
 * with the next batch's database work done while one is sent. Timed per mail.
 *
 * <p><b>Paired rounds.</b> After the warm-up, 2N clients are loaded; ours sends N mails in {@value
 * #PAIRS} pairs of N/{@value #PAIRS}. Each pair times, back to back, ours (dispatching a slice of
 * the clients), the <b>limit</b> (a raw Angus loop sending as many equal messages, the subject,
 * text and HTML of one of ours, each to its own recipient, on one connection) and ours with its
 * batches one after the other ({@code dispatchDue()} in a loop, the code before the pipeline) over
 * the next slice; in this order or the reverse from one pair to the next, the limit always between.
 * Each dispatch round's invitations are enqueued by a campaign just before it (not timed). Then the
 * <b>hand-written</b> host ({@code Transport.send} per message, a connection each) over a tenth of
 * the pair's mails, at most {@value #HAND_WRITTEN_PER_PAIR} (its cost per mail does not depend on
 * how many). Every round starts on an emptied SMTP server ({@link SmtpStack#clear()}).
 *
 * <p>A pair's ratio compares rounds seconds apart, so a slow spell of a shared machine falls on
 * both sides of it or spoils one pair of the {@value #PAIRS}; each ratio reported is the median of
 * the pairs'. The ratios are throughputs: {@code ratio} = limit's µs per mail / ours (target >=
 * 0.8), {@code ratio_handwritten} = hand-written's / ours, {@code ratio_sequential} = limit's /
 * ours with batches one after the other. {@code us_per_mail} and {@code limit_us_per_mail} are
 * over all N mails; {@code ratio_min} and {@code ratio_max} the lowest and highest pair's {@code
 * ratio}. Ours and the baselines each reach GreenMail through a {@link CountingProxy} of their own;
 * {@code connections_per_100} is the SMTP connections of both our paths per 100 of their mails
 * (target <= 2). Prints {@code RESULT name=invite-dispatch mails=<N> us_per_mail=<..> ratio=<..>
 * ratio_handwritten=<..> connections_per_100=<..> limit_us_per_mail=<..> ratio_min=<..>
 * ratio_max=<..> ratio_sequential=<..>}. Stateless.
 */
final class InviteDispatchBenchmark implements Benchmark {

    static final String NAME = "invite-dispatch";
    static final int DEFAULT_MAILS = 20_000;
    /** How many pairs of rounds the mails are spread over. */
    static final int PAIRS = 10;
    /** The most mails: twice as many clients are loaded. */
    static final int MAX_MAILS = Integer.MAX_VALUE / 2;
    /** The hand-written host's mails in each pair: a tenth of the pair's, at most this many. */
    static final int HAND_WRITTEN_PER_PAIR = 200;
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
    public void check(Plan plan) {
        int mails = plan.clientsOr(DEFAULT_MAILS);
        if (mails < PAIRS || mails > MAX_MAILS) {
            throw new UsageException(NAME + " spreads its mails over " + PAIRS + " pairs of rounds and loads twice as "
                    + "many clients: --clients must be from " + PAIRS + " to " + MAX_MAILS + ", was " + mails);
        }
    }

    @Override
    public Result run(Plan plan, Progress progress) {
        check(plan);
        int mails = plan.clientsOr(DEFAULT_MAILS);
        PostgresStack stack = PostgresStack.shared();
        HikariDataSource pool = stack.pool(4);
        try (SmtpStack smtp = SmtpStack.start(); CountingProxy oursProxy = CountingProxy.to(smtp.port());
                CountingProxy baselineProxy = CountingProxy.to(smtp.port());
                SmtpMailSender sender = SmtpMailSender.create(SmtpStack.configFor(oursProxy.port()).build());
                JpaStudio studio = JpaStudio.on(pool, sender, MustacheMailComposer.withDefaults(), PgBench.CLOCK,
                        UnaryOperator.identity())) {
            Paths paths = new Paths(studio, smtp, Session.getInstance(smtpProperties(baselineProxy.port())));
            if (plan.warmup() > 0) {
                int warm = Math.min(plan.warmup(), mails);
                progress.note("warm-up pair at %d mails (every path once)", warm);
                load(pool, 2 * warm);
                paths.pair(0, warm, true);
            }
            load(pool, 2 * mails);
            oursProxy.reset();
            List<Pair> pairs = new ArrayList<>();
            for (int p = 0; p < PAIRS; p++) {
                int from = (int) ((long) mails * p / PAIRS);
                int to = (int) ((long) mails * (p + 1) / PAIRS);
                Pair pair = paths.pair(2 * from, to - from, p % 2 == 0);
                progress.note("pair %d of %d, %d mails: ours %.1f us per mail, limit %.1f, ratio %.2f; batches one after "
                        + "the other %.1f, ratio %.2f; hand-written %.1f over %d mails", p + 1, PAIRS, to - from,
                        pair.ours().microsPerItem(), pair.limit().microsPerItem(), pair.ratio(),
                        pair.sequential().microsPerItem(), pair.ratioSequential(), pair.hand().microsPerItem(),
                        pair.hand().items());
                pairs.add(pair);
            }
            int connections = oursProxy.connections();
            PgBench.exec(pool, "TRUNCATE client CASCADE");
            PgBench.clearInvitations(pool);
            double oursMicros = total(pairs, Pair::ours, mails);
            double limitMicros = total(pairs, Pair::limit, mails);
            double ratio = median(pairs, Pair::ratio);
            double ratioHand = median(pairs, Pair::ratioHand);
            double ratioSequential = median(pairs, Pair::ratioSequential);
            double perHundred = connections * 100.0 / (2.0 * mails);
            double lowest = pairs.stream().mapToDouble(Pair::ratio).min().orElseThrow();
            double highest = pairs.stream().mapToDouble(Pair::ratio).max().orElseThrow();
            progress.figures().ratio("invite-dispatch / limit", ratio);
            progress.figures().ratio("invite-dispatch / hand-written", ratioHand);
            progress.figures().ratio("invite-dispatch unpipelined / limit", ratioSequential);
            progress.note("over all pairs: ours %.1f us per mail, limit %.1f (their ratio %.2f), batches one after the "
                    + "other %.1f; %d SMTP connections for our %d mails", oursMicros, limitMicros, limitMicros / oursMicros,
                    total(pairs, Pair::sequential, mails), connections, 2 * mails);
            progress.note("ratio: median of %d pairs' %.2f (lowest pair %.2f, highest %.2f); batches one after the other "
                    + "(dispatchDue() in a loop): ratio %.2f; target ratio >= %.1f: %s; target <= %.0f connections per "
                    + "100 mails: %s", PAIRS, ratio, lowest, highest, ratioSequential, TARGET_RATIO,
                    ratio >= TARGET_RATIO ? "met" : "missed", TARGET_CONNECTIONS,
                    perHundred <= TARGET_CONNECTIONS ? "met" : "missed");
            return Result.named(NAME)
                    .with("mails", mails)
                    .withMicros("us_per_mail", oursMicros)
                    .withRatio("ratio", ratio)
                    .withRatio("ratio_handwritten", ratioHand)
                    .withRatio("connections_per_100", perHundred)
                    .withMicros("limit_us_per_mail", limitMicros)
                    .withRatio("ratio_min", lowest)
                    .withRatio("ratio_max", highest)
                    .withRatio("ratio_sequential", ratioSequential);
        } finally {
            pool.close();
        }
    }

    /**
     * One pair of rounds: ours and the limit over the same number of mails, back to back, ours with
     * its batches one after the other over as many more, and the hand-written host over a tenth of
     * them (at most {@value #HAND_WRITTEN_PER_PAIR}).
     */
    record Pair(Round ours, Round sequential, Round limit, Round hand) {

        /** Throughput of ours over the limit's. */
        double ratio() {
            return limit.microsPerItem() / ours.microsPerItem();
        }

        /** Throughput of ours with batches one after the other over the limit's. */
        double ratioSequential() {
            return limit.microsPerItem() / sequential.microsPerItem();
        }

        /** Throughput of ours over the hand-written host's. */
        double ratioHand() {
            return hand.microsPerItem() / ours.microsPerItem();
        }
    }

    /** The median of a ratio over the pairs. */
    private static double median(List<Pair> pairs, ToDoubleFunction<Pair> ratio) {
        return median(pairs.stream().mapToDouble(ratio).toArray());
    }

    /** µs per mail of one path over all pairs' {@code mails}. */
    private static double total(List<Pair> pairs, Function<Pair, Round> path, int mails) {
        return new Round(mails, pairs.stream().mapToLong(p -> path.apply(p).nanos()).sum()).microsPerItem();
    }

    /** The median of {@code values} (the mean of the middle two for an even count); at least one value. */
    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** A mail as GreenMail received it, for the baselines to send equal ones. */
    private record Sample(String from, String subject, String text, String html) {
    }

    /** The paths over one studio, SMTP server and baseline session; keeps the sample of our mails. */
    private static final class Paths {

        private final JpaStudio studio;
        private final SmtpStack smtp;
        private final Session session;
        private Sample sample;

        Paths(JpaStudio studio, SmtpStack smtp, Session session) {
            this.studio = studio;
            this.smtp = smtp;
            this.session = session;
        }

        /**
         * Times ours over clients {@code from} to {@code from + count - 1} ({@code dispatchAll()}), the
         * limit over as many, and ours with batches one after the other ({@code dispatchDue()} in a
         * loop) over the {@code count} clients after those, in this order or the reverse (the limit
         * always between); then the hand-written host. Each dispatch round's invitations are
         * enqueued by a campaign just before it (not timed).
         */
        Pair pair(int from, int count, boolean oursFirst) {
            if (sample == null && !oursFirst) {
                throw new IllegalStateException("the first pair sends ours first: the limit sends copies of our mail");
            }
            Supplier<DispatchReport> pipelined = () -> studio.clientele().mailDispatcher().dispatchAll();
            Supplier<DispatchReport> sequential = () -> studio.clientele().mailDispatcher().dispatchDue();
            Round ours;
            Round oneByOne;
            Round limit;
            if (oursFirst) {
                ours = timeOurs(from, count, pipelined);
                limit = timeLimit(from, count);
                oneByOne = timeOurs(from + count, count, sequential);
            } else {
                oneByOne = timeOurs(from + count, count, sequential);
                limit = timeLimit(from, count);
                ours = timeOurs(from, count, pipelined);
            }
            int handMails = Math.max(1, Math.min(count / 10, HAND_WRITTEN_PER_PAIR));
            smtp.clear();
            Round hand = handWritten(session, sample, from, handMails);
            received(smtp, handMails, "the hand-written host");
            smtp.clear();
            return new Pair(ours, oneByOne, limit, hand);
        }

        private Round timeOurs(int from, int count, Supplier<DispatchReport> dispatch) {
            enqueue(studio, from, count);
            smtp.clear();
            System.gc();
            Round round = ours(count, dispatch);
            sample = sample(smtp, count);
            return round;
        }

        private Round timeLimit(int from, int count) {
            smtp.clear();
            System.gc();
            Round round = limit(session, sample, from, count);
            received(smtp, count, "the limit");
            return round;
        }
    }

    private static void load(HikariDataSource pool, int mails) {
        PgBench.exec(pool, "TRUNCATE client CASCADE");
        PgBench.clearInvitations(pool);
        new BulkClients(PgBench.TENANT, PgBench.CREATED).load(pool, mails, 0, Optional.empty(), 1);
    }

    /**
     * Campaigns over clients {@code from} to {@code from + count - 1} (as many as an explicit
     * target may list each), so the outbox holds one pending invitation for each of them (not
     * timed).
     */
    private static void enqueue(JpaStudio studio, int from, int count) {
        BulkClients ids = new BulkClients(PgBench.TENANT, PgBench.CREATED);
        for (int start = from; start < from + count; start += CampaignTarget.Clients.MAX_CLIENTS) {
            int end = Math.min(from + count, start + CampaignTarget.Clients.MAX_CLIENTS);
            Set<ClientId> slice = IntStream.range(start, end)
                    .mapToObj(i -> new ClientId(ids.id(i)))
                    .collect(Collectors.toSet());
            Campaign campaign = studio.clientele().campaigns().create(PgBench.OWNER, PgBench.TENANT,
                    new CampaignTarget.Clients(slice));
            Campaign done = studio.clientele().campaigns().run(PgBench.OWNER, PgBench.TENANT, campaign.id(), c -> {
            });
            if (done.progress().enqueued() != end - start) {
                throw new BenchmarkFailure("a campaign enqueued " + done.progress().enqueued() + " of " + (end - start));
            }
        }
    }

    /**
     * Ours: the dispatcher's {@code dispatchAll()} (batches pipelined: the next batch's database work
     * while one is sent) or {@code dispatchDue()} (one batch), called until a call finds nothing due.
     */
    private static Round ours(int mails, Supplier<DispatchReport> dispatch) {
        Round.Timed<DispatchReport> run = Round.time(mails, () -> {
            DispatchReport total = DispatchReport.EMPTY;
            while (true) {
                DispatchReport call = dispatch.get();
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
    private static Round limit(Session session, Sample sample, int from, int mails) {
        try (Transport transport = session.getTransport("smtp")) {
            long start = System.nanoTime();
            transport.connect();
            for (int i = from; i < from + mails; i++) {
                MimeMessage message = message(session, sample, i);
                transport.sendMessage(message, new Address[] {new InternetAddress(BulkClients.email(i))});
            }
            return new Round(mails, System.nanoTime() - start);
        } catch (MessagingException e) {
            throw new IllegalStateException("the limit's loop failed", e);
        }
    }

    /** The hand-written host: {@code Transport.send} per message, which connects each time. */
    private static Round handWritten(Session session, Sample sample, int from, int mails) {
        try {
            long start = System.nanoTime();
            for (int i = from; i < from + mails; i++) {
                Transport.send(message(session, sample, i));
            }
            return new Round(mails, System.nanoTime() - start);
        } catch (MessagingException e) {
            throw new IllegalStateException("the hand-written loop failed", e);
        }
    }
}
