package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.port.ConsentLog;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ConsentLog}: records are appended, never overwritten (an id appended
 * again is a {@code DUPLICATE}), and read in their
 * tenant only; a client's state for a preference is their latest record; the history is oldest
 * first; the audience of a preference is the clients whose latest record is an opt-in, in client
 * id order, paged; the opted-out look-up answers among the clients given; the erasure blanks the IP
 * address and user agent of one client's records and keeps the proof; a rolled-back unit of work
 * leaves nothing.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class ConsentLogContract {

    private ConsentLog consents;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;
    private MarketingPreference newsletter;
    private MarketingPreference offers;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' records: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<ConsentLog> createAdapter();

    /**
     * The client store the audience joins (the one the adapter of the last {@link #createAdapter()}
     * reads), in the same units of work: the contract stores there the clients its audience names.
     */
    protected abstract ClientRepository joinedClients();

    @BeforeEach
    void setUpConsentLogContract() {
        PortUnderTest<ConsentLog> adapter = createAdapter();
        consents = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
        newsletter = fx.preference(tenant, "newsletter");
        offers = fx.preference(tenant, "offers");
    }

    private ConsentRecord append(ClientId client, MarketingPreference preference, ConsentDecision decision) {
        ConsentRecord record = fx.consent(client, preference, decision);
        tx.run(() -> consents.append(record));
        fx.advance(Duration.ofSeconds(1));
        return record;
    }

    private ClientId storedClient() {
        Client client = fx.aClient(tenant).named("Ana", "Lopez").build();
        return tx.inTransaction(() -> joinedClients().insert(client)).id();
    }

    @Test
    void the_audience_leaves_out_erased_clients_and_clients_the_client_store_does_not_hold() {
        ClientId kept = storedClient();
        ClientId erased = storedClient();
        append(kept, newsletter, ConsentDecision.OPT_IN);
        append(erased, newsletter, ConsentDecision.OPT_IN);
        append(fx.newClientId(), newsletter, ConsentDecision.OPT_IN);
        tx.run(() -> joinedClients().update(joinedClients().find(tenant, erased).orElseThrow().erase(fx.now())));

        assertThat(read(() -> consents.audience(tenant, newsletter.id(), PageRequest.first(10))).items())
                .containsExactly(kept);
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private Optional<ConsentRecord> latest(ClientId client, MarketingPreference preference) {
        return read(() -> consents.latest(preference.tenantId(), client, preference.id()));
    }

    @Test
    void the_latest_record_of_a_client_and_preference_is_their_state_in_their_tenant_only() {
        ClientId ana = fx.newClientId();
        append(ana, newsletter, ConsentDecision.OPT_IN);
        ConsentRecord out = append(ana, newsletter, ConsentDecision.OPT_OUT);
        ConsentRecord offer = append(ana, offers, ConsentDecision.OPT_IN);

        assertThat(latest(ana, newsletter)).contains(out);
        assertThat(latest(ana, offers)).contains(offer);
        assertThat(read(() -> consents.latest(otherTenant, ana, newsletter.id()))).isEmpty();
        assertThat(latest(fx.newClientId(), newsletter)).isEmpty();
    }

    @Test
    void a_client_s_history_is_every_record_of_theirs_oldest_first() {
        ClientId ana = fx.newClientId();
        ConsentRecord first = append(ana, newsletter, ConsentDecision.OPT_IN);
        ConsentRecord second = append(ana, offers, ConsentDecision.OPT_OUT);
        ConsentRecord third = append(ana, newsletter, ConsentDecision.OPT_OUT);
        append(fx.newClientId(), newsletter, ConsentDecision.OPT_IN);
        MarketingPreference elsewhere = fx.preference(otherTenant, "newsletter");
        append(ana, elsewhere, ConsentDecision.OPT_IN);

        assertThat(read(() -> consents.history(tenant, ana))).containsExactly(first, second, third);
    }

    @Test
    void a_record_is_never_overwritten() {
        ClientId ana = fx.newClientId();
        ConsentRecord in = append(ana, newsletter, ConsentDecision.OPT_IN);
        ConsentRecord forged = new ConsentRecord(in.id(), tenant, ana, newsletter.id(), ConsentDecision.OPT_OUT,
                in.recordedAt(), in.actor(), in.source(), in.wordingVersion(), in.wordingSha256(), Optional.empty(),
                Optional.empty());

        duplicate(() -> tx.run(() -> consents.append(forged)));

        assertThat(read(() -> consents.history(tenant, ana))).containsExactly(in);
    }

    @Test
    void the_audience_is_the_clients_whose_latest_record_is_an_opt_in_in_client_id_order_and_paged() {
        ClientId c1 = storedClient();
        ClientId c2 = storedClient();
        ClientId c3 = storedClient();
        ClientId c4 = storedClient();
        ClientId c5 = storedClient();
        append(c5, newsletter, ConsentDecision.OPT_IN);
        append(c1, newsletter, ConsentDecision.OPT_IN);
        append(c2, newsletter, ConsentDecision.OPT_IN);
        append(c2, newsletter, ConsentDecision.OPT_OUT);
        append(c3, newsletter, ConsentDecision.OPT_OUT);
        append(c3, newsletter, ConsentDecision.OPT_IN);
        append(c4, offers, ConsentDecision.OPT_IN);
        append(fx.newClientId(), fx.preference(otherTenant, "newsletter"), ConsentDecision.OPT_IN);

        Page<ClientId> first = read(() -> consents.audience(tenant, newsletter.id(), PageRequest.first(2)));
        Page<ClientId> second = read(() -> consents.audience(tenant, newsletter.id(),
                PageRequest.after(first.next().orElseThrow(), 2)));

        assertThat(first.items()).containsExactly(c1, c3);
        assertThat(second.items()).containsExactly(c5);
        assertThat(second.hasNext()).isFalse();
        assertThat(read(() -> consents.audience(otherTenant, newsletter.id(), PageRequest.first(10))).items())
                .isEmpty();
    }

    @Test
    void the_opted_out_look_up_answers_among_the_given_clients_those_whose_latest_record_is_an_opt_out() {
        ClientId in = fx.newClientId();
        ClientId out = fx.newClientId();
        ClientId backIn = fx.newClientId();
        ClientId neverAsked = fx.newClientId();
        ClientId outButNotAsked = fx.newClientId();
        append(in, newsletter, ConsentDecision.OPT_IN);
        append(out, newsletter, ConsentDecision.OPT_IN);
        append(out, newsletter, ConsentDecision.OPT_OUT);
        append(backIn, newsletter, ConsentDecision.OPT_OUT);
        append(backIn, newsletter, ConsentDecision.OPT_IN);
        append(outButNotAsked, newsletter, ConsentDecision.OPT_OUT);
        append(neverAsked, offers, ConsentDecision.OPT_OUT);

        assertThat(read(() -> consents.optedOut(tenant, newsletter.id(), Set.of(in, out, backIn, neverAsked))))
                .containsExactly(out);
        assertThat(read(() -> consents.optedOut(otherTenant, newsletter.id(), Set.of(out)))).isEmpty();
        assertThat(read(() -> consents.optedOut(tenant, newsletter.id(), Set.of()))).isEmpty();
    }

    @Test
    void erasure_blanks_the_ip_address_and_user_agent_of_the_client_s_records_and_keeps_the_proof() {
        ClientId ana = fx.newClientId();
        ConsentRecord first = append(ana, newsletter, ConsentDecision.OPT_IN);
        ConsentRecord second = append(ana, offers, ConsentDecision.OPT_OUT);
        ClientId bea = fx.newClientId();
        ConsentRecord beas = append(bea, newsletter, ConsentDecision.OPT_IN);

        tx.run(() -> consents.scrubPersonalData(tenant, ana));

        List<ConsentRecord> history = read(() -> consents.history(tenant, ana));
        assertThat(history).hasSize(2);
        for (int i = 0; i < 2; i++) {
            ConsentRecord before = List.of(first, second).get(i);
            assertThat(history.get(i)).isEqualTo(new ConsentRecord(before.id(), tenant, ana, before.preferenceId(),
                    before.decision(), before.recordedAt(), before.actor(), before.source(), before.wordingVersion(),
                    before.wordingSha256(), Optional.empty(), Optional.empty()));
        }
        assertThat(read(() -> consents.history(tenant, bea))).containsExactly(beas);
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_record_and_no_scrub() {
        ClientId ana = fx.newClientId();
        ConsentRecord kept = append(ana, newsletter, ConsentDecision.OPT_IN);
        ConsentRecord added = fx.consent(ana, newsletter, ConsentDecision.OPT_OUT);

        rolledBack(tx, () -> {
            consents.append(added);
            consents.scrubPersonalData(tenant, ana);
        });

        assertThat(read(() -> consents.history(tenant, ana))).containsExactly(kept);
        assertThat(latest(ana, newsletter)).contains(kept);
    }
}
