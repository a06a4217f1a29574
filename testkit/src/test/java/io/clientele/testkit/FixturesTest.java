package io.clientele.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.model.InvitationStatus;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FixturesTest {

    private final Fixtures fx = Fixtures.standard();

    @Test
    void ids_sort_in_creation_order_as_unsigned_bytes_do_in_sql() {
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            made.add(fx.nextId());
            if (i % 50 == 0) {
                fx.advance(Duration.ofMillis(1));
            }
        }

        assertThat(made).isSortedAccordingTo(UUID::compareTo);
        assertThat(made).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
        for (int i = 1; i < made.size(); i++) {
            assertThat(Long.compareUnsigned(made.get(i - 1).getMostSignificantBits(),
                    made.get(i).getMostSignificantBits())).isNegative();
        }
    }

    @Test
    void every_tenant_made_is_new() {
        Set<TenantId> tenants = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            tenants.add(fx.newTenant());
        }

        assertThat(tenants).hasSize(100);
    }

    @Test
    void a_client_is_built_with_every_change_asked_for_in_order() {
        Client client = fx.aClient(fx.newTenant()).named("Ana", "Lopez").withEmail("ANA@Example.com")
                .withPass("card-1").invited().accepted().locked().build();

        assertThat(client.details().email().orElseThrow().value()).isEqualTo("ana@example.com");
        assertThat(client.invitationStatus()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(client.locked()).isTrue();
        assertThat(client.passes()).extracting(Object::toString).containsExactly("CARD-1");
        assertThat(client.version()).isZero();
        assertThat(client.createdAt()).isEqualTo(fx.now());
        ClientId next = fx.newClientId();
        assertThat(next.value()).isGreaterThan(client.id().value());
    }
}
