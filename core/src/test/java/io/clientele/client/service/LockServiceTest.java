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
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LockServiceTest {

    private final TestClientele t = new TestClientele();
    private final LockService locks = t.clientele.locks();

    @Test
    void locking_marks_the_profile_locked_and_audits_it() {
        Client ana = t.ana();
        t.clock.advance(Duration.ofMinutes(5));

        Client locked = locks.lock(MANAGER, TENANT, ana.id(), t.clientVersion(ana.id()));

        assertThat(locked.locked()).isTrue();
        assertThat(locked.version()).isEqualTo(ana.version() + 1);
        assertThat(locked.updatedAt()).isEqualTo(t.clock.instant());
        assertThat(t.reload(ana.id())).isEqualTo(locked);
        AuditEntry entry = t.lastAudit(AuditAction.LOCKED);
        assertThat(entry.clientId()).isEqualTo(ana.id());
        assertThat(entry.actor()).isEqualTo(MANAGER.describe());
        assertThat(entry.occurredAt()).isEqualTo(t.clock.instant());
        assertThat(entry.changes()).containsExactly(
                new FieldChange("locked", Optional.of("false"), Optional.of("true")));
        assertThat(t.memory.events().events(ClientEvents.ClientUpdated.class))
                .anySatisfy(e -> assertThat(e.change()).isEqualTo("LOCKED"));
    }

    @Test
    void unlocking_clears_the_lock_and_audits_it() {
        Client ana = t.ana();
        locks.lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));

        Client unlocked = locks.unlock(MANAGER, TENANT, ana.id(), t.clientVersion(ana.id()));

        assertThat(unlocked.locked()).isFalse();
        assertThat(t.reload(ana.id()).locked()).isFalse();
        AuditEntry entry = t.lastAudit(AuditAction.UNLOCKED);
        assertThat(entry.actor()).isEqualTo(MANAGER.describe());
        assertThat(entry.changes()).containsExactly(
                new FieldChange("locked", Optional.of("true"), Optional.of("false")));
    }

    @Test
    void the_client_list_shows_which_profiles_are_locked() {
        Client ana = t.ana();

        locks.lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));

        assertThat(t.clientele.clients().list(OWNER, TENANT, ClientQuery.all(), PageRequest.first()).items())
                .extracting(ClientSummary::locked).containsExactly(true);
    }

    @Test
    void locking_a_locked_profile_changes_nothing_and_is_not_audited() {
        Client ana = t.ana();
        Client once = locks.lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));
        Map<String, List<String>> before = t.storedState();

        Client twice = locks.lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));

        assertThat(twice).isEqualTo(once);
        assertThat(t.storedState()).isEqualTo(before);
        assertThat(t.auditEntries(AuditAction.LOCKED)).hasSize(1);
    }

    @Test
    void unlocking_an_unlocked_profile_changes_nothing_and_is_not_audited() {
        Client ana = t.ana();
        Map<String, List<String>> before = t.storedState();

        Client result = locks.unlock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));

        assertThat(result).isEqualTo(ana);
        assertThat(t.storedState()).isEqualTo(before);
        assertThat(t.auditEntries(AuditAction.UNLOCKED)).isEmpty();
    }

    @Test
    void lock_and_unlock_require_the_lock_permission_even_for_staff_who_may_edit_locked_profiles() {
        Client ana = t.ana();
        Actor.Staff editor = staffWithout("editor-1", Permission.LOCK_CLIENTS);
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> locks.lock(editor, TENANT, ana.id(), t.clientVersion(ana.id())))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.permission()).contains(Permission.LOCK_CLIENTS));
        assertThatThrownBy(() -> locks.lock(VIEWER, TENANT, ana.id(), t.clientVersion(ana.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(t.storedState()).isEqualTo(before);

        locks.lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));
        Map<String, List<String>> locked = t.storedState();
        assertThatThrownBy(() -> locks.unlock(editor, TENANT, ana.id(), t.clientVersion(ana.id())))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.permission()).contains(Permission.LOCK_CLIENTS));
        assertThat(t.storedState()).isEqualTo(locked);
        assertThat(t.reload(ana.id()).locked()).isTrue();
    }

    @Test
    void a_client_of_another_tenant_is_not_found() {
        Client ana = t.ana();
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> locks.lock(OTHER_OWNER, OTHER_TENANT, ana.id(), t.clientVersion(ana.id())))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.resource()).isEqualTo("client"));
        assertThatThrownBy(() -> locks.unlock(OTHER_OWNER, OTHER_TENANT, ana.id(), t.clientVersion(ana.id())))
                .isInstanceOf(NotFoundException.class);

        assertThat(t.storedState()).isEqualTo(before);
    }

    @Test
    void an_erased_client_cannot_be_locked() {
        Client ana = t.ana();
        t.clientele.erasure().erase(OWNER, TENANT, ana.id());
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> locks.lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id())))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));

        assertThat(t.storedState()).isEqualTo(before);
    }

    @Test
    void erasing_a_locked_client_releases_the_lock() {
        Client ana = t.ana();
        locks.lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));

        t.clientele.erasure().erase(OWNER, TENANT, ana.id());

        assertThat(t.reload(ana.id()).locked()).isFalse();
    }
}
