package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.Label;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Text;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignStatus;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.CampaignTarget.TargetStatus;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.PreviewCounts;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.testing.EncodedForms;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression tests for issue 7, point 5: a campaign's stored position was the client-list cursor
 * (folded names), and a campaign aimed at explicit clients kept its custom message, which often
 * names the person, after the person was erased.
 */
class CampaignPersonalDataTest {

    private static final int CHUNK = 3;
    private static final List<String> FIRST_NAMES = List.of("Zephyrine", "Bartholomew", "Philippa", "Ottoline",
            "Ambrose", "Ysolde", "Cressida");

    private final InviteKit kit = new InviteKit(InvitationFixture.CONFIG.withCampaignChunkSize(CHUNK));
    private final CampaignService campaigns = kit.campaigns;
    private final List<Client> clients = FIRST_NAMES.stream().map(kit::added).toList();
    private final ClientGroup group = kit.t.clientele.groups().create(OWNER, TENANT, "Morning pilates");
    private final Label label = kit.t.clientele.labels().create(OWNER, TENANT, "Regulars");

    CampaignPersonalDataTest() {
        for (Client c : clients) {
            kit.inGroup(c, group);
            kit.labelled(c, label);
        }
    }

    /** Every kind of target, each reaching all the test's clients. */
    enum Target {
        ALL_CLIENTS, GROUP, STATUS, LABEL, EXPLICIT_CLIENTS
    }

    private CampaignTarget target(Target kind) {
        return switch (kind) {
            case ALL_CLIENTS -> new CampaignTarget.AllClients();
            case GROUP -> new CampaignTarget.Group(group.id());
            case STATUS -> new CampaignTarget.WithStatus(TargetStatus.ADDED);
            case LABEL -> new CampaignTarget.WithLabel(label.id());
            case EXPLICIT_CLIENTS -> new CampaignTarget.Clients(Set.copyOf(clients.stream().map(Client::id).toList()));
        };
    }

    // ---------------------------------------------------------------- the position

