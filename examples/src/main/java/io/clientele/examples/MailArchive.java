package io.clientele.examples;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mails the demo's SMTP server received, each saved as the client would get it: the raw
 * message as {@code NNN-<recipient>.eml} (opens in any mail program) and its HTML part as {@code
 * NNN-<recipient>.html} (opens in a browser), numbered in the order they were saved: each call of
 * {@link #saveNew()} saves the mails not saved yet, told apart by their Message-ID. Thread-safe.
 */
public final class MailArchive {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    private final GreenMail server;
    private final Path folder;
    private final List<SavedMail> saved = new ArrayList<>();
    /** The Message-IDs of the mails saved: the server lists its mails mailbox by mailbox, not in arrival order. */
    private final Set<String> savedIds = new HashSet<>();

    MailArchive(GreenMail server, Path folder) {
        this.server = server;
        this.folder = folder;
    }

    /** One received mail and where it was saved. */
    public record SavedMail(int number, String to, String subject, String text, String html, Path eml, Path htmlFile) {

        /** The first link in the text part whose path is {@code path} (such as {@code "/activate"}). */
        public Optional<URI> link(String path) {
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                URI uri = URI.create(m.group());
                if (path.equals(uri.getPath())) {
                    return Optional.of(uri);
                }
            }
            return Optional.empty();
        }
    }

    /** Saves the mails received since the last call and answers them, oldest first. */
    public synchronized List<SavedMail> saveNew() {
        MimeMessage[] received = server.getReceivedMessages();
        List<SavedMail> fresh = new ArrayList<>();
        try {
            OwnerOnly.createFolder(folder);
            for (MimeMessage message : received) {
                // a new mail can be listed before older ones (its recipient's mailbox comes first), so
                // what is new is told by the Message-ID every mail gets when it is sent, not by position
                String id = message.getMessageID();
                if (id == null) {
                    throw new IllegalStateException("a received mail has no Message-ID");
                }
                if (savedIds.add(id)) {
                    SavedMail mail = save(saved.size() + 1, message);
                    saved.add(mail);
                    fresh.add(mail);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the mails in " + folder, e);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read a received mail", e);
        }
        return fresh;
    }

    /** Every mail saved so far, oldest first. */
    public synchronized List<SavedMail> all() {
        saveNew();
        return List.copyOf(saved);
    }

    /** The mails saved so far to {@code address} (compared ignoring case), oldest first. */
    public List<SavedMail> to(String address) {
        return all().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    /** The folder the mails are saved in. */
    public Path folder() {
        return folder;
    }

    private SavedMail save(int number, MimeMessage message) throws IOException, MessagingException {
        String to = ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        String name = String.format(Locale.ROOT, "%03d-%s", number, to.replaceAll("[^A-Za-z0-9.@_-]", "_"));
        Path eml = folder.resolve(name + ".eml");
        try (OutputStream out = OwnerOnly.newFile(eml)) {
            message.writeTo(out);
        }
        String text = "";
        String html = "";
        if (message.getContent() instanceof Multipart parts) {
            for (int p = 0; p < parts.getCount(); p++) {
                BodyPart part = parts.getBodyPart(p);
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                } else if (part.isMimeType("text/html")) {
                    html = (String) part.getContent();
                }
            }
        } else {
            text = String.valueOf(message.getContent());
        }
        Path htmlFile = folder.resolve(name + ".html");
        OwnerOnly.write(htmlFile, html.getBytes(StandardCharsets.UTF_8));
        return new SavedMail(number, to, message.getSubject(), text, html, eml, htmlFile);
    }
}
