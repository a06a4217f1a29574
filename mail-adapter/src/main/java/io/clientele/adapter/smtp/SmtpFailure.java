package io.clientele.adapter.smtp;

import io.clientele.mail.model.SendResult;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * What a failed attempt means, from the server's answer as Jakarta Mail reports it: permanent (a
 * 5xx reply at {@code RCPT} or {@code DATA}: the recipient or this message is refused) or transient
 * (a 4xx reply, a lost connection, a 5xx reply at {@code MAIL}, which refuses the platform's sender
 * and says nothing against the recipient, anything else), the reason, and whether the connection
 * can carry the next message.
 * A reason names the reply code, the enhanced status code (RFC 3463) when the server gave one, and
 * the command it answered ({@code "550 5.1.1 at RCPT"}), or the kind of trouble ({@code
 * "connection lost at DATA"}); never an address nor the server's free text, which often repeats
 * the address. A 421 reply (the server is closing the channel), an end of stream or an I/O error
 * leave the connection unusable. Immutable and thread-safe.
 *
 * @param permanent true for a 5xx reply to the recipient or the message: never worth retrying
 * @param reason what happened, without personal data
 * @param connectionLost true when the connection cannot carry another message
 * @param operatorNeeded true when only the operator can fix it (credentials, TLS, STARTTLS)
 */
record SmtpFailure(boolean permanent, String reason, boolean connectionLost, boolean operatorNeeded) {

    /** A reply code and, after it, an enhanced status code such as {@code 5.1.1}. */
    private static final Pattern REPLY = Pattern.compile("^\\s*(\\d{3})(?:[ -]([245]\\.\\d{1,3}\\.\\d{1,3}))?");
    /** What precedes the server's answer in Angus's message for a refused greeting. */
    private static final String GREETING_RESPONSE = "response: ";
    /** How deep the chain of nested exceptions is searched. */
    private static final int MAX_CHAIN = 16;

    /** The result for the mail {@code id}. */
    SendResult result(UUID id) {
        return permanent ? new SendResult.PermanentFailure(id, reason) : new SendResult.TransientFailure(id, reason);
    }

    /** A transient failure that leaves the connection unusable. */
    static SmtpFailure lost(String reason) {
        return new SmtpFailure(false, reason, true, false);
    }

    private static SmtpFailure misconfigured(String reason) {
        return new SmtpFailure(false, reason, true, true);
    }

    /** What a failed {@code sendMessage} means. */
    static SmtpFailure ofSend(MessagingException e) {
        Optional<Reply> reply = reply(e);
        if (reply.isEmpty()) {
            return lost("connection lost (" + rootName(e) + ")");
        }
        Reply r = reply.get();
        if (r.code() < 100) {
            // Jakarta Mail's -1: the server closed the connection instead of answering
            return lost("connection lost at " + r.stage());
        }
        String reason = r.describe();
        if (r.code() >= 500 && r.code() <= 599 && r.stage().equals("MAIL")) {
            // the server refuses the platform as a sender (not authenticated, sender address or
            // domain not allowed): no recipient's address is at fault, so none may be flagged; the
            // mail is retried with backoff until the operator fixes the account, and fails at the
            // dispatcher's attempt bound
            return new SmtpFailure(false, "sender refused: " + reason, false, true);
        }
        if (r.code() >= 500 && r.code() <= 599) {
            return new SmtpFailure(true, reason, false, false);
        }
        // 421: the server is closing the channel; other unexpected codes leave its state unknown
        return new SmtpFailure(false, reason, r.code() == 421 || r.code() < 400 || r.code() > 599, false);
    }

