package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.model.LockScope;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.testing.TestClientele;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

class ClientGuardTest {

    private final TestClientele t = new TestClientele();
    private final ClientGuard guard = new ClientGuard(t.memory.clients(), t.memory.tenantSettings());

    @Test
    void staff_of_another_tenant_get_not_found_as_for_an_unknown_client() {
        Client ana = t.ana();

        assertThatThrownBy(() -> inUnit(() -> guard.read(OTHER_OWNER, Permission.VIEW_CLIENTS, TENANT, ana.id())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> inUnit(() -> guard.read(OWNER, Permission.VIEW_CLIENTS, TENANT,
                new ClientId(java.util.UUID.fromString("018f0000-0000-7000-8000-000000000000")))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    @Tag("in-memory")
    void the_client_themself_may_read_but_not_through_a_staff_only_gate() {
        Client ana = t.ana();
        Actor self = new Actor.ClientSelf(ana.id());

        assertThat(inUnit(() -> guard.read(self, Permission.VIEW_CLIENTS, TENANT, ana.id())).id()).isEqualTo(ana.id());
        assertThatThrownBy(() -> inUnit(() -> guard.readAsStaff(self, Permission.VIEW_CLIENTS, TENANT, ana.id())))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_write_without_the_permission_is_denied_before_anything_is_locked() {
        Client ana = t.ana();

        assertThatThrownBy(() -> inUnit(() -> guard.write(VIEWER, Permission.EDIT_CLIENTS, TENANT, ana.id(),
                "its notes are read-only"))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @Tag("in-memory")
    void a_write_to_an_erased_client_is_refused_with_the_callers_reason() {
        Client ana = t.ana();
        t.clientele.erasure().erase(OWNER, TENANT, ana.id());

        assertThatThrownBy(() -> inUnit(() -> guard.writeAsStaff(OWNER, Permission.EDIT_CLIENTS, TENANT, ana.id(),
                "its notes are read-only")))
                .isInstanceOf(ConflictException.class).hasMessageEndingWith("its notes are read-only");
        assertThat(inUnit(() -> guard.read(OWNER, Permission.VIEW_CLIENTS, TENANT, ana.id())).erased()).isTrue();
    }

    @Test
    @Tag("in-memory")
    void a_locked_profile_needs_edit_locked_for_a_covered_field_group_only() {
        Client ana = t.ana();
        t.clientele.locks().lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));
        Actor.Staff manager = TestClientele.MANAGER;

        assertThatThrownBy(() -> inUnit(() -> guard.forPersonalEdit(manager, TENANT, ana.id(),
                LockScope.PERSONAL_DETAILS))).isInstanceOf(AccessDeniedException.class);
        assertThat(inUnit(() -> guard.forPersonalEdit(OWNER, TENANT, ana.id(), LockScope.PERSONAL_DETAILS)).locked())
                .isTrue();
    }

    private <T> T inUnit(java.util.function.Supplier<T> work) {
        return t.memory.transactions().inTransaction(work);
    }
}
