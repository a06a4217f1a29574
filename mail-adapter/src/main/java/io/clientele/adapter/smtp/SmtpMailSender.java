package io.clientele.adapter.smtp;

import io.clientele.common.ValidationException;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import io.clientele.mail.port.MailSender;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MailSender} that delivers over SMTP with Jakarta Mail (Eclipse Angus), configured by an
 * {@link SmtpConfig}.
 *
 * <p><b>Checks first.</b> Before anything is sent, every mail of the batch is checked ({@link
 * #checkHeaders}): recipient, subject, {@code From} display name and address, {@code Reply-To}, and
 * every extra header's name and value. A mail that breaks a rule is answered {@link
 * SendResult.PermanentFailure} with a reason naming the field and the rule ({@code "refused before
 * sending: subject line_break"}) and never reaches the server; the others are sent. A batch whose
 * every mail is refused opens no connection.
 *
 * <p><b>Messages.</b> Each mail goes out {@code multipart/alternative}, a {@code text/plain} then a
 * {@code text/html} part, both UTF-8; the subject and the {@code From} display name RFC
 * 2047-encoded when they are not ASCII; {@code From}, {@code Reply-To} and {@code To} with their
 * domains in ASCII ({@code xn--}) form; {@code Date} from the clock the sender was made with, in
 * its zone; a {@code Message-ID} of 128 random bits on the ASCII domain of the {@code From}
 * address; the mail's extra headers ({@code List-Unsubscribe}, {@code List-Unsubscribe-Post});
 * and the platform address ({@link SmtpConfig#platformAddress()}) as envelope sender ({@code MAIL
 * FROM}, so bounces go to the platform). A studio address on a domain the platform may not send
 * for ({@link SmtpConfig#senderDomains()}) is replaced in {@code From} by the platform address
 * under the studio's display name, with {@code Reply-To} the studio's reply-to address or else its
 * own. The client greets with {@code EHLO} and the platform address's domain.
 *
 * <p><b>Connections.</b> A batch goes out on one connection, one message after the other, each to
 * its one recipient, and the sender keeps that connection open for the next call, so that
 * consecutive calls (a dispatcher's batches) pay for a greeting once per {@link
 * SmtpConfig#maxMessagesPerConnection()} messages rather than once per call. A call takes the idle
 * connection used last, or opens one when none is idle, holds it alone until it returns, then puts
 * it back; concurrent calls therefore never share a connection (each opens its own when the idle
 * ones are taken), and at most {@value #MAX_IDLE_CONNECTIONS} idle connections are kept (beyond
 * that, the one idle longest is closed). A connection carries at most {@link
 * SmtpConfig#maxMessagesPerConnection()} messages, counted across calls; then the sender closes it
 * and opens a fresh one. A call that ends on a connection that has carried its share (with the
 * default settings, every full batch of the dispatcher: 100 mails) closes it and has its
 * replacement opened in the background, on the sender's one daemon thread ({@code
 * clientele-smtp-spare}, started when needed, ended after a minute without work), so that the next
 * call finds it open rather than wait for a greeting, TLS and login; a spare that cannot be opened
 * is forgotten (logged at debug level), and the next call connects itself. A connection unused for
 * longer than {@link SmtpConfig#idleTimeout()} (by the clock the sender was made with) is closed
 * rather than used again, and a batch closes its connection before a rate-limit wait longer than
 * that (servers drop idle clients; with an idle timeout of 0, longer than 30 s); an idle timeout
 * of 0 keeps no connection beyond its call (and opens no spare). When a {@code NOOP} finds an
 * idle connection dropped, the other idle ones, put back earlier, are closed unchecked. Before an idle connection carries a message, a {@code NOOP} checks that the
 * server still holds it: one the server has closed meanwhile (it restarted, or timed the connection
 * out) is dropped and replaced by a fresh connection, without costing a mail or the batch's one
 * reconnect (below). Expired idle connections are closed by the next call, and all idle ones by
 * {@link #close()}. The sender is thread-safe and its rate limit holds across all calls ({@link
 * SmtpConfig#maxMessagesPerSecond()}, a token bucket with {@link SmtpConfig#burst()} tokens, per
 * instance).
 *
 * <p><b>Answers, per message.</b> Accepted: {@link SendResult.Sent}. A 5xx reply at {@code RCPT}
 * or {@code DATA}: {@link SendResult.PermanentFailure}. A 4xx reply, and a 5xx reply at {@code
 * MAIL} (the server refuses the platform's sender, which says nothing against the recipient, so no
 * address may be flagged; logged as an error, reason {@code "sender refused: 550 5.7.1 at MAIL"}):
 * {@link SendResult.TransientFailure}. Either way the other mails of the batch still go, on the same
 * connection when the server left it usable (a {@code NOOP} checks it after a refusal). A reason
 * holds the reply code, the enhanced status code and the command ({@code "550 5.1.1 at RCPT"}),
 * never an address. {@code send} never throws for the trouble of a message or a connection.
 *
 * <p><b>Connection trouble.</b> A connection lost mid-batch (an I/O error, an end of stream, a
 * {@code 421} reply) answers the message in flight {@link SendResult.TransientFailure} (it may
 * have been delivered: delivery is at least once) and the sender reconnects <em>once</em> for the
 * rest of the batch; if that connection is lost too, the message in flight and every unsent one
 * are transient failures. A connection that cannot be opened at all (server down, timeout, TLS
 * handshake or STARTTLS trouble, refused greeting, refused credentials) answers the unsent
 * messages transient failures at once, without retrying within the batch: the dispatcher's backoff
 * retries them. Refused credentials are deliberately transient rather than permanent: the mails
 * and their recipients are not at fault, and a permanent failure would flag every address of the
 * batch as undeliverable; the failure is logged as an error so that operators fix the
 * configuration.
 *
 * <p><b>Security.</b> With {@link SmtpConfig.Security#STARTTLS_REQUIRED} (the default) a server
 * that does not offer STARTTLS gets nothing but {@code EHLO}: no credentials and no mail. TLS
 * connections check the server's identity. Angus 2.0.5 or later is required (earlier versions
 * allow SMTP command injection, CVE-2025-7962); the header checks here are a second line.
 *
 * <p>Logs (SLF4J, logger {@code io.clientele.adapter.smtp.SmtpMailSender}) counts, reply codes
 * and exception types only: never an address, a subject, a body or a link. {@link #close()} stops
 * the sender, its spare thread and its idle connections: batches in flight answer their unsent
 * messages transient failures and close their connections, and later calls answer every message so
 * without connecting.
 */
public final class SmtpMailSender implements MailSender, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailSender.class);

    /**
     * The most idle connections a sender keeps: enough for a few dispatching threads to find one
     * each, few enough that a burst of concurrent calls does not leave the server holding many.
     */
    static final int MAX_IDLE_CONNECTIONS = 4;

    private final SmtpConfig config;
    private final Clock clock;
    private final Session session;
    private final String protocol;
    private final MailMessages messages;
    private final TokenBucket bucket;
    private final long rateWaitLimitNanos;
    /** When the last call ended (the sender's clock), or null before the first; guarded by {@link #idle}. */
    private Instant lastCallEnd;
    /**
     * Whether the call under way came within the idle timeout of the one before: only then is a
     * spare worth opening, since a sender called seldom would let it expire unused.
     */
    private volatile boolean callsComeOften;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Open connections no call holds, the one put back last at the end; guarded by itself. */
    private final Deque<Idle> idle = new ArrayDeque<>();
    /** Runs the opening of spare connections; the sender's own thread unless a test gives one. */
    private final Executor spareOpener;
    /** True while a spare connection is being opened: one at a time is enough. */
    private final AtomicBoolean openingSpare = new AtomicBoolean();
    /** The thread that opens spare connections, once started; guarded by {@link #idle}. */
    private ExecutorService spareThread;

    SmtpMailSender(SmtpConfig config, Clock clock, TokenBucket bucket) {
        this(config, clock, bucket, null);
    }

    /** A sender whose spare connections {@code spareOpener} opens; null for the sender's own thread. */
    SmtpMailSender(SmtpConfig config, Clock clock, TokenBucket bucket, Executor spareOpener) {
        this.spareOpener = spareOpener != null ? spareOpener : this::onSpareThread;
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        // within a call, a rate-limit wait keeps the connection as long as an idle one may stay; with
        // no connection kept between calls (0), still as long as the default, not one per mail
        this.rateWaitLimitNanos = (config.idleTimeout().isZero() ? SmtpConfig.DEFAULT_IDLE_TIMEOUT
                : config.idleTimeout()).toNanos();
        this.protocol = config.security() == SmtpConfig.Security.IMPLICIT_TLS ? "smtps" : "smtp";
        this.session = Session.getInstance(sessionProperties(config, protocol));
        this.messages = new MailMessages(session, config, clock);
    }

    /**
     * A sender for {@code config}, dating its mails by the system clock in UTC, with the rate
     * limit of {@code config}.
     */
    public static SmtpMailSender create(SmtpConfig config) {
        return create(config, Clock.systemUTC());
    }

    /**
     * A sender for {@code config} that dates its mails by {@code clock} (the {@code Date} header is
     * written in the clock's zone) and times its idle connections by it, with the rate limit of
     * {@code config}.
     */
    public static SmtpMailSender create(SmtpConfig config, Clock clock) {
        return new SmtpMailSender(config, clock, TokenBucket.of(Objects.requireNonNull(config, "config")));
    }

    /** The configuration this sender was made with. */
    public SmtpConfig config() {
        return config;
    }

    /**
     * Checks that every value {@code mail} puts in a header is safe to put there, as {@link #send}
     * does before anything is sent: {@code to} (field {@code to}), {@code subject}, the sender's
     * display name ({@code sender.displayName}), address ({@code sender.address}) and reply-to
     * address ({@code sender.replyTo}), and each extra header's name ({@code headers}) and value
     * ({@code headers.<name>}). A value holding CR, LF, VT, FF, NEL (U+0085), LINE SEPARATOR
     * (U+2028) or PARAGRAPH SEPARATOR (U+2029) is refused with rule {@code line_break}; any other
     * control character (the tab, DEL and C1 included) or a lone surrogate with rule {@code
     * forbidden_character}. The subject and the display name must not hold an RFC 2047 encoded word
     * ({@code =?UTF-8?Q?...?=}: a mail client would decode it into text these checks never saw;
     * rule {@code encoded_word}). An address must be one mailbox: one {@code @} between a local
     * part and a valid domain, without white space or any of {@code " ( ) , : ; < > [ \ ]} (rule
     * {@code format}), with an ASCII local part (rule {@code ascii_local_part}: this sender does not use
     * SMTPUTF8). A header name must be printable ASCII without a colon, at most 76 characters (rule
     * {@code field_name}), and not one the sender writes itself ({@code From}, {@code To}, {@code
     * Subject}, {@code Date}, {@code Message-ID}, {@code Content-Type}, ...; rule {@code
     * reserved}). The exception's detail never repeats the value. Stateless and thread-safe.
     *
     * @throws ValidationException naming the first field and rule broken
     */
    public static void checkHeaders(RenderedMail mail) {
        Objects.requireNonNull(mail, "mail");
        MailMessages.check(mail);
    }

    /**
     * Checks one header value as {@link #checkHeaders} does (rules {@code line_break} and {@code
     * forbidden_character}), naming {@code field} in a refusal. Stateless and thread-safe.
     *
     * @throws ValidationException naming {@code field} and the rule broken
     */
    public static void checkHeaderValue(String field, String value) {
        HeaderText.check(Objects.requireNonNull(field, "field"), value);
    }

    /**
     * Sends the batch as the class documentation describes and answers one result per mail, in
     * the batch's order. Never throws for a message's or a connection's trouble (an unexpected
     * error of the mail library answers the mails it left unanswered transient failures); a {@code
     * null} batch or mail is a programming error ({@link NullPointerException}).
     */
    @Override
    public List<SendResult> send(List<RenderedMail> batch) {
        Objects.requireNonNull(batch, "batch");
        SendResult[] answers = new SendResult[batch.size()];
        List<MailMessages.Prepared> ready = new ArrayList<>(batch.size());
        int[] positions = new int[batch.size()];
        int refused = 0;
        for (int i = 0; i < batch.size(); i++) {
            RenderedMail mail = Objects.requireNonNull(batch.get(i), "mail");
            try {
                ready.add(messages.prepare(mail));
                positions[ready.size() - 1] = i;
            } catch (ValidationException e) {
                answers[i] = new SendResult.PermanentFailure(mail.id(),
                        "refused before sending: " + e.field() + " " + e.rule());
                refused++;
            }
        }
        Run run = null;
        Instant start = clock.instant();
        synchronized (idle) {
            callsComeOften = lastCallEnd != null && !expired(lastCallEnd, start);
        }
        if (!ready.isEmpty()) {
            run = new Run(ready, positions, answers);
            try {
                run.send();
            } catch (RuntimeException e) {
                // whatever was answered stands; the rest was not sent as far as anyone knows
                LOG.warn("smtp: batch aborted by an unexpected {}", e.getClass().getName());
                run.failUnanswered("send failed (" + e.getClass().getSimpleName() + ")");
            }
        }
        synchronized (idle) {
            lastCallEnd = clock.instant();
        }
        List<SendResult> results = List.of(answers);
        log(batch.size(), refused, run, results);
        return results;
    }

    /**
     * Stops the sender and closes its idle connections ({@code QUIT}): a batch in flight answers
     * its unsent messages transient failures after the message it is sending and closes its
     * connection, and later calls answer every message so without connecting. Idempotent.
     */
    @Override
    public void close() {
        closed.set(true);
        List<Idle> open;
        synchronized (idle) {
            open = List.copyOf(idle);
            idle.clear();
            if (spareThread != null) {
                // a spare being opened now finds the sender closed and closes it again
                spareThread.shutdown();
            }
        }
        open.forEach(i -> closeQuietly(i.transport()));
    }

    /** Runs {@code task} on the sender's spare thread, started on first use. */
    private void onSpareThread(Runnable task) {
        ExecutorService thread;
        synchronized (idle) {
            if (spareThread == null) {
                // the thread ends after a minute without work, so a sender never closed keeps none
                ThreadPoolExecutor single = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES,
                        new LinkedBlockingQueue<>(), r -> {
                            Thread t = new Thread(r, "clientele-smtp-spare");
                            t.setDaemon(true);
                            return t;
                        });
                single.allowCoreThreadTimeOut(true);
                spareThread = single;
            }
            thread = spareThread;
        }
        thread.execute(task);
    }

    /**
     * Has a fresh connection opened in the background and put among the idle ones, in place of one
     * just closed for its message count; does nothing while another spare is being opened, nor when
     * this call did not come within the idle timeout of the one before (no sign that another follows).
     */
    private void openSpare() {
        if (closed.get() || config.idleTimeout().isZero() || !callsComeOften
                || !openingSpare.compareAndSet(false, true)) {
            return;
        }
        try {
            spareOpener.execute(() -> {
                try {
                    if (!closed.get()) {
                        SMTPTransport spare = (SMTPTransport) session.getTransport(protocol);
                        try {
                            login(spare);
                        } catch (MessagingException | RuntimeException e) {
                            closeQuietly(spare);
                            throw e;
                        }
                        putBack(spare, 0);
                    }
                } catch (MessagingException | RuntimeException e) {
                    // the next call connects itself, and reports the trouble for its mails
                    LOG.debug("smtp: a spare connection could not be opened ({})", e.getClass().getSimpleName());
                } finally {
                    openingSpare.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed meanwhile
            openingSpare.set(false);
        }
    }

    /** Connects {@code transport} to the server: greeting, STARTTLS as configured, login. */
    private void login(SMTPTransport transport) throws MessagingException {
        transport.connect(config.host(), config.port(), config.username().orElse(null),
                config.password().orElse(null));
    }

    /** An open connection no call holds: how many messages it has carried, and since when it is idle. */
    private record Idle(SMTPTransport transport, int carried, Instant since) {
    }

    /** True when a connection idle since {@code since} has been so longer than the idle timeout. */
    private boolean expired(Instant since, Instant now) {
        return Duration.between(since, now).compareTo(config.idleTimeout()) > 0;
    }

    /**
     * The idle connection put back last, taken out of the idle set; null when none is idle. Idle
     * connections found expired are closed (all of them: the ones put back earlier expired first).
     */
    private Idle takeIdle() {
        Instant now = clock.instant();
        List<Idle> stale = new ArrayList<>();
        Idle taken = null;
        synchronized (idle) {
            while (taken == null && !idle.isEmpty()) {
                Idle last = idle.pollLast();
                if (expired(last.since(), now)) {
                    stale.add(last);
                    stale.addAll(idle);
                    idle.clear();
                } else {
                    taken = last;
                }
            }
        }
        // QUIT outside the lock: a slow server must not hold up the other calls
        stale.forEach(i -> closeQuietly(i.transport()));
        return taken;
    }

    /** Closes every idle connection (outside the lock); answers how many there were. */
    private int dropIdle() {
        List<Idle> dropped;
        synchronized (idle) {
            dropped = List.copyOf(idle);
            idle.clear();
        }
        dropped.forEach(i -> closeQuietly(i.transport()));
        return dropped.size();
    }

    /**
     * Keeps a connection a call is done with for the next call, or closes it: when it has carried
     * its share of messages, when connections are not kept, or when the sender is closed. The
     * idle set keeps its bound by closing the connection idle longest, and drops expired ones.
     */
    private void putBack(SMTPTransport transport, int carried) {
        if (carried >= config.maxMessagesPerConnection() || config.idleTimeout().isZero()) {
            if (carried >= config.maxMessagesPerConnection()) {
                // first, so that the spare's greeting overlaps this one's QUIT
                openSpare();
            }
            closeQuietly(transport);
            return;
        }
        Instant now = clock.instant();
        List<SMTPTransport> toClose = new ArrayList<>();
        synchronized (idle) {
            // checked under the lock close() empties the set with: a connection put back after close()
            // (a call in flight, or a spare whose login ends later) is closed here, never kept
            if (closed.get()) {
                toClose.add(transport);
            } else {
                while (!idle.isEmpty() && (idle.size() >= MAX_IDLE_CONNECTIONS
                        || expired(idle.peekFirst().since(), now))) {
                    toClose.add(idle.pollFirst().transport());
                }
                idle.addLast(new Idle(transport, carried, now));
            }
        }
        toClose.forEach(SmtpMailSender::closeQuietly);
    }

    /**
     * One batch on its way: the mails that passed the checks, where each one's answer goes in the
     * batch's order, the connection, and how many messages that connection carried.
     */
    private final class Run {
        private final List<MailMessages.Prepared> ready;
        private final int[] positions;
        private final SendResult[] answers;
        private SMTPTransport transport;
        private int onConnection;
        private boolean reconnected;
        /** Connections this batch opened. */
        int connections;
        /** Idle connections this batch used again, and ones it found closed by the server. */
        int reused;
        int stale;

        Run(List<MailMessages.Prepared> ready, int[] positions, SendResult[] answers) {
            this.ready = ready;
            this.positions = positions;
            this.answers = answers;
        }

        private void answer(int i, SendResult result) {
            answers[positions[i]] = result;
        }

        void send() {
            boolean done = false;
            try {
                int i = 0;
                // sendOne answers mail i, and false when it has answered the rest of the batch too
                while (i < ready.size() && sendOne(i)) {
                    i++;
                }
                done = true;
            } finally {
                if (done && transport != null) {
                    putBack(transport, onConnection);
                    transport = null;
                } else {
                    // an unexpected error leaves the connection's state unknown: it is not used again
                    disconnect();
                }
            }
        }

        /** Sends mail {@code i}; false when the rest of the batch was answered without sending. */
        private boolean sendOne(int i) {
            MailMessages.Prepared mail = ready.get(i);
            if (closed.get()) {
                failFrom(i, "sender closed");
                return false;
            }
            SMTPMessage message;
            try {
                message = messages.build(mail);
            } catch (MessagingException | RuntimeException e) {
                answer(i, new SendResult.PermanentFailure(mail.mail().id(),
                        "message could not be built (" + e.getClass().getSimpleName() + ")"));
                return true;
            }
            if (!awaitToken()) {
                failFrom(i, "interrupted");
                return false;
            }
            if (transport != null && onConnection >= config.maxMessagesPerConnection()) {
                disconnect();
            }
            if (transport == null && !connect(i)) {
                return false;
            }
            onConnection++;
            try {
                transport.sendMessage(message, new Address[] {mail.to()});
                answer(i, new SendResult.Sent(mail.mail().id()));
                return true;
            } catch (MessagingException e) {
                SmtpFailure failure = SmtpFailure.ofSend(e);
                answer(i, failure.result(mail.mail().id()));
                if (failure.operatorNeeded()) {
                    LOG.error("smtp: {}; the mail will be retried", failure.reason());
                } else {
                    LOG.debug("smtp: message answered {}", failure.reason());
                }
                return failure.connectionLost() || !transport.isConnected() ? connectionLost(i) : true;
            } catch (RuntimeException e) {
                // the transport's state is unknown: treat it as lost, the message as not sent
                answer(i, new SendResult.TransientFailure(mail.mail().id(),
                        "send failed (" + e.getClass().getSimpleName() + ")"));
                return connectionLost(i);
            }
        }

        /**
         * Waits for the rate limit; closes the connection first if the wait is longer than the idle
         * timeout (or, when the idle timeout is 0, than its default of 30 s).
         */
        private boolean awaitToken() {
            long wait = bucket.reserve();
            if (wait > rateWaitLimitNanos) {
                disconnect();
            }
            try {
                bucket.await(wait);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /**
         * Takes an idle connection the server still holds (a {@code NOOP} answered 250), or else
         * opens one; answers the rest of the batch transient failures when none can be opened.
         */
        private boolean connect(int i) {
            for (Idle found = takeIdle(); found != null; found = takeIdle()) {
                // isConnected() sends NOOP and closes the connection unless the server answers 250
                if (found.transport().isConnected()) {
                    transport = found.transport();
                    onConnection = found.carried();
                    reused++;
                    return true;
                }
                stale++;
                closeQuietly(found.transport());
                // the others were put back earlier: when the last one is gone (a restart, a NAT that
                // dropped the flow), they most likely are too, and each NOOP could wait a read timeout
                dropIdle();
            }
            return open(i);
        }

        private boolean open(int i) {
            SMTPTransport t;
            try {
                t = (SMTPTransport) session.getTransport(protocol);
            } catch (MessagingException e) {
                failFrom(i, "no SMTP transport (" + e.getClass().getSimpleName() + ")");
                return false;
            }
            try {
                login(t);
            } catch (RuntimeException e) {
                LOG.warn("smtp: cannot connect ({}); {} mails will be retried", e.getClass().getSimpleName(),
                        ready.size() - i);
                failFrom(i, "cannot connect (" + e.getClass().getSimpleName() + ")");
                closeQuietly(t);
                return false;
            } catch (MessagingException e) {
                SmtpFailure failure = SmtpFailure.ofConnect(e, t.getLastServerResponse());
                if (failure.operatorNeeded()) {
                    LOG.error("smtp: {}; {} mails will be retried", failure.reason(), ready.size() - i);
                } else {
                    LOG.warn("smtp: {}; {} mails will be retried", failure.reason(), ready.size() - i);
                }
                failFrom(i, failure.reason());
                closeQuietly(t);
                return false;
            }
            transport = t;
            onConnection = 0;
            connections++;
            return true;
        }

        /** After a lost connection: reconnect once per batch, or answer the rest transient. */
        private boolean connectionLost(int i) {
            disconnect();
            if (reconnected) {
                failFrom(i + 1, "connection lost twice in the batch");
                return false;
            }
            reconnected = true;
            return true;
        }

        /** Answers every mail not answered yet a transient failure for {@code reason}. */
        void failUnanswered(String reason) {
            for (int j = 0; j < ready.size(); j++) {
                if (answers[positions[j]] == null) {
                    answer(j, new SendResult.TransientFailure(ready.get(j).mail().id(), reason));
                }
            }
        }

        private void failFrom(int from, String reason) {
            for (int j = from; j < ready.size(); j++) {
                answer(j, new SendResult.TransientFailure(ready.get(j).mail().id(), reason));
            }
        }

        private void disconnect() {
            if (transport != null) {
                closeQuietly(transport);
                transport = null;
            }
        }
    }

    private static void closeQuietly(SMTPTransport t) {
        try {
            t.close();
        } catch (MessagingException | RuntimeException e) {
            // the connection is being given up either way
            LOG.debug("smtp: closing a connection failed ({})", e.getClass().getSimpleName());
        }
    }

    private static void log(int mails, int refused, Run run, List<SendResult> results) {
        int sent = 0;
        int permanent = 0;
        int transientFailures = 0;
        for (SendResult r : results) {
            if (r instanceof SendResult.Sent) {
                sent++;
            } else if (r instanceof SendResult.PermanentFailure) {
                permanent++;
            } else {
                transientFailures++;
            }
        }
        int opened = run == null ? 0 : run.connections;
        int reused = run == null ? 0 : run.reused;
        int stale = run == null ? 0 : run.stale;
        if (sent == mails) {
            LOG.debug("smtp: batch of {} mails sent; {} connection(s) opened, {} reused, {} found closed by the"
                    + " server", mails, opened, reused, stale);
        } else {
            LOG.info("smtp: batch of {} mails: {} sent, {} transient failures, {} permanent failures ({} refused"
                    + " before sending); {} connection(s) opened, {} reused, {} found closed by the server", mails,
                    sent, transientFailures, permanent, refused, opened, reused, stale);
        }
    }

    /** The Jakarta Mail session properties of {@code config}. */
    static Properties sessionProperties(SmtpConfig config, String protocol) {
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty(p + "host", config.host());
        props.setProperty(p + "port", Integer.toString(config.port()));
        props.setProperty(p + "connectiontimeout", Long.toString(config.connectTimeout().toMillis()));
        props.setProperty(p + "timeout", Long.toString(config.readTimeout().toMillis()));
        props.setProperty(p + "writetimeout", Long.toString(config.writeTimeout().toMillis()));
        props.setProperty(p + "auth", Boolean.toString(config.username().isPresent()));
        boolean startTls = config.security() == SmtpConfig.Security.STARTTLS_REQUIRED
                || config.security() == SmtpConfig.Security.STARTTLS_OPTIONAL;
        props.setProperty(p + "starttls.enable", Boolean.toString(startTls));
        props.setProperty(p + "starttls.required",
                Boolean.toString(config.security() == SmtpConfig.Security.STARTTLS_REQUIRED));
        props.setProperty(p + "ssl.checkserveridentity", "true");
        // EHLO names the platform's domain rather than this host's name, which needs a DNS look-up
        // and says nothing a receiving server can check
        props.setProperty(p + "localhost", SmtpConfig.asciiDomainOf(config.platformAddress()));
        // one recipient per message: a refused recipient fails its own message only
        props.setProperty(p + "sendpartial", "false");
        config.sslSocketFactory().ifPresent(f -> props.put(p + "ssl.socketFactory", f));
        // without this, Angus retries a connection that failed with the host's factory (a certificate
        // for another host, say) with the JDK's default one, and reports that one's failure instead
        props.setProperty(p + "socketFactory.fallback", "false");
        return props;
    }
}
