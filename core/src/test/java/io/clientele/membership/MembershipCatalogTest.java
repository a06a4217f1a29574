package io.clientele.membership;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ConflictException;
import io.clientele.common.ValidationException;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.MembershipEvents;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.service.MembershipTypeService;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The tenant's catalog of membership types: names, rules, the enabled flag. */
class MembershipCatalogTest {

    private final MembershipKit kit = new MembershipKit();
    private final MembershipTypeService catalog = kit.catalog;
    private final RecurringCreditRule eightAMonth = RecurringCreditRule.of(8, CreditPeriod.MONTHLY,
            Period.ofMonths(1));

    @Test
    void a_new_type_is_enabled_keeps_its_rule_and_is_listed_by_name() {
        MembershipType yoga = catalog.createType(OWNER, TENANT, "  Yoga   unlimited ", eightAMonth);
        catalog.createType(OWNER, TENANT, "Aqua 4", RecurringCreditRule.withoutExpiry(4, CreditPeriod.WEEKLY));

        assertThat(yoga.enabled()).isTrue();
        assertThat(yoga.name().value()).isEqualTo("Yoga unlimited");
        assertThat(yoga.rule()).isEqualTo(eightAMonth);
        assertThat(catalog.listTypes(OWNER, TENANT)).extracting(t -> t.name().value())
                .containsExactly("Aqua 4", "Yoga unlimited");
        assertThat(kit.t.memory.events().events(MembershipEvents.MembershipTypeCreated.class)).hasSize(2);
    }

