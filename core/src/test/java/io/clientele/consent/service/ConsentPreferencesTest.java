package io.clientele.consent.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentEvents;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import java.util.Optional;
import java.util.List;

class ConsentPreferencesTest {

    private final ConsentKit kit = new ConsentKit();
    private final ConsentService consent = kit.consent;

    @Test
    void a_new_preference_starts_at_version_1_and_is_published() {
        MarketingPreference newsletter = kit.newsletter();

        assertThat(newsletter.key()).isEqualTo("newsletter");
        assertThat(newsletter.version()).isEqualTo(1);
        assertThat(newsletter.wordingHash()).isEqualTo(sha256(ConsentKit.NEWSLETTER_WORDING));
        assertThat(kit.t.<Optional<MarketingPreference>>read(s -> s.preferences().find(TENANT, newsletter.id())))
                .contains(newsletter);
        assertThat(kit.t.memory.events().events(ConsentEvents.PreferenceDefined.class))
                .containsExactly(new ConsentEvents.PreferenceDefined(TENANT, newsletter.id(), kit.t.clock.instant()));
    }

    @Test
    void a_key_is_unique_within_a_tenant_only() {
        MarketingPreference first = kit.newsletter();

        assertThatThrownBy(() -> consent.definePreference(OWNER, TENANT, "newsletter", "Another", "Other words.",
                Channel.POST))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
                    assertThat(e.getMessage()).startsWith("key:");
                });
        assertThat(consent.preferences(OWNER, TENANT)).contains(first).extracting(MarketingPreference::name)
                .doesNotContain("Another");

        MarketingPreference elsewhere = consent.definePreference(OTHER_OWNER, OTHER_TENANT, "newsletter", "Newsletter",
                "News from studio B.", Channel.EMAIL);
        assertThat(elsewhere.id()).isNotEqualTo(first.id());
    }

    @Test
    void the_invitations_key_is_reserved_for_the_built_in_category() {
        for (String key : new String[] {"invitations", " invitations "}) {
            assertThatThrownBy(() -> consent.definePreference(OWNER, TENANT, key, "Invites", "Invite me.",
                    Channel.EMAIL))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("key");
                        assertThat(e.rule()).isEqualTo("reserved");
                    });
        }
        assertThat(kit.t.<List<MarketingPreference>>read(s -> s.preferences().list(TENANT))).isEmpty();
    }

    @Test
    void the_list_includes_the_built_in_invitations_category_created_once() {
        MarketingPreference newsletter = kit.newsletter();

        var first = consent.preferences(OWNER, TENANT);
        var second = consent.preferences(VIEWER, TENANT);

        assertThat(first).extracting(MarketingPreference::key).containsExactly("invitations", "newsletter");
        MarketingPreference invitations = first.get(0);
        assertThat(invitations).isEqualTo(MarketingPreference.invitations(invitations.id(), TENANT));
        assertThat(invitations.channel()).isEqualTo(Channel.EMAIL);
        assertThat(second).isEqualTo(first).contains(newsletter);
        assertThat(kit.t.<List<MarketingPreference>>read(s -> s.preferences().list(OTHER_TENANT))).isEmpty();
    }

    @Test
    void an_invitations_category_created_by_the_invitation_context_is_reused() {
        MarketingPreference existing = MarketingPreference.invitations(new PreferenceId(UUID.randomUUID()), TENANT);
        kit.t.stores.transactions().run(() -> kit.t.stores.preferences().save(existing));

        assertThat(consent.preferences(OWNER, TENANT)).containsExactly(existing);
    }

    @Test
    void changing_the_wording_raises_the_version_and_earlier_records_keep_their_proof() {
        MarketingPreference v1 = kit.newsletter();
        Client ana = kit.client("Ana");
        ConsentRecord underV1 = consent.optIn(MANAGER, TENANT, ana.id(), v1.id());
        kit.later();
        Instant changedAt = kit.t.clock.instant();

        MarketingPreference v2 = consent.changeWording(MANAGER, TENANT, v1.id(),
                kit.t.preferenceVersion(v1.id()), "Send me the weekly newsletter.");
        kit.later();
        ConsentRecord underV2 = consent.optOut(MANAGER, TENANT, ana.id(), v1.id());

        assertThat(v2.id()).isEqualTo(v1.id());
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.wordingHash()).isEqualTo(sha256("Send me the weekly newsletter.")).isNotEqualTo(v1.wordingHash());
        assertThat(kit.t.<Optional<MarketingPreference>>read(s -> s.preferences().find(TENANT, v1.id()))).contains(v2);
        assertThat(kit.stored(ana.id())).containsExactly(underV1, underV2);
        assertThat(underV1.wordingVersion()).isEqualTo(1);
        assertThat(underV1.wordingSha256()).isEqualTo(v1.wordingHash());
        assertThat(underV2.wordingVersion()).isEqualTo(2);
        assertThat(underV2.wordingSha256()).isEqualTo(v2.wordingHash());
        assertThat(kit.t.memory.events().events(ConsentEvents.PreferenceWordingChanged.class)).containsExactly(
                new ConsentEvents.PreferenceWordingChanged(TENANT, v1.id(), 2, changedAt));
    }

    @Test
    void the_same_wording_again_keeps_the_version() {
        MarketingPreference v1 = kit.newsletter();

        MarketingPreference same = consent.changeWording(OWNER, TENANT, v1.id(),
                kit.t.preferenceVersion(v1.id()), "  " + ConsentKit.NEWSLETTER_WORDING);

        assertThat(same).isEqualTo(v1);
        assertThat(kit.t.memory.events().events(ConsentEvents.PreferenceWordingChanged.class)).isEmpty();
    }

    @Test
    void an_invalid_wording_changes_nothing() {
        MarketingPreference v1 = kit.newsletter();

        assertThatThrownBy(() -> consent.changeWording(OWNER, TENANT, v1.id(),
                kit.t.preferenceVersion(v1.id()), " \n "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("wording"));
        assertThat(kit.t.<Optional<MarketingPreference>>read(s -> s.preferences().find(TENANT, v1.id()))).contains(v1);
    }

    @Test
    void another_tenants_preference_is_not_found() {
        MarketingPreference theirs = consent.definePreference(OTHER_OWNER, OTHER_TENANT, "newsletter", "Newsletter",
                "News from studio B.", Channel.EMAIL);

        assertThatThrownBy(() -> consent.changeWording(OWNER, TENANT, theirs.id(),
                kit.t.preferenceVersion(theirs.id()), "Hijacked."))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> consent.changeWording(OWNER, TENANT, new PreferenceId(UUID.randomUUID()),
                kit.t.preferenceVersion(new PreferenceId(UUID.randomUUID())), "Anything."))
                .isInstanceOf(NotFoundException.class);
        assertThat(kit.t.<Optional<MarketingPreference>>read(s -> s.preferences().find(OTHER_TENANT, theirs.id())))
                .contains(theirs);
    }

    @Test
    void managing_preferences_needs_manage_marketing_and_listing_them_a_staff_permission() {
        MarketingPreference newsletter = kit.newsletter();
        Client ana = kit.client("Ana");
        Actor marketer = Actor.Staff.of("marketer-1", TENANT, Permission.MANAGE_MARKETING);

        assertThatThrownBy(() -> consent.definePreference(VIEWER, TENANT, "promos", "Promos", "Promos.",
                Channel.EMAIL)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> consent.changeWording(VIEWER, TENANT, newsletter.id(),
                kit.t.preferenceVersion(newsletter.id()), "Changed."))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> consent.changeWording(ConsentKit.self(ana), TENANT, newsletter.id(),
                kit.t.preferenceVersion(newsletter.id()), "Changed."))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> consent.preferences(NOBODY, TENANT)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> consent.preferences(ConsentKit.self(ana), TENANT))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(consent.preferences(marketer, TENANT)).contains(newsletter);
        assertThat(consent.definePreference(marketer, TENANT, "promos", "Promos", "Promos.", Channel.POST).version())
                .isEqualTo(1);
        assertThat(kit.t.<Optional<MarketingPreference>>read(s -> s.preferences().find(TENANT, newsletter.id())))
                .contains(newsletter);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
