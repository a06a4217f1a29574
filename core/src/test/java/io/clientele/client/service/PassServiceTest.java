package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.PassNumber;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.testing.TestClientele;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PassServiceTest {

    private final TestClientele t = new TestClientele();
    private final PassService passes = t.clientele.passes();

    @Test
    void linking_a_pass_puts_it_on_the_client_and_audits_it() {
        Client ana = t.ana();

        Client linked = passes.link(MANAGER, TENANT, ana.id(), "CARD-0042");

        assertThat(linked.passes()).containsExactly(PassNumber.of("CARD-0042"));
        assertThat(linked.version()).isEqualTo(ana.version() + 1);
        assertThat(t.reload(ana.id())).isEqualTo(linked);
        AuditEntry entry = t.lastAudit(AuditAction.PASS_LINKED);
        assertThat(entry.clientId()).isEqualTo(ana.id());
        assertThat(entry.actor()).isEqualTo(MANAGER.describe());
        assertThat(entry.changes()).containsExactly(new FieldChange("pass", Optional.empty(), Optional.of("****0042"), true));
    }

    @Test
    void a_client_may_hold_several_passes() {
        Client ana = t.ana();

        passes.link(OWNER, TENANT, ana.id(), "A-1");
        Client linked = passes.link(OWNER, TENANT, ana.id(), "B-2");

        assertThat(linked.passes()).containsExactlyInAnyOrder(PassNumber.of("A-1"), PassNumber.of("B-2"));
    }

    @Test
    void the_number_is_normalized_to_upper_case_without_spaces() {
        Client ana = t.ana();

        Client linked = passes.link(OWNER, TENANT, ana.id(), "  ab 12-cd_9 ");

        assertThat(linked.passes()).containsExactly(PassNumber.of("AB12-CD_9"));
        assertThat(linked.passes()).extracting(PassNumber::value).containsExactly("AB12-CD_9");
    }

    @Test
    void unlinking_accepts_the_number_as_typed_in_another_form() {
        Client ana = t.ana();
        passes.link(OWNER, TENANT, ana.id(), "AB12");

        Client unlinked = passes.unlink(OWNER, TENANT, ana.id(), "ab 12");

        assertThat(unlinked.passes()).isEmpty();
    }

    @Test
    void unlinking_removes_the_pass_and_audits_it() {
        Client ana = t.ana();
        passes.link(OWNER, TENANT, ana.id(), "CARD-1");
        passes.link(OWNER, TENANT, ana.id(), "CARD-2");

        Client unlinked = passes.unlink(MANAGER, TENANT, ana.id(), "CARD-1");

        assertThat(unlinked.passes()).containsExactly(PassNumber.of("CARD-2"));
        assertThat(t.reload(ana.id()).passes()).containsExactly(PassNumber.of("CARD-2"));
        AuditEntry entry = t.lastAudit(AuditAction.PASS_UNLINKED);
        assertThat(entry.changes()).containsExactly(new FieldChange("pass", Optional.of("****"), Optional.empty(), true));
    }

    @Test
    void an_unlinked_pass_can_be_linked_to_another_client() {
        Client ana = t.ana();
        Client bea = t.create(ClientDetails.named("Bea", "Moreau"));
        passes.link(OWNER, TENANT, ana.id(), "CARD-7");
        passes.unlink(OWNER, TENANT, ana.id(), "CARD-7");

        Client linked = passes.link(OWNER, TENANT, bea.id(), "card-7");

        assertThat(linked.passes()).containsExactly(PassNumber.of("CARD-7"));
    }

    @Test
    void a_pass_held_by_another_client_of_the_tenant_is_a_duplicate_and_changes_nothing() {
        Client ana = t.ana();
        Client bea = t.create(ClientDetails.named("Bea", "Moreau"));
        passes.link(OWNER, TENANT, ana.id(), "CARD-7");
        Map<String, List<String>> before = t.storedState();

        ConflictException e = catchThrowableOfType(() -> passes.link(OWNER, TENANT, bea.id(), " card-7"),
                ConflictException.class);

        assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
        assertThat(e.getMessage()).startsWith("passNumber:");
        assertThat(t.reload(bea.id()).passes()).isEmpty();
        assertThat(t.storedState()).isEqualTo(before);
    }

    @Test
    void the_same_number_may_be_linked_in_another_tenant() {
        Client ana = t.ana();
        Client theirs = t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Ana", "Other"));
        passes.link(OWNER, TENANT, ana.id(), "CARD-7");

        Client linked = passes.link(OTHER_OWNER, OTHER_TENANT, theirs.id(), "CARD-7");

        assertThat(linked.passes()).containsExactly(PassNumber.of("CARD-7"));
        assertThat(t.reload(ana.id()).passes()).containsExactly(PassNumber.of("CARD-7"));
    }

    @Test
    void relinking_a_pass_the_client_already_holds_changes_nothing() {
        Client ana = t.ana();
        Client once = passes.link(OWNER, TENANT, ana.id(), "CARD-7");
        Map<String, List<String>> before = t.storedState();

        Client twice = passes.link(OWNER, TENANT, ana.id(), " card-7 ");

        assertThat(twice).isEqualTo(once);
        assertThat(t.storedState()).isEqualTo(before);
        assertThat(t.auditEntries(AuditAction.PASS_LINKED)).hasSize(1);
    }

    @Test
    void unlinking_a_pass_the_client_does_not_hold_is_not_found_and_changes_nothing() {
        Client ana = t.ana();
        Client bea = t.create(ClientDetails.named("Bea", "Moreau"));
        passes.link(OWNER, TENANT, bea.id(), "CARD-7");
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> passes.unlink(OWNER, TENANT, ana.id(), "CARD-7"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.resource()).isEqualTo("pass");
                    assertThat(e.id()).as("the pass number is masked in the message").isEqualTo("****");
                });
        assertThatThrownBy(() -> passes.unlink(OWNER, TENANT, ana.id(), "NEVER-LINKED"))
                .isInstanceOf(NotFoundException.class);

        assertThat(t.reload(bea.id()).passes()).containsExactly(PassNumber.of("CARD-7"));
        assertThat(t.storedState()).isEqualTo(before);
    }

    static Stream<Arguments> badNumbers() {
        return Stream.of(
                Arguments.of("", "required"),
                Arguments.of("   ", "required"),
                Arguments.of("CARD#7", "format"),
                Arguments.of("CARTE-É", "format"),
                Arguments.of("X".repeat(65), "max_length"),
                Arguments.of("X".repeat(129), "max_length"),
                Arguments.of("CARD\n7", "line_break"),
                Arguments.of("CARD\u00007", "forbidden_character"));
    }

    @ParameterizedTest
    @MethodSource("badNumbers")
    void a_bad_number_is_refused_naming_field_and_rule_and_changes_nothing(String number, String rule) {
        Client ana = t.ana();
        Map<String, List<String>> before = t.storedState();

        ValidationException link = catchThrowableOfType(() -> passes.link(OWNER, TENANT, ana.id(), number),
                ValidationException.class);
        ValidationException unlink = catchThrowableOfType(() -> passes.unlink(OWNER, TENANT, ana.id(), number),
                ValidationException.class);

        assertThat(link.field()).isEqualTo("passNumber");
        assertThat(link.rule()).isEqualTo(rule);
        assertThat(unlink.rule()).isEqualTo(rule);
        assertThat(t.storedState()).isEqualTo(before);
    }

    @Test
    void a_number_of_sixty_four_characters_is_accepted() {
        Client ana = t.ana();

        Client linked = passes.link(OWNER, TENANT, ana.id(), "7".repeat(64));

        assertThat(linked.passes()).containsExactly(PassNumber.of("7".repeat(64)));
    }

    @Test
    void a_client_holds_at_most_twenty_passes() {
        Client ana = t.ana();
        for (int i = 1; i <= Client.MAX_PASSES; i++) {
            passes.link(OWNER, TENANT, ana.id(), "P-" + i);
        }
        Map<String, List<String>> before = t.storedState();

        ValidationException e = catchThrowableOfType(() -> passes.link(OWNER, TENANT, ana.id(), "P-21"),
                ValidationException.class);

        assertThat(e.field()).isEqualTo("passNumber");
        assertThat(e.rule()).isEqualTo("max_size");
        assertThat(t.storedState()).isEqualTo(before);
    }

    @Test
    void staff_without_the_edit_permission_cannot_link_or_unlink() {
        Client ana = t.ana();
        passes.link(OWNER, TENANT, ana.id(), "CARD-1");
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> passes.link(VIEWER, TENANT, ana.id(), "CARD-2"))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.permission()).contains(Permission.EDIT_CLIENTS));
        assertThatThrownBy(() -> passes.unlink(VIEWER, TENANT, ana.id(), "CARD-1"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> passes.link(NOBODY, TENANT, ana.id(), "CARD-2"))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(t.storedState()).isEqualTo(before);
    }

    @Test
    void staff_without_the_edit_permission_are_denied_before_the_number_is_validated() {
        Client ana = t.ana();

        assertThatThrownBy(() -> passes.link(VIEWER, TENANT, ana.id(), "CARD#7"))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.permission()).contains(Permission.EDIT_CLIENTS));
        assertThatThrownBy(() -> passes.unlink(NOBODY, TENANT, ana.id(), " "))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_client_of_another_tenant_is_not_found_and_keeps_its_passes() {
        Client ana = t.ana();
        passes.link(OWNER, TENANT, ana.id(), "CARD-1");
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> passes.link(OTHER_OWNER, OTHER_TENANT, ana.id(), "CARD-2"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.resource()).isEqualTo("client"));
        assertThatThrownBy(() -> passes.unlink(OTHER_OWNER, OTHER_TENANT, ana.id(), "CARD-1"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.resource()).isEqualTo("client"));

        assertThat(t.storedState()).isEqualTo(before);
    }
}
