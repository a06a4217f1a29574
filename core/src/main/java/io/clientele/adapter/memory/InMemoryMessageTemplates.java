package io.clientele.adapter.memory;

import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.MessageTemplate;
import io.clientele.invitation.port.MessageTemplates;
import io.clientele.mail.model.MailKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MessageTemplates} with built-in subjects and messages for invitations and password
 * resets in English, French, German, Spanish, Italian and Dutch, which a tenant may override per
 * kind and language with {@link #put}. A template is looked up in the asked language (exact tag,
 * then its primary language), then in the tenant's default language (from the {@link
 * TenantSettingsProvider}), then in English; at each step a tenant's own template wins over the
 * built-in one. An override is answered as it was put, its studio name and signature included;
 * built-in ones carry the tenant's studio name ({@link #putStudioName}, by default {@value
 * #DEFAULT_STUDIO_NAME}) and signature ({@link #putSignature}, by default none).
 *
 * <p>Studio names, signatures and overrides are checked by the rules of {@link MessageTemplate}
 * (and {@link InvitationMessage} for an override's subject and message) when they are put, so a
 * control character, a bidi override or a line break in a single-line value is refused there with
 * a {@link ValidationException} naming the field, never sent to clients.
 *
 * <p>Thread-safe.
 */
public final class InMemoryMessageTemplates implements MessageTemplates {

    /** The studio name of a tenant that has not set one. */
    public static final String DEFAULT_STUDIO_NAME = "Your studio";

    private static final String FALLBACK_LANGUAGE = "en";

    private static final Map<MailKind, Map<String, InvitationMessage>> BUILT_IN = builtIn();

    private record Key(TenantId tenant, MailKind kind, String language) {
    }

    private final TenantSettingsProvider settings;
    private final ConcurrentHashMap<Key, MessageTemplate> overrides = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TenantId, String> studioNames = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TenantId, String> signatures = new ConcurrentHashMap<>();

    /** Templates whose fallback is English for every tenant. */
    public InMemoryMessageTemplates() {
        this(tenant -> TenantSettings.defaults());
    }

    /** Templates that fall back to each tenant's default language, then English. */
    public InMemoryMessageTemplates(TenantSettingsProvider settings) {
        this.settings = Validate.notNull("settings", settings);
    }

    /**
     * Sets the tenant's own template for a kind of mail in a language (a BCP 47 tag); returns this.
     * The template was checked when it was built ({@link MessageTemplate}).
     */
    public InMemoryMessageTemplates put(TenantId tenant, MailKind kind, String language, MessageTemplate template) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("kind", kind);
        Validate.notNull("template", template);
        overrides.put(new Key(tenant, kind, LanguageTag.of(language).value()), template);
        return this;
    }

    /**
     * Sets the studio name the built-in templates carry for the tenant, checked by {@link
     * MessageTemplate#studioName(String)} (one line of 1 to {@value MessageTemplate#MAX_STUDIO_NAME}
     * characters, field {@code studioName}); returns this.
     */
    public InMemoryMessageTemplates putStudioName(TenantId tenant, String studioName) {
        Validate.notNull("tenantId", tenant);
        studioNames.put(tenant, MessageTemplate.studioName(studioName));
        return this;
    }

    /**
     * Sets the signature the built-in templates carry for the tenant, checked by {@link
     * MessageTemplate#signature(Optional)} (plain text, line feeds allowed, at most {@value
     * MessageTemplate#MAX_SIGNATURE} characters, field {@code signature}); a blank one removes it.
     * Returns this.
     */
    public InMemoryMessageTemplates putSignature(TenantId tenant, String signature) {
        Validate.notNull("tenantId", tenant);
        Optional<String> checked = MessageTemplate.signature(Optional.of(Validate.notNull("signature", signature)));
        checked.ifPresentOrElse(s -> signatures.put(tenant, s), () -> signatures.remove(tenant));
        return this;
    }

    @Override
    public MessageTemplate template(TenantId tenant, MailKind kind, String language) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("kind", kind);
        List<String> candidates = new ArrayList<>(5);
        parse(language).ifPresent(tag -> addTagAndPrimary(candidates, tag));
        addTagAndPrimary(candidates, settings.settings(tenant).defaultLanguage());
        candidates.add(FALLBACK_LANGUAGE);
        String studioName = studioNames.getOrDefault(tenant, DEFAULT_STUDIO_NAME);
        Optional<String> signature = Optional.ofNullable(signatures.get(tenant));
        for (String candidate : candidates) {
            MessageTemplate own = overrides.get(new Key(tenant, kind, candidate));
            if (own != null) {
                return own;
            }
            InvitationMessage builtIn = BUILT_IN.get(kind).get(candidate);
            if (builtIn != null) {
                return new MessageTemplate(builtIn, studioName, signature);
            }
        }
        throw new IllegalStateException("no built-in " + kind + " template in " + FALLBACK_LANGUAGE);
    }

    private static Optional<LanguageTag> parse(String language) {
        try {
            return Optional.of(LanguageTag.of(language));
        } catch (ValidationException e) {
            // a malformed tag falls back like a language without a template
            return Optional.empty();
        }
    }

    private static void addTagAndPrimary(List<String> candidates, LanguageTag tag) {
        candidates.add(tag.value());
        String primary = tag.toLocale().getLanguage();
        if (!primary.equals(tag.value())) {
            candidates.add(primary);
        }
    }

    private static Map<MailKind, Map<String, InvitationMessage>> builtIn() {
        Map<MailKind, Map<String, InvitationMessage>> all = new EnumMap<>(MailKind.class);
        all.put(MailKind.INVITATION, Map.of(
                "en", new InvitationMessage("Your online account is ready",
                        "You can now book classes, see your credits and manage your profile online."
                                + " Choose your password with the link below to get started."),
                "fr", new InvitationMessage("Votre compte en ligne vous attend",
                        "Vous pouvez désormais réserver vos cours, consulter vos crédits et gérer votre profil"
                                + " en ligne. Choisissez votre mot de passe avec le lien ci-dessous pour commencer."),
                "de", new InvitationMessage("Ihr Online-Konto ist bereit",
                        "Sie können jetzt online Kurse buchen, Ihre Guthaben einsehen und Ihr Profil verwalten."
                                + " Legen Sie über den Link unten Ihr Passwort fest, um loszulegen."),
                "es", new InvitationMessage("Tu cuenta en línea está lista",
                        "Ya puedes reservar clases, consultar tus créditos y gestionar tu perfil en línea."
                                + " Elige tu contraseña con el enlace de abajo para empezar."),
                "it", new InvitationMessage("Il tuo account online è pronto",
                        "Ora puoi prenotare le lezioni, vedere i tuoi crediti e gestire il tuo profilo online."
                                + " Scegli la tua password con il link qui sotto per iniziare."),
                "nl", new InvitationMessage("Je online account staat klaar",
                        "Je kunt nu online lessen boeken, je tegoed bekijken en je profiel beheren."
                                + " Kies je wachtwoord via de link hieronder om te beginnen.")));
        all.put(MailKind.PASSWORD_RESET, Map.of(
                "en", new InvitationMessage("Set a new password",
                        "We received a request to set a new password for your online account."),
                "fr", new InvitationMessage("Choisissez un nouveau mot de passe",
                        "Nous avons reçu une demande de nouveau mot de passe pour votre compte en ligne."),
                "de", new InvitationMessage("Neues Passwort festlegen",
                        "Wir haben eine Anfrage erhalten, ein neues Passwort für Ihr Online-Konto festzulegen."),
                "es", new InvitationMessage("Elige una nueva contraseña",
                        "Hemos recibido una solicitud para establecer una nueva contraseña en tu cuenta en línea."),
                "it", new InvitationMessage("Scegli una nuova password",
                        "Abbiamo ricevuto una richiesta per impostare una nuova password per il tuo account online."),
                "nl", new InvitationMessage("Kies een nieuw wachtwoord",
                        "We hebben een verzoek ontvangen om een nieuw wachtwoord in te stellen voor je online"
                                + " account.")));
        return Collections.unmodifiableMap(all);
    }
}