    @Test
    void type_names_are_unique_per_tenant_ignoring_case() {
        catalog.createType(OWNER, TENANT, "Yoga", eightAMonth);
        var before = kit.storedState();

        assertThatThrownBy(() -> catalog.createType(OWNER, TENANT, "YOGA", eightAMonth))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
                    assertThat(e.getMessage()).startsWith("name:");
                });
        assertThat(kit.storedState()).isEqualTo(before);
        assertThat(catalog.createType(OTHER_OWNER, OTHER_TENANT, "yoga", eightAMonth).tenantId())
                .isEqualTo(OTHER_TENANT);
    }

    @Test
    void renaming_changes_the_name_and_a_taken_name_is_a_conflict_that_changes_nothing() {
        MembershipType yoga = catalog.createType(OWNER, TENANT, "Yoga", eightAMonth);
        catalog.createType(OWNER, TENANT, "Pilates", eightAMonth);

        MembershipType renamed = catalog.renameType(OWNER, TENANT, yoga.id(), kit.typeVersion(yoga.id()), "Yoga flow");
        assertThat(renamed.name().value()).isEqualTo("Yoga flow");
        assertThat(renamed.version()).isEqualTo(yoga.version() + 1);

        var before = kit.storedState();
        assertThatThrownBy(() -> catalog.renameType(OWNER, TENANT, yoga.id(), kit.typeVersion(yoga.id()), "pilates"))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE));
        assertThat(kit.storedState()).isEqualTo(before);
    }

    @Test
    void renaming_to_the_same_name_changes_nothing_and_a_new_case_is_a_rename() {
        MembershipType yoga = catalog.createType(OWNER, TENANT, "Yoga", eightAMonth);
        var before = kit.storedState();

        assertThat(catalog.renameType(OWNER, TENANT, yoga.id(), kit.typeVersion(yoga.id()), " Yoga ")).isEqualTo(yoga);
        assertThat(kit.storedState()).isEqualTo(before);
        assertThat(catalog.renameType(OWNER, TENANT, yoga.id(),
                kit.typeVersion(yoga.id()), "YOGA").name().value()).isEqualTo("YOGA");
    }

    @Test
    void a_type_name_is_one_line_of_1_to_80_characters() {
        MembershipType yoga = catalog.createType(OWNER, TENANT, "Yoga", eightAMonth);
        var before = kit.storedState();

        Map<String, String> ruleOf = Map.of("", "required", " \u00A0 ", "required", "Yoga\nflow", "line_break",
                "Yoga\u202Eflow", "forbidden_character", "x".repeat(81), "max_length");
        ruleOf.forEach((bad, rule) -> {
            assertRefused(() -> catalog.createType(OWNER, TENANT, bad, eightAMonth), "name", rule);
            assertRefused(() -> catalog.renameType(OWNER, TENANT, yoga.id(),
                    kit.typeVersion(yoga.id()), bad), "name", rule);
        });
        assertRefused(() -> catalog.createType(OWNER, TENANT, null, eightAMonth), "name", "required");
        assertThat(kit.storedState()).isEqualTo(before);
        assertThat(catalog.createType(OWNER, TENANT, "é".repeat(80), eightAMonth).name().value()).hasSize(80);
    }

    @Test
    void the_credit_rule_has_1_to_100_credits_per_period_and_a_positive_validity_of_at_most_ten_years() {
        assertRule(() -> RecurringCreditRule.of(0, CreditPeriod.MONTHLY, Period.ofMonths(1)), "creditsPerPeriod",
                "range");
        assertRule(() -> RecurringCreditRule.of(101, CreditPeriod.MONTHLY, Period.ofMonths(1)), "creditsPerPeriod",
                "range");
        assertRule(() -> RecurringCreditRule.of(1, null, Period.ofMonths(1)), "period", "required");
        assertRule(() -> RecurringCreditRule.of(1, CreditPeriod.WEEKLY, Period.ZERO), "validity", "range");
        assertRule(() -> RecurringCreditRule.of(1, CreditPeriod.WEEKLY, Period.of(0, 1, -1)), "validity", "range");
        assertRule(() -> RecurringCreditRule.of(1, CreditPeriod.WEEKLY, Period.of(10, 0, 1)), "validity", "range");
        assertRule(() -> new RecurringCreditRule(1, CreditPeriod.WEEKLY, null), "validity", "required");

        assertThat(RecurringCreditRule.of(100, CreditPeriod.YEARLY, Period.ofYears(10)).creditsPerPeriod())
                .isEqualTo(100);
        assertThat(RecurringCreditRule.of(1, CreditPeriod.WEEKLY, Period.ofDays(1)).expiryOf(LocalDate.of(2026, 3, 2)))
                .contains(LocalDate.of(2026, 3, 3));
        var before = kit.storedState();
        assertRefused(() -> catalog.createType(OWNER, TENANT, "Yoga", null), "rule", "required");
        assertThat(kit.storedState()).isEqualTo(before);
    }

    @Test
    void disabling_and_enabling_a_type_is_idempotent_and_published_once_per_change() {
        MembershipType yoga = catalog.createType(OWNER, TENANT, "Yoga", eightAMonth);

        MembershipType disabled = catalog.disableType(OWNER, TENANT, yoga.id());
        assertThat(disabled.enabled()).isFalse();
        assertThat(catalog.disableType(OWNER, TENANT, yoga.id())).isEqualTo(disabled);
        assertThat(catalog.listTypes(OWNER, TENANT)).containsExactly(disabled);

        MembershipType enabled = catalog.enableType(OWNER, TENANT, yoga.id());
        assertThat(enabled.enabled()).isTrue();
        assertThat(catalog.enableType(OWNER, TENANT, yoga.id())).isEqualTo(enabled);
        assertThat(kit.t.memory.events().events(MembershipEvents.MembershipTypeEnabledChanged.class))
                .extracting(MembershipEvents.MembershipTypeEnabledChanged::enabled).containsExactly(false, true);
    }

    @Test
    void types_of_another_tenant_are_not_listed() {
        catalog.createType(OTHER_OWNER, OTHER_TENANT, "Elsewhere", eightAMonth);

        assertThat(catalog.listTypes(OWNER, TENANT)).isEmpty();
        assertThat(catalog.listTypes(OTHER_OWNER, OTHER_TENANT)).hasSize(1);
    }

    private void assertRefused(ThrowingCallable call, String field, String rule) {
        var before = kit.storedState();
        assertRule(call, field, rule);
        assertThat(kit.storedState()).isEqualTo(before);
    }

    private static void assertRule(ThrowingCallable call, String field, String rule) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
        });
    }

    @Test
    void an_empty_validity_means_credits_never_expire() {
        assertThat(new RecurringCreditRule(3, CreditPeriod.MONTHLY, Optional.empty()).expiryOf(LocalDate.of(2026, 1, 1)))
                .isEmpty();
    }
}
