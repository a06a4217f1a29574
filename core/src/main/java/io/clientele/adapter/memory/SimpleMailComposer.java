package io.clientele.adapter.memory;

import io.clientele.common.Text;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MailModel;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.port.MailComposer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A dependency-free {@link MailComposer} for tests, prototypes and the demo; the SMTP module brings
 * the real localized templates. It renders a plain-text and an HTML body: a greeting with the
 * client's first name, the staff's message, the personal link with how long it is valid, a
 * closing followed by the studio's signature when it has one (line breaks kept) or else the
 * studio's name ({@link io.clientele.mail.model.Letterhead#signOff()}), and for invitations the
 * personal unsubscribe link with the RFC 8058 headers
 * {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}. In HTML, every piece of staff, host
 * or client text is escaped and line breaks become {@code <br>}, so a message or signature is
 * shown as typed and never interpreted as markup. The rendered mail carries the model's tenant and
 * sender identity unchanged.
 *
 * <p>The sentences it adds are in English, French, German, Spanish, Italian or Dutch, chosen by
 * the primary subtag of the model's language; any other language gets English. A subject with a
 * line break is refused ({@link io.clientele.common.ValidationException}), so no header can be
 * injected. Stateless and thread-safe.
 */
public final class SimpleMailComposer implements MailComposer {

    /** The sentences the composer adds, in one language; {@code {name}} and {@code {days}} are filled in. */
    private record Phrases(String greeting, String activateIntro, String activateLabel, String resetIntro,
            String resetLabel, String validDays, String validOneDay, String validLessThanDay, String resetIgnore,
            String closing, String unsubscribeIntro, String unsubscribeLabel) {
    }

    private static final Phrases ENGLISH = new Phrases(
            "Hello {name},",
            "Activate your online account with this personal link:", "Activate my account",
            "Set a new password with this personal link:", "Set a new password",
            "This link is valid for {days} days.", "This link is valid for 1 day.",
            "This link is valid for less than a day.",
            "If you did not ask for a new password, you can ignore this email.",
            "Kind regards,",
            "Don't want account invitations from us any more?", "Unsubscribe");

    private static final Map<String, Phrases> PHRASES = Map.of(
            "en", ENGLISH,
            "fr", new Phrases(
                    "Bonjour {name},",
                    "Activez votre compte en ligne avec ce lien personnel :", "Activer mon compte",
                    "Choisissez un nouveau mot de passe avec ce lien personnel :", "Choisir un nouveau mot de passe",
                    "Ce lien est valable {days} jours.", "Ce lien est valable 1 jour.",
                    "Ce lien est valable moins d'un jour.",
                    "Si vous n'avez pas demandé de nouveau mot de passe, vous pouvez ignorer cet e-mail.",
                    "Cordialement,",
                    "Vous ne souhaitez plus recevoir nos invitations ?", "Se désabonner"),
            "de", new Phrases(
                    "Hallo {name},",
                    "Aktivieren Sie Ihr Online-Konto mit diesem persönlichen Link:", "Mein Konto aktivieren",
                    "Legen Sie mit diesem persönlichen Link ein neues Passwort fest:", "Neues Passwort festlegen",
                    "Dieser Link ist {days} Tage gültig.", "Dieser Link ist 1 Tag gültig.",
                    "Dieser Link ist weniger als einen Tag gültig.",
                    "Falls Sie kein neues Passwort angefordert haben, können Sie diese E-Mail ignorieren.",
                    "Viele Grüße",
                    "Sie möchten keine Einladungen mehr von uns erhalten?", "Abmelden"),
            "es", new Phrases(
                    "Hola, {name}:",
                    "Activa tu cuenta en línea con este enlace personal:", "Activar mi cuenta",
                    "Elige una nueva contraseña con este enlace personal:", "Elegir una nueva contraseña",
                    "Este enlace es válido durante {days} días.", "Este enlace es válido durante 1 día.",
                    "Este enlace es válido durante menos de un día.",
                    "Si no has pedido una nueva contraseña, puedes ignorar este correo.",
                    "Un saludo,",
                    "¿No quieres recibir más invitaciones nuestras?", "Darse de baja"),
            "it", new Phrases(
                    "Ciao {name},",
                    "Attiva il tuo account online con questo link personale:", "Attiva il mio account",
                    "Scegli una nuova password con questo link personale:", "Scegli una nuova password",
                    "Questo link è valido per {days} giorni.", "Questo link è valido per 1 giorno.",
                    "Questo link è valido per meno di un giorno.",
                    "Se non hai richiesto una nuova password, puoi ignorare questa email.",
                    "Cordiali saluti,",
                    "Non vuoi più ricevere i nostri inviti?", "Annulla l'iscrizione"),
            "nl", new Phrases(
                    "Hallo {name},",
                    "Activeer je online account met deze persoonlijke link:", "Mijn account activeren",
                    "Kies een nieuw wachtwoord met deze persoonlijke link:", "Nieuw wachtwoord kiezen",
                    "Deze link is {days} dagen geldig.", "Deze link is 1 dag geldig.",
                    "Deze link is minder dan een dag geldig.",
                    "Heb je geen nieuw wachtwoord aangevraagd? Dan kun je deze e-mail negeren.",
                    "Met vriendelijke groet,",
                    "Wil je geen uitnodigingen meer van ons ontvangen?", "Afmelden"));

