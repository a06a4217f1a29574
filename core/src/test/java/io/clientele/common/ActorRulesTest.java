package io.clientele.common;

import static io.clientele.common.UntrustedInput.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.credit.service.CreditService;
import io.clientele.invitation.service.MailDispatcher;
import io.clientele.membership.service.MembershipEraser;
import io.clientele.membership.service.MembershipIssuanceJob;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression tests for review findings 7 and 12: a system actor's name went unchecked into audit
 * entries and logs, and a null permission made {@code Actor.Staff} throw a raw
 * {@link NullPointerException}.
 */
class ActorRulesTest {

    private static final TenantId TENANT = TenantId.of("studio-a");

    // ---------------------------------------------------------------- finding 7: system actor names

    @ParameterizedTest
    @ValueSource(strings = {"job\u202Eeman", "job\r\nINFO fake log line", "job\u0000", "\u3164", "booking flow",
            "job\u2028", "job\t", "caf\u00E9", "job@example.com", "job/1", " ", ""})
    void system_actor_names_with_bidi_overrides_line_breaks_nul_or_other_text_are_refused(String name) {
        assertRefused(() -> new Actor.SystemActor(name), "name", "format");
    }

    @Test
    void a_system_actor_name_is_refused_beyond_64_characters_and_when_missing() {
        assertThat(new Actor.SystemActor("j".repeat(64)).describe()).isEqualTo("system:" + "j".repeat(64));
        assertRefused(() -> new Actor.SystemActor("j".repeat(65)), "name", "format");
        assertRefused(() -> new Actor.SystemActor(null), "name", "required");
    }

    @Test
    void system_actor_names_of_staff_id_characters_are_accepted() {
        for (String name : List.of("booking-flow", "import:shop", "sync_2026.03", "A", "0")) {
            assertThat(new Actor.SystemActor(name).describe()).isEqualTo("system:" + name);
        }
    }

    @Test
    void every_system_actor_the_library_defines_follows_the_rule() {
        List<Actor> defined = List.of(MembershipIssuanceJob.ISSUANCE_ACTOR, MembershipEraser.ERASURE_ACTOR,
                CreditService.EXPIRY_JOB, MailDispatcher.ACTOR);

        assertThat(defined).extracting(Actor::describe)
                .containsExactly("system:membership-credits", "system:membership-erasure", "system:credit-expiry",
                        "system:mail-dispatcher")
                .allMatch(d -> d.matches("system:[A-Za-z0-9._:-]{1,64}"));
    }

    // ---------------------------------------------------------------- finding 12: null permissions

    @Test
    void a_null_permission_is_refused_naming_permissions_instead_of_a_null_pointer_exception() {
        assertRefused(() -> Actor.Staff.of("u-1", TENANT, (Permission) null), "permissions", "required");
        assertRefused(() -> Actor.Staff.of("u-1", TENANT, Permission.VIEW_CLIENTS, null), "permissions", "required");
        assertRefused(() -> Actor.Staff.of("u-1", TENANT, (Permission[]) null), "permissions", "required");
        Set<Permission> withNull = new HashSet<>(Arrays.asList(Permission.VIEW_CLIENTS, null));
        assertRefused(() -> new Actor.Staff("u-1", TENANT, withNull), "permissions", "required");
        assertRefused(() -> new Actor.Staff("u-1", TENANT, null), "permissions", "required");
    }

    @Test
    void staff_permissions_are_still_copied_and_held() {
        EnumSet<Permission> given = EnumSet.of(Permission.VIEW_CLIENTS);
        Actor.Staff staff = new Actor.Staff("u-1", TENANT, given);
        given.add(Permission.EDIT_CLIENTS);

        assertThat(staff.permissions()).containsExactly(Permission.VIEW_CLIENTS);
        assertThat(Actor.Staff.of("u-2", TENANT).permissions()).isEmpty();
        assertThat(Actor.Staff.of("u-3", TENANT, Permission.VIEW_CLIENTS, Permission.VIEW_CLIENTS).has(
                Permission.VIEW_CLIENTS)).isTrue();
    }
}
