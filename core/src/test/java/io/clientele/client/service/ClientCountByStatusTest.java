package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.client.service.ClientListTest.withStatus;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.staffWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.Label;
import io.clientele.client.model.StatusCounts;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.testing.TestClientele;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ClientProfileService#countByStatus}: counts per invitation status for status tabs. */
class ClientCountByStatusTest {

    private final TestClientele t = new TestClientele();
    private final ClientProfileService clients = t.clientele.clients();

    private Client ana;
    private Client bruno;
    private Client chloe;
    private Label vip;
    private ClientGroup yoga;

    /** Ana (ADDED, VIP, yoga), Bruno (INVITED, VIP), Chloé (INVITED, yoga), David (ADDED). */
    @BeforeEach
    void four_clients() {
        ana = t.ana();
        bruno = t.create(ClientDetails.named("Bruno", "Martin").withEmail("bruno@studio.fr"));
        chloe = t.create(ClientDetails.named("Chloé", "Dubois"));
        t.create(ClientDetails.named("David", "Martin"));
        vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
        yoga = t.clientele.groups().create(OWNER, TENANT, "Morning yoga");
        t.clientele.labels().assign(OWNER, TENANT, ana.id(), vip.id());
        t.clientele.labels().assign(OWNER, TENANT, bruno.id(), vip.id());
        t.clientele.groups().addMember(OWNER, TENANT, ana.id(), yoga.id());
        t.clientele.groups().addMember(OWNER, TENANT, chloe.id(), yoga.id());
        withStatus(t, bruno, InvitationStatus.INVITED);
        withStatus(t, chloe, InvitationStatus.INVITED);
    }

    private static StatusCounts counts(long added, long invited, long accepted) {
        return new StatusCounts(added, invited, accepted, 0);
    }

    @Test
    void counts_every_status_including_those_with_no_client() {
        StatusCounts counts = clients.countByStatus(VIEWER, TENANT, ClientQuery.all());

        assertThat(counts).isEqualTo(counts(2, 2, 0));
        assertThat(counts.of(InvitationStatus.ACCEPTED)).isZero();
    }

    @Test
    void a_tenant_without_clients_has_a_zero_for_every_status() {
        assertThat(clients.countByStatus(OTHER_OWNER, OTHER_TENANT, ClientQuery.all())).isEqualTo(counts(0, 0, 0));
    }

    @Test
    void counts_apply_the_text_label_and_group_filters() {
        assertThat(clients.countByStatus(OWNER, TENANT, ClientQuery.all().withText("martin")))
                .isEqualTo(counts(1, 1, 0));
        assertThat(clients.countByStatus(OWNER, TENANT, ClientQuery.all().withText("studio.fr")))
                .isEqualTo(counts(0, 1, 0));
        assertThat(clients.countByStatus(OWNER, TENANT, ClientQuery.all().withLabel(vip.id())))
                .isEqualTo(counts(1, 1, 0));
        assertThat(clients.countByStatus(OWNER, TENANT, ClientQuery.all().withGroup(yoga.id())))
                .isEqualTo(counts(1, 1, 0));
        assertThat(clients.countByStatus(OWNER, TENANT, ClientQuery.all().withGroup(yoga.id()).withLabel(vip.id())))
                .isEqualTo(counts(1, 0, 0));
    }

    @Test
    void the_status_filter_is_ignored_so_the_counts_can_label_status_tabs() {
        ClientQuery martins = ClientQuery.all().withText("martin");

        for (InvitationStatus status : InvitationStatus.values()) {
            assertThat(clients.countByStatus(OWNER, TENANT, martins.withStatus(status)))
                    .as("with status filter %s", status)
                    .isEqualTo(clients.countByStatus(OWNER, TENANT, martins));
        }
    }

    @Test
    void each_count_equals_the_length_of_the_matching_list() {
        ClientQuery query = ClientQuery.all().withText("in");
        StatusCounts counts = clients.countByStatus(OWNER, TENANT, query);

        for (InvitationStatus status : InvitationStatus.values()) {
            int listed = clients.list(OWNER, TENANT, query.withStatus(status), PageRequest.first(200)).items().size();
            assertThat(counts.of(status)).as("count of %s", status).isEqualTo(listed);
        }
    }

    @Test
    void counts_follow_status_changes() {
        withStatus(t, bruno, InvitationStatus.ACCEPTED);

        assertThat(clients.countByStatus(OWNER, TENANT, ClientQuery.all())).isEqualTo(counts(2, 1, 1));
    }

    @Test
    void erased_clients_are_counted_only_when_asked_for() {
        t.clientele.erasure().erase(OWNER, TENANT, chloe.id());

        assertThat(clients.countByStatus(OWNER, TENANT, ClientQuery.all())).isEqualTo(counts(2, 1, 0));
        assertThat(clients.countByStatus(OWNER, TENANT, ClientQuery.all().includingErased()))
                .isEqualTo(new StatusCounts(2, 1, 0, 1));
    }

    @Test
    void counting_writes_nothing() {
        StoreSnapshot before = StoreSnapshot.of(t);

        clients.countByStatus(OWNER, TENANT, ClientQuery.all().withText("martin"));

        before.assertUnchangedIn(t);
    }

    // ---------------------------------------------------------------- validation failures

    @Test
    void missing_query_actor_or_tenant_is_refused_naming_the_field() {
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.countByStatus(OWNER, TENANT, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("query");
                    assertThat(e.rule()).isEqualTo("required");
                });
        assertThatThrownBy(() -> clients.countByStatus(null, TENANT, ClientQuery.all()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("actor");
                    assertThat(e.rule()).isEqualTo("required");
                });
        assertThatThrownBy(() -> clients.countByStatus(OWNER, null, ClientQuery.all()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("tenantId");
                    assertThat(e.rule()).isEqualTo("required");
                });
        before.assertUnchangedIn(t);
    }

    @Test
    void a_text_filter_of_one_character_is_refused() {
        assertThatThrownBy(() -> clients.countByStatus(OWNER, TENANT, ClientQuery.all().withText("m")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("text");
                    assertThat(e.rule()).isEqualTo("min_length");
                });
    }

    // ---------------------------------------------------------------- permissions

    @Test
    void counting_requires_view_clients_and_is_never_open_to_clients_themselves() {
        List<Actor> denied = List.of(NOBODY, staffWithout("no-view", Permission.VIEW_CLIENTS),
                new Actor.ClientSelf(ana.id()));

        for (Actor actor : denied) {
            assertThatThrownBy(() -> clients.countByStatus(actor, TENANT, ClientQuery.all()))
                    .as(actor.describe())
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.VIEW_CLIENTS));
        }
    }

    // ---------------------------------------------------------------- tenancy

    @Test
    void another_tenant_counts_only_its_own_clients_even_with_this_tenants_label_or_group() {
        Client elsewhere = clients.create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Bruno", "Martin"));
        withStatus(t, elsewhere, InvitationStatus.ACCEPTED);

        assertThat(clients.countByStatus(OTHER_OWNER, OTHER_TENANT, ClientQuery.all())).isEqualTo(counts(0, 0, 1));
        assertThat(clients.countByStatus(OTHER_OWNER, OTHER_TENANT, ClientQuery.all().withLabel(vip.id())))
                .isEqualTo(counts(0, 0, 0));
        assertThat(clients.countByStatus(OTHER_OWNER, OTHER_TENANT, ClientQuery.all().withGroup(yoga.id())))
                .isEqualTo(counts(0, 0, 0));
        assertThat(clients.countByStatus(OWNER, TENANT, ClientQuery.all())).isEqualTo(counts(2, 2, 0));
    }
}
