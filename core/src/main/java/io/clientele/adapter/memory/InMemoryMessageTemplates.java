package io.clientele.adapter.memory;

import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MessageTemplate;
import io.clientele.mail.port.MessageTemplates;
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
 * built-in one. An override is answered as it was put, its signature included; built-in ones carry
 * the tenant's signature ({@link #putSignature}, by default none). The studio's name is not a
 * template's: it is a tenant setting ({@link TenantSettings#studioName()}).
 *
 * <p>Signatures and overrides are checked by the rules of {@link MessageTemplate} when they are
 * put, so a control character, a bidi override or a line break in a single-line value is refused
 * there with a {@link ValidationException} naming the field, never sent to clients.
 *
 * <p>Thread-safe.
 */
public final class InMemoryMessageTemplates implements MessageTemplates {

    private static final String FALLBACK_LANGUAGE = "en";

    private static final Map<MailKind, Map<String, MessageTemplate>> BUILT_IN = builtIn();

    private record Key(TenantId tenant, MailKind kind, String language) {
    }

    private final TenantSettingsProvider settings;
    private final ConcurrentHashMap<Key, MessageTemplate> overrides = new ConcurrentHashMap<>();
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
        Optional<String> signature = Optional.ofNullable(signatures.get(tenant));
        for (String candidate : candidates) {
            MessageTemplate own = overrides.get(new Key(tenant, kind, candidate));
            if (own != null) {
                return own;
            }
            MessageTemplate builtIn = BUILT_IN.get(kind).get(candidate);
            if (builtIn != null) {
                return builtIn.withSignature(signature);
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

    private static Map<MailKind, Map<String, MessageTemplate>> builtIn() {
        Map<MailKind, Map<String, MessageTemplate>> all = new EnumMap<>(MailKind.class);
        all.put(MailKind.INVITATION, Map.of(
                "en", new MessageTemplate("Your online account is ready",
                        "You can now book classes, see your credits and manage your profile online."
                                + " Choose your password with the link below to get started."),
                "fr", new MessageTemplate("Votre compte en ligne vous attend",
                        "Vous pouvez désormais réserver vos cours, consulter vos crédits et gérer votre profil"
                                + " en ligne. Choisissez votre mot de passe avec le lien ci-dessous pour commencer."),
                "de", new MessageTemplate("Ihr Online-Konto ist bereit",
                        "Sie können jetzt online Kurse buchen, Ihre Guthaben einsehen und Ihr Profil verwalten."
                                + " Legen Sie über den Link unten Ihr Passwort fest, um loszulegen."),
                "es", new MessageTemplate("Tu cuenta en línea está lista",
                        "Ya puedes reservar clases, consultar tus créditos y gestionar tu perfil en línea."
                                + " Elige tu contraseña con el enlace de abajo para empezar."),
                "it", new MessageTemplate("Il tuo account online è pronto",
                        "Ora puoi prenotare le lezioni, vedere i tuoi crediti e gestire il tuo profilo online."
                                + " Scegli la tua password con il link qui sotto per iniziare."),
                "nl", new MessageTemplate("Je online account staat klaar",
                        "Je kunt nu online lessen boeken, je tegoed bekijken en je profiel beheren."
                                + " Kies je wachtwoord via de link hieronder om te beginnen.")));
        all.put(MailKind.PASSWORD_RESET, Map.of(
                "en", new MessageTemplate("Set a new password",
                        "We received a request to set a new password for your online account."),
                "fr", new MessageTemplate("Choisissez un nouveau mot de passe",
                        "Nous avons reçu une demande de nouveau mot de passe pour votre compte en ligne."),
                "de", new MessageTemplate("Neues Passwort festlegen",
                        "Wir haben eine Anfrage erhalten, ein neues Passwort für Ihr Online-Konto festzulegen."),
                "es", new MessageTemplate("Elige una nueva contraseña",
                        "Hemos recibido una solicitud para establecer una nueva contraseña en tu cuenta en línea."),
                "it", new MessageTemplate("Scegli una nuova password",
                        "Abbiamo ricevuto una richiesta per impostare una nuova password per il tuo account online."),
                "nl", new MessageTemplate("Kies een nieuw wachtwoord",
                        "We hebben een verzoek ontvangen om een nieuw wachtwoord in te stellen voor je online"
                                + " account.")));
        return Collections.unmodifiableMap(all);
    }
}