    @ParameterizedTest
    @EnumSource(Target.class)
    void a_campaign_position_is_the_id_of_the_last_client_of_each_chunk_in_id_order(Target kind) {
        Campaign campaign = campaigns.create(MANAGER, TENANT, target(kind));
        InviteKit.Recording listener = new InviteKit.Recording();

        Campaign done = campaigns.run(MANAGER, TENANT, campaign.id(), listener);

        List<ClientId> inIdOrder = clients.stream().map(Client::id).sorted(Comparator.comparing(ClientId::value))
                .toList();
        assertThat(listener.seen).extracting(c -> c.position().orElseThrow())
                .containsExactly(inIdOrder.get(2), inIdOrder.get(5), inIdOrder.get(6));
        assertThat(done.progress().enqueued()).isEqualTo(clients.size());
        assertThat(kit.rowsPerClient()).hasSize(clients.size()).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void a_stored_campaign_holds_no_name_in_clear_nor_encoded(Target kind) {
        Campaign campaign = campaigns.create(MANAGER, TENANT, target(kind));
        assertThatThrownBy(() -> campaigns.run(MANAGER, TENANT, campaign.id(), c -> {
            throw new IllegalStateException("interrupted after the first chunk");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(campaigns.get(MANAGER, TENANT, campaign.id()).position()).isPresent();

        String stored = kit.t.allStoredCampaigns().toString();
        for (String name : FIRST_NAMES) {
            String folded = Text.fold(name);
            assertThat(stored.toLowerCase(Locale.ROOT)).doesNotContain(folded).doesNotContain("tester");
            for (String form : EncodedForms.base64(folded)) {
                assertThat(stored).doesNotContain(form);
            }
            for (String form : EncodedForms.base64(Text.fold("Tester") + '\u0001' + folded)) {
                assertThat(stored).doesNotContain(form);
            }
        }
    }

    @Test
    void a_client_renamed_during_a_run_is_neither_skipped_nor_met_again() {
        Campaign campaign = campaigns.create(MANAGER, TENANT, new CampaignTarget.AllClients());
        assertThatThrownBy(() -> campaigns.run(MANAGER, TENANT, campaign.id(), c -> {
            throw new IllegalStateException("interrupted after the first chunk");
        })).isInstanceOf(IllegalStateException.class);
        List<ClientId> inIdOrder = clients.stream().map(Client::id).sorted(Comparator.comparing(ClientId::value))
                .toList();
        // the first client done now sorts last by name, and the last one to do sorts first
        rename(inIdOrder.get(0), "Zacharias", "Zzyzx");
        rename(inIdOrder.get(6), "Aaron", "Aardvark");

        Campaign done = campaigns.run(MANAGER, TENANT, campaign.id(), c -> { });

        assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(done.progress().considered()).isEqualTo(clients.size());
        assertThat(done.progress().enqueued()).isEqualTo(clients.size());
        assertThat(done.progress().skippedAlreadyInCampaign()).isZero();
        assertThat(kit.rowsPerClient()).hasSize(clients.size()).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void preview_counts_what_the_run_then_does_for_every_target(Target kind) {
        CampaignTarget target = target(kind);
        kit.erased(clients.get(1));
        kit.accepted("Accepted");
        kit.invitedJustNow(clients.get(3));

        PreviewCounts preview = campaigns.preview(MANAGER, TENANT, target);
        Campaign done = campaigns.run(MANAGER, TENANT,
                campaigns.create(MANAGER, TENANT, target).id(), c -> { });

        assertThat(InviteKit.asPreview(done.progress())).isEqualTo(preview);
        assertThat(preview.inCooldown()).isEqualTo(1);
        assertThat(preview.willSend()).isEqualTo(done.progress().enqueued()).isPositive();
    }

    @Test
    void the_walk_reads_each_chunk_of_clients_in_one_call_and_never_one_by_one() {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        CampaignService service = countingClients(calls);

        service.preview(MANAGER, TENANT, new CampaignTarget.Group(group.id()));
        assertThat(calls).as("preview").doesNotContainKey("find").doesNotContainKey("findForUpdate");
        assertThat(calls.get("findMatching")).as("preview: 7 clients in chunks of 3").hasValue(3);

        calls.clear();
        Campaign campaign = service.create(MANAGER, TENANT, new CampaignTarget.Group(group.id()));
        service.run(MANAGER, TENANT, campaign.id(), c -> { });

        assertThat(calls).as("run").doesNotContainKey("find").doesNotContainKey("findMatching")
                .doesNotContainKey("findAllForUpdate");
        assertThat(calls).as("run: no lock one by one").doesNotContainKey("findForUpdate");
        assertThat(calls.get("findMatchingForUpdate")).as("run: one locked read per chunk").hasValue(3);
    }

    @Test
    void an_explicit_target_reads_each_chunk_of_clients_in_one_call() {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        CampaignService service = countingClients(calls);
        Campaign campaign = service.create(MANAGER, TENANT,
                new CampaignTarget.Clients(Set.copyOf(clients.stream().map(Client::id).toList())));

        calls.clear();
        service.run(MANAGER, TENANT, campaign.id(), c -> { });

        assertThat(calls).doesNotContainKey("find").doesNotContainKey("findAll");
        assertThat(calls.get("findAllForUpdate")).as("one locked read per chunk").hasValue(3);
        assertThat(kit.rowsPerClient()).hasSize(clients.size());
    }

    // ---------------------------------------------------------------- erasure

    @Test
    void erasure_drops_the_custom_message_of_a_campaign_aimed_at_the_client() {
        Client zephyrine = clients.get(0);
        InvitationMessage personal = new InvitationMessage("Zephyrine, your account is ready",
                "Dear Zephyrine, as promised at the front desk, here is your online account.");
        Campaign aimed = campaigns.create(MANAGER, TENANT, new CampaignTarget.Clients(Set.of(zephyrine.id())),
                personal);

        kit.erased(zephyrine);

        Campaign after = campaigns.get(MANAGER, TENANT, aimed.id());
        assertThat(after.customMessage()).isEmpty();
        assertThat(after.version()).isGreaterThan(aimed.version());
        assertThat(kit.t.allStoredCampaigns().toString().toLowerCase(Locale.ROOT))
                .doesNotContain("zephyrine");
    }

    @Test
    void the_remaining_clients_of_a_running_campaign_then_get_the_tenants_template() {
        List<ClientId> inIdOrder = clients.stream().map(Client::id).sorted(Comparator.comparing(ClientId::value))
                .toList();
        InvitationMessage personal = new InvitationMessage("Your account is ready",
                "Dear friends of Zephyrine, here is your online account.");
        Campaign campaign = campaigns.create(MANAGER, TENANT, new CampaignTarget.Clients(Set.copyOf(inIdOrder)),
                personal);
        assertThatThrownBy(() -> campaigns.run(MANAGER, TENANT, campaign.id(), c -> {
            throw new IllegalStateException("interrupted after the first chunk");
        })).isInstanceOf(IllegalStateException.class);

        kit.erased(kit.reload(inIdOrder.get(0)));
        campaigns.run(MANAGER, TENANT, campaign.id(), c -> { });

        Function<ClientId, OutboxMessage> rowOf = id -> kit.rowsFor(id).get(0);
        for (ClientId later : inIdOrder.subList(CHUNK, inIdOrder.size())) {
            assertThat(rowOf.apply(later).subject()).isEqualTo(InviteKit.TEMPLATE.subject());
        }
        for (ClientId earlier : inIdOrder.subList(1, CHUNK)) {
            assertThat(rowOf.apply(earlier).subject()).isEqualTo(personal.subject());
        }
    }

    @Test
    void erasure_keeps_the_custom_message_of_campaigns_not_aimed_at_the_client() {
        Client zephyrine = clients.get(0);
        InvitationMessage toEveryone = new InvitationMessage("Our new app", "Book your classes online.");
        Campaign everyone = campaigns.create(MANAGER, TENANT, new CampaignTarget.AllClients(), toEveryone);
        Campaign others = campaigns.create(MANAGER, TENANT, new CampaignTarget.Clients(Set.of(clients.get(1).id())),
                toEveryone);

        kit.erased(zephyrine);

        assertThat(campaigns.get(MANAGER, TENANT, everyone.id())).isEqualTo(everyone);
        assertThat(campaigns.get(MANAGER, TENANT, others.id())).isEqualTo(others);
    }

    @Test
    void a_chunk_that_read_the_campaign_before_the_erasure_cannot_write_the_message_back() {
        Client zephyrine = clients.get(0);
        Campaign aimed = campaigns.create(MANAGER, TENANT, new CampaignTarget.Clients(Set.of(zephyrine.id())),
                new InvitationMessage("Hello Zephyrine", "Dear Zephyrine."));

        kit.erased(zephyrine);

        assertThatThrownBy(() -> kit.t.write(s -> s.campaigns().update(aimed.start())))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION));
        assertThat(campaigns.get(MANAGER, TENANT, aimed.id()).customMessage()).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private void rename(ClientId id, String first, String last) {
        Client current = kit.reload(id);
        kit.t.clientele.clients().editDetails(OWNER, TENANT, id, current.version(), ClientDetails.named(first, last)
                .withEmail(current.details().email().orElseThrow().value()));
    }

    /** A client repository that counts the calls of each method, by name, and delegates them. */
    /**
     * The campaign service as the facade wires it, in chunks of {@link #CHUNK}, with every call to
     * the client repository counted in {@code calls} by method name.
     */
    private CampaignService countingClients(Map<String, AtomicInteger> calls) {
        InvitationServices.Ports ports = InvitationFixture.ports(kit.t,
                InvitationFixture.CONFIG.withCampaignChunkSize(CHUNK), InviteKit.noCredentials(), InviteKit.TEMPLATES,
                kit.t.memory.mailSender(), kit.t.memory.composer(), kit.t.clock::advance,
                new InvitationFixture.PortWrapper() {
                    @Override
                    public <P> P wrap(Class<P> port, P adapter) {
                        return port == ClientRepository.class
                                ? port.cast(counting((ClientRepository) adapter, calls))
                                : adapter;
                    }
                });
        return InvitationFixture.services(kit.t, ports).campaigns();
    }

    private static ClientRepository counting(ClientRepository target, Map<String, AtomicInteger> calls) {
        return (ClientRepository) Proxy.newProxyInstance(ClientRepository.class.getClassLoader(),
                new Class<?>[] {ClientRepository.class}, (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), n -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