    @Override
    public RenderedMail compose(UUID id, MailModel model) {
        Phrases p = phrases(model.language());
        String subject = Text.singleLine("subject", model.subject(), Integer.MAX_VALUE);
        String greeting = p.greeting().replace("{name}", model.recipientFirstName());
        boolean invitation = model.kind() == MailKind.INVITATION;
        String intro = invitation ? p.activateIntro() : p.resetIntro();
        String label = invitation ? p.activateLabel() : p.resetLabel();
        String validity = validity(p, model.linkValidDays());
        // the model has checked and normalized its text: line feeds only, trimmed
        String message = model.message();
        String signature = model.letterhead().signOff();
        Optional<URI> unsubscribe = invitation ? model.unsubscribeLink() : Optional.empty();

        StringBuilder text = new StringBuilder()
                .append(greeting).append("\n\n");
        if (!message.isEmpty()) {
            text.append(message).append("\n\n");
        }
        text.append(intro).append('\n')
                .append(model.actionLink()).append('\n')
                .append(validity).append("\n\n");
        if (!invitation) {
            text.append(p.resetIgnore()).append("\n\n");
        }
        text.append(p.closing()).append('\n').append(signature).append('\n');
        unsubscribe.ifPresent(link -> text.append("\n-- \n").append(p.unsubscribeIntro()).append(' ')
                .append(p.unsubscribeLabel()).append(":\n").append(link).append('\n'));

        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"").append(escape(model.language())).append("\">\n")
                .append("<head><meta charset=\"UTF-8\"><title>").append(escape(subject)).append("</title></head>\n")
                .append("<body>\n")
                .append("<p>").append(escape(greeting)).append("</p>\n");
        if (!message.isEmpty()) {
            html.append("<p>").append(escapeLines(message)).append("</p>\n");
        }
        html.append("<p>").append(escape(intro)).append("<br>\n")
                .append(anchor(model.actionLink(), label)).append("</p>\n")
                .append("<p>").append(escape(validity)).append("</p>\n");
        if (!invitation) {
            html.append("<p>").append(escape(p.resetIgnore())).append("</p>\n");
        }
        html.append("<p>").append(escape(p.closing())).append("<br>\n")
                .append(escapeLines(signature)).append("</p>\n");
        unsubscribe.ifPresent(link -> html.append("<hr>\n<p><small>").append(escape(p.unsubscribeIntro()))
                .append(' ').append(anchor(link, p.unsubscribeLabel())).append("</small></p>\n"));
        html.append("</body>\n</html>\n");

        Map<String, String> headers = new LinkedHashMap<>();
        unsubscribe.ifPresent(link -> {
            headers.put("List-Unsubscribe", "<" + link + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        });
        return new RenderedMail(id, model.letterhead().tenantId(), model.letterhead().sender(), model.recipient(),
                subject, text.toString(), html.toString(), headers);
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String escapeLines(String value) {
        return escape(value).replace("\n", "<br>\n");
    }

    private static String anchor(URI link, String label) {
        return "<a href=\"" + escape(link.toString()) + "\">" + escape(label) + "</a>";
    }

    private static String validity(Phrases p, long days) {
        if (days <= 0) {
            return p.validLessThanDay();
        }
        return days == 1 ? p.validOneDay() : p.validDays().replace("{days}", Long.toString(days));
    }

    private static Phrases phrases(String language) {
        String primary = Locale.forLanguageTag(language).getLanguage();
        return PHRASES.getOrDefault(primary, ENGLISH);
    }
}
