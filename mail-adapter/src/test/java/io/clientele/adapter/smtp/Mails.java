package io.clientele.adapter.smtp;

import io.clientele.common.TenantId;
import io.clientele.mail.model.Letterhead;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MailModel;
import io.clientele.mail.model.SenderIdentity;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test data for the composer: a small builder of {@link MailModel}s ({@code
 * Mails.invitation().language("fr").firstName("Zoé").build()}) and readers of rendered HTML (entity
 * decoding, {@code href} values, URLs in text).
 */
final class Mails {

    static final TenantId TENANT = TenantId.of("studio-a");
    static final SenderIdentity SENDER = new SenderIdentity("Yoga Loft", "hello@yogaloft.example",
            Optional.of("desk@yogaloft.example"));
    static final String TOKEN = "dGhpcy1pcy1hLXRlc3QtdG9rZW4tb2YtNDMtY2hhcnNfeA";
    static final URI ACTION = URI.create("https://app.example/activate?tenant=studio-a&token=" + TOKEN);
    static final URI RESET = URI.create("https://app.example/reset-password?tenant=studio-a&token=" + TOKEN);
    static final URI UNSUBSCRIBE = URI.create(
            "https://app.example/unsubscribe?tenant=studio-a&token=b3B0LW91dC10b2tlbi1mb3ItdGVzdHMtNDMtY2hhcnNfeA");

    private Mails() {
    }

    static Builder invitation() {
        return new Builder(MailKind.INVITATION);
    }

    static Builder passwordReset() {
        return new Builder(MailKind.PASSWORD_RESET);
    }

    static Builder of(MailKind kind) {
        return new Builder(kind);
    }

    /** Builds one mail model; defaults: tenant studio-a, English client of an English studio, 14 days. */
    static final class Builder {
        private final MailKind kind;
        private TenantId tenant = TENANT;
        private SenderIdentity sender = SENDER;
        private String studioName = "Yoga Loft";
        private Optional<String> signature = Optional.empty();
        private String defaultLanguage = "en";
        private String language = "en";
        private String firstName = "Ana";
        private String subject = "Your online account";
        private String message = "";
        private long days = 14;
        private Optional<URI> unsubscribe;
        private URI action;

        private Builder(MailKind kind) {
            this.kind = kind;
            this.action = kind == MailKind.INVITATION ? ACTION : RESET;
            this.unsubscribe = kind == MailKind.INVITATION ? Optional.of(UNSUBSCRIBE) : Optional.empty();
        }

        Builder tenant(TenantId value) {
            tenant = value;
            return this;
        }

        Builder sender(SenderIdentity value) {
            sender = value;
            return this;
        }

        Builder studio(String value) {
            studioName = value;
            return this;
        }

        Builder signature(String value) {
            signature = Optional.of(value);
            return this;
        }

        Builder studioLanguage(String value) {
            defaultLanguage = value;
            return this;
        }

        Builder language(String value) {
            language = value;
            return this;
        }

        Builder firstName(String value) {
            firstName = value;
            return this;
        }

        Builder subject(String value) {
            subject = value;
            return this;
        }

        Builder message(String value) {
            message = value;
            return this;
        }

        Builder days(long value) {
            days = value;
            return this;
        }

        Builder action(URI value) {
            action = value;
            return this;
        }

        Builder unsubscribe(Optional<URI> value) {
            unsubscribe = value;
            return this;
        }

        MailModel build() {
            Letterhead letterhead = new Letterhead(tenant, studioName, signature, sender, defaultLanguage);
            return new MailModel(letterhead, kind, language, "ana@example.com", firstName, subject, message, action,
                    days, unsubscribe);
        }
    }

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"<>]+");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);");

    /** {@code html} with its character references decoded, as a mail client reads attribute values and text. */
    static String decode(String html) {
        Matcher m = ENTITY.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> Character.toString(entity.startsWith("#x")
                        ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1)));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every {@code href} value of {@code html}, decoded. */
    static List<String> hrefs(String html) {
        List<String> links = new ArrayList<>();
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            links.add(decode(m.group(1)));
        }
        return links;
    }

    /** Every http(s) URL written in {@code text} (decode HTML first). */
    static List<String> urls(String text) {
        List<String> links = new ArrayList<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            links.add(m.group());
        }
        return links;
    }
}
