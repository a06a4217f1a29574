package io.clientele.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.CountryCode;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.LockPolicy;
import io.clientele.client.model.TenantSettings;
import io.clientele.common.TenantId;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MessageTemplate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryMessageTemplatesTest {

    private static final TenantId STUDIO = TenantId.of("studio-a");
    private static final TenantId OTHER = TenantId.of("studio-b");

    private final InMemoryTenantSettings settings = new InMemoryTenantSettings();
    private final InMemoryMessageTemplates templates = new InMemoryMessageTemplates(settings);

    @Test
    void there_is_a_distinct_built_in_text_per_kind_in_each_of_the_six_languages() {
        for (MailKind kind : MailKind.values()) {
            Set<String> subjects = new HashSet<>();
            for (String language : List.of("en", "fr", "de", "es", "it", "nl")) {
                subjects.add(templates.template(STUDIO, kind, language).subject());
            }
            assertThat(subjects).as(kind.name()).hasSize(6);
        }
        assertThat(templates.template(STUDIO, MailKind.INVITATION, "fr").subject())
                .isEqualTo("Votre compte en ligne vous attend");
    }

    @Test
    void a_regional_tag_uses_its_language_and_an_unknown_one_the_tenants_default_then_english() {
        settings.put(STUDIO, new TenantSettings(CountryCode.of("DE"),
                List.of(LanguageTag.of("de"), LanguageTag.of("en")), LockPolicy.DEFAULT));

        assertThat(subject(STUDIO, "fr-CA")).isEqualTo(subject(STUDIO, "fr"));
        assertThat(subject(STUDIO, "pt")).isEqualTo(subject(STUDIO, "de"));
        assertThat(subject(STUDIO, "not a tag")).isEqualTo(subject(STUDIO, "de"));
        assertThat(subject(OTHER, "pt")).isEqualTo("Your online account is ready");
    }

    @Test
    void a_tenants_own_template_wins_for_that_tenant_only() {
        MessageTemplate own = new MessageTemplate("Bienvenue au Loft", "Rejoignez-nous.",
                Optional.of("Le Loft"));
        templates.put(STUDIO, MailKind.INVITATION, "fr", own);

        assertThat(templates.template(STUDIO, MailKind.INVITATION, "fr")).isEqualTo(own);
        assertThat(templates.template(STUDIO, MailKind.INVITATION, "fr-BE")).isEqualTo(own);
        assertThat(templates.template(STUDIO, MailKind.PASSWORD_RESET, "fr")).isNotEqualTo(own);
        assertThat(templates.template(OTHER, MailKind.INVITATION, "fr")).isNotEqualTo(own);
    }

    @Test
    void a_tenants_own_template_in_its_default_language_wins_over_the_built_in_fallback() {
        settings.put(STUDIO, new TenantSettings(CountryCode.of("NL"), List.of(LanguageTag.of("nl")),
                LockPolicy.DEFAULT));
        MessageTemplate own = new MessageTemplate("Welkom", "Tot snel.");
        templates.put(STUDIO, MailKind.INVITATION, "nl", own);

        assertThat(templates.template(STUDIO, MailKind.INVITATION, "ja")).isEqualTo(own);
    }

    @Test
    void the_built_in_templates_carry_the_tenants_signature_and_by_default_none() {
        templates.putSignature(STUDIO, "Yoga Loft\n12 rue de la Paix");

        assertThat(templates.template(STUDIO, MailKind.INVITATION, "en").signature())
                .contains("Yoga Loft\n12 rue de la Paix");
        assertThat(templates.template(STUDIO, MailKind.PASSWORD_RESET, "de").signature())
                .contains("Yoga Loft\n12 rue de la Paix");
        assertThat(templates.template(OTHER, MailKind.INVITATION, "en").signature()).isEmpty();

        templates.putSignature(STUDIO, " ");

        assertThat(templates.template(STUDIO, MailKind.INVITATION, "en").signature()).isEmpty();
    }

    private String subject(TenantId tenant, String language) {
        return templates.template(tenant, MailKind.INVITATION, language).subject();
    }
}
