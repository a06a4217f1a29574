package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.staffWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.model.Mask;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.ClientId;
import io.clientele.common.Cursor;
import io.clientele.common.NotFoundException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditServiceTest {

    private final TestClientele t = new TestClientele();
    private final AuditService audit = t.clientele.audit();

    /** Ana with five audit entries: created, details changed, locked, unlocked, pass linked. */
    private Client anaWithFiveEntries() {
        Client ana = t.ana();
        t.clock.advance(Duration.ofMinutes(1));
        t.clientele.clients().editDetails(OWNER, TENANT, ana.id(), ana.version(),
                ClientDetails.named("Anabel", "Lopez").withEmail("anabel@example.org").withPhone("+33 6 98 76 54 32"));
        t.clock.advance(Duration.ofMinutes(1));
        t.clientele.locks().lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));
        t.clientele.locks().unlock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));
        t.clock.advance(Duration.ofMinutes(1));
        t.clientele.passes().link(OWNER, TENANT, ana.id(), "CARD-1");
        return ana;
    }

    @Test
    void the_trail_of_a_client_is_listed_newest_first() {
        Client ana = anaWithFiveEntries();
        Client bea = t.create(ClientDetails.named("Bea", "Moreau"));

        Page<AuditEntry> page = audit.list(MANAGER, TENANT, ana.id(), PageRequest.first());

        assertThat(page.items()).extracting(AuditEntry::action).containsExactly(AuditAction.PASS_LINKED,
                AuditAction.UNLOCKED, AuditAction.LOCKED, AuditAction.DETAILS_CHANGED, AuditAction.CLIENT_CREATED);
        assertThat(page.items()).extracting(AuditEntry::clientId).containsOnly(ana.id());
        assertThat(page.items()).extracting(AuditEntry::occurredAt).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(page.hasNext()).isFalse();
        assertThat(audit.list(MANAGER, TENANT, bea.id(), PageRequest.first()).items())
                .extracting(AuditEntry::action).containsExactly(AuditAction.CLIENT_CREATED);
    }

    @Test
    void keyset_pages_of_two_return_every_entry_once_in_descending_id_order() {
        Client ana = anaWithFiveEntries();
        t.create(ClientDetails.named("Bea", "Moreau"));
        List<AuditEntry> expected = t.auditTrail(TENANT).stream()
                .filter(e -> e.clientId().equals(ana.id()))
                .sorted(Comparator.comparing(AuditEntry::id).reversed()).toList();

        List<List<AuditEntry>> pages = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (true) {
            Page<AuditEntry> page = audit.list(MANAGER, TENANT, ana.id(), request);
            pages.add(page.items());
            if (page.next().isEmpty()) {
                break;
            }
            request = PageRequest.after(page.next().get(), 2);
        }

        assertThat(expected).hasSize(5);
        assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
        List<AuditEntry> all = pages.stream().flatMap(List::stream).toList();
        assertThat(all).containsExactlyElementsOf(expected);
        assertThat(all).extracting(AuditEntry::id).doesNotHaveDuplicates()
                .isSortedAccordingTo(Comparator.<UUID>naturalOrder().reversed());
    }

    @Test
    void entries_appended_while_paging_do_not_shift_the_later_pages() {
        Client ana = anaWithFiveEntries();
        Page<AuditEntry> first = audit.list(MANAGER, TENANT, ana.id(), PageRequest.first(2));

        t.clientele.passes().link(OWNER, TENANT, ana.id(), "CARD-2");
        Page<AuditEntry> second = audit.list(MANAGER, TENANT, ana.id(), PageRequest.after(first.next().orElseThrow(), 2));
        Page<AuditEntry> third = audit.list(MANAGER, TENANT, ana.id(), PageRequest.after(second.next().orElseThrow(), 2));

        assertThat(second.items()).extracting(AuditEntry::action)
                .containsExactly(AuditAction.LOCKED, AuditAction.DETAILS_CHANGED);
        assertThat(third.items()).extracting(AuditEntry::action).containsExactly(AuditAction.CLIENT_CREATED);
        assertThat(third.hasNext()).isFalse();
    }

    @Test
    void a_cursor_not_made_by_clientele_is_refused() {
        Client ana = anaWithFiveEntries();

        assertThatThrownBy(() -> audit.list(MANAGER, TENANT, ana.id(), PageRequest.after(new Cursor("bm90LWEtdXVpZA"), 2)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("cursor");
                    assertThat(e.rule()).isEqualTo("format");
                });
    }

    @Test
    void reading_the_trail_requires_the_view_audit_permission() {
        Client ana = anaWithFiveEntries();

        assertThatThrownBy(() -> audit.list(VIEWER, TENANT, ana.id(), PageRequest.first()))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.permission()).contains(Permission.VIEW_AUDIT));
        assertThatThrownBy(() -> audit.list(staffWithout("auditless-1", Permission.VIEW_AUDIT), TENANT, ana.id(),
                PageRequest.first()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(audit.list(staffWithout("auditor-1", Permission.EDIT_CLIENTS), TENANT, ana.id(),
                PageRequest.first()).items()).hasSize(5);
    }

    @Test
    void the_trail_of_a_client_of_another_tenant_is_not_found() {
        Client ana = anaWithFiveEntries();

        assertThatThrownBy(() -> audit.list(OTHER_OWNER, OTHER_TENANT, ana.id(), PageRequest.first()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.resource()).isEqualTo("client"));
        assertThatThrownBy(() -> audit.list(OWNER, TENANT, new ClientId(UUID.randomUUID()), PageRequest.first()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_trail_of_an_erased_client_stays_listable() {
        Client ana = anaWithFiveEntries();
        t.clientele.erasure().erase(OWNER, TENANT, ana.id());

        Page<AuditEntry> page = audit.list(MANAGER, TENANT, ana.id(), PageRequest.first());

        assertThat(page.items()).extracting(AuditEntry::action).containsExactly(AuditAction.ERASED,
                AuditAction.PASS_LINKED, AuditAction.UNLOCKED, AuditAction.LOCKED, AuditAction.DETAILS_CHANGED,
                AuditAction.CLIENT_CREATED);
    }

    @Test
    void personal_data_is_recorded_masked() {
        Client ana = anaWithFiveEntries();

        List<AuditEntry> entries = audit.list(MANAGER, TENANT, ana.id(), PageRequest.first()).items();

        AuditEntry created = entry(entries, AuditAction.CLIENT_CREATED);
        assertThat(created.changes()).contains(
                new FieldChange("firstName", Optional.empty(), Optional.of("A***"), true),
                new FieldChange("lastName", Optional.empty(), Optional.of("L***"), true),
                new FieldChange("email", Optional.empty(), Optional.of("a***@e***.com"), true),
                new FieldChange("phone", Optional.empty(), Optional.of("+33*******78"), true));
        AuditEntry changed = entry(entries, AuditAction.DETAILS_CHANGED);
        assertThat(changed.changes()).containsExactly(
                new FieldChange("firstName", Optional.of("A***"), Optional.of("A*** (changed)"), true),
                new FieldChange("lastName", Optional.of("L***"), Optional.of("L*** (changed)"), true),
                new FieldChange("email", Optional.of("a***@e***.com"), Optional.of("a***@e***.org"), true),
                new FieldChange("phone", Optional.of("+33*******78"), Optional.of("+33*******32"), true));
        assertThat(changed.changes()).extracting(FieldChange::after).containsExactly(
                Optional.of(Mask.name("Anabel") + " (changed)"), Optional.of(Mask.name("Lopez") + " (changed)"),
                Optional.of(Mask.email("anabel@example.org")), Optional.of(Mask.phone("+33698765432")));
        assertThat(entries.toString()).doesNotContainIgnoringCase("ana.lopez").doesNotContainIgnoringCase("anabel")
                .doesNotContainIgnoringCase("López").doesNotContain("612345678").doesNotContain("698765432");
    }

    private static AuditEntry entry(List<AuditEntry> entries, AuditAction action) {
        return entries.stream().filter(e -> e.action() == action).findFirst().orElseThrow();
    }
}