    /**
     * What a failed connection attempt means: always transient, since the mails themselves are
     * not at fault and a server that is down, a missing STARTTLS offer or refused credentials are
     * fixed on the server or in the configuration, after which the same mails go out. {@code
     * lastResponse} is the transport's last server response, for the code of a refused greeting
     * or authentication.
     */
    static SmtpFailure ofConnect(MessagingException e, String lastResponse) {
        if (e instanceof AuthenticationFailedException) {
            return misconfigured(codes("authentication refused", e.getMessage()));
        }
        if (e instanceof MailConnectException) {
            return lost("cannot connect (" + rootName(e) + ")");
        }
        if (find(e, SSLException.class).isPresent()) {
            if (namesAnotherHost(e)) {
                return misconfigured("TLS certificate does not name the host");
            }
            return misconfigured("TLS handshake failed (" + rootName(e) + ")");
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("STARTTLS is required")) {
            return misconfigured("STARTTLS required but not offered by the server");
        }
        int greeting = message.indexOf(GREETING_RESPONSE);
        if (message.contains("bad greeting") && greeting >= 0) {
            return lost(codes("greeting refused", message.substring(greeting + GREETING_RESPONSE.length())));
        }
        if (message.contains("bad greeting")) {
            return lost(codes("greeting refused", lastResponse));
        }
        return lost("cannot connect (" + rootName(e) + ")");
    }

    /**
     * True when the certificate was trusted but names another host: the JDK's endpoint
     * identification ({@code "No subject alternative names ..."}, {@code "No name matching ..."})
     * or Angus's own host name check ({@code "Server identity does not match ..."}) refused it.
     */
    private static boolean namesAnotherHost(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_CHAIN; depth++) {
            String message = String.valueOf(t.getMessage());
            if ((t instanceof CertificateException
                    && (message.startsWith("No subject alternative name") || message.startsWith("No name matching")))
                    || (t instanceof SSLException && message.startsWith("Server identity does not match"))) {
                return true;
            }
            t = next(t);
        }
        return false;
    }

    /** The first reply code found in the chain of {@code e}, with the command it answered. */
    private static Optional<Reply> reply(MessagingException e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_CHAIN; depth++) {
            if (t instanceof SMTPAddressFailedException a) {
                return Optional.of(new Reply(a.getReturnCode(), "RCPT", a.getMessage()));
            }
            if (t instanceof SMTPSenderFailedException s) {
                return Optional.of(new Reply(s.getReturnCode(), "MAIL", s.getMessage()));
            }
            if (t instanceof SMTPSendFailedException s) {
                return Optional.of(new Reply(s.getReturnCode(), stage(s.getCommand()), s.getMessage()));
            }
            t = next(t);
        }
        return Optional.empty();
    }

    private static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_CHAIN; depth++) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
            t = next(t);
        }
        return Optional.empty();
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    /** The simple class name of the deepest cause, an I/O error's kind ({@code SocketException}). */
    private static String rootName(Throwable e) {
        Throwable deepest = e;
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_CHAIN; depth++) {
            deepest = t;
            t = next(t);
        }
        return find(e, IOException.class).map(Throwable::getClass).orElse(deepest.getClass()).getSimpleName();
    }

    /** The command a Jakarta Mail command string is, without its argument (which holds an address). */
    private static String stage(String command) {
        String c = command == null ? "" : command.strip().toUpperCase(Locale.ROOT);
        if (c.startsWith("MAIL")) {
            return "MAIL";
        }
        if (c.startsWith("RCPT")) {
            return "RCPT";
        }
        if (c.startsWith("DATA") || c.equals(".") || c.startsWith("BDAT")) {
            return "DATA";
        }
        return "SMTP";
    }

    /** {@code what} with the reply code and enhanced status of {@code response}, when it has them. */
    private static String codes(String what, String response) {
        Matcher m = REPLY.matcher(response == null ? "" : response);
        if (!m.find()) {
            return what;
        }
        return what + ": " + m.group(1) + (m.group(2) == null ? "" : " " + m.group(2));
    }

    /** A server reply: its code, the command it answered, and its text (kept only for its codes). */
    private record Reply(int code, String stage, String response) {
        String describe() {
            Matcher m = REPLY.matcher(response == null ? "" : response);
            String enhanced = m.find() && m.group(2) != null ? " " + m.group(2) : "";
            return code + enhanced + " at " + stage;
        }
    }
}
