package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.oneWins;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Note;
import io.clientele.client.model.NoteText;
import io.clientele.client.port.NoteRepository;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.DisplayName;
import io.clientele.common.TenantId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.port.CreditRepository;
import io.clientele.invitation.model.CampaignProgress;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.order.port.OrderRepository;
import io.clientele.payment.port.PaymentMethodRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.Race;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the version-checked ports must guarantee when units of work run at the same time, with the
 * store's real isolation: of two updates of one stored version, made at once, exactly one is
 * stored and the other is {@code STALE_VERSION}, so that, for example, two redemptions of one
 * credit or two cancellations of one order never both commit; and of two conditional deletes of
 * one note at once, one deletes it and the other finds nothing. SQL: {@code UPDATE ... WHERE
 * version = ?} (or JPA's {@code @Version}), which makes the second wait for the first's row lock
 * and then match no row.
 *
 * <p>Extend it in the adapter's tests and answer every factory method with runners that let units
 * of work run at the same time (in memory, {@code MemoryTransactions.interleaved()}). Not
 * thread-safe: JUnit makes one instance per test.
 */
public abstract class VersionedUpdateConcurrencyContract {

    private static final int ROUNDS = 5;

    private Fixtures fx;
    private TenantId tenant;
    private ClientId ana;

    /** The credit adapter under test; called before each test. */
    protected abstract PortUnderTest<CreditRepository> createCreditRepository();

    /** The order adapter under test; called before each test. */
    protected abstract PortUnderTest<OrderRepository> createOrderRepository();

    /** The membership adapter under test; called before each test. */
    protected abstract PortUnderTest<MembershipRepository> createMembershipRepository();

    /** The membership type adapter under test; called before each test. */
    protected abstract PortUnderTest<MembershipTypeRepository> createMembershipTypeRepository();

    /** The payment method adapter under test; called before each test. */
    protected abstract PortUnderTest<PaymentMethodRepository> createPaymentMethodRepository();

    /** The note adapter under test; called before each test. */
    protected abstract PortUnderTest<NoteRepository> createNoteRepository();

    /** The campaign adapter under test; called before each test. */
    protected abstract PortUnderTest<CampaignRepository> createCampaignRepository();

    @BeforeEach
    void setUpVersionedUpdateConcurrencyContract() {
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        ana = fx.newClientId();
    }

    /**
     * Inserts a fresh object each round, then races {@code first} and {@code second} of it:
     * exactly one update is stored, and the store holds what the winner wrote.
     */
    private <T> void raceUpdates(PortUnderTest<?> adapter, Supplier<T> fresh,
            Function<T, T> update, Function<T, Optional<T>> reload, UnaryOperator<T> first, UnaryOperator<T> second) {
        for (int round = 0; round < ROUNDS; round++) {
            T stored = adapter.transactions().inTransaction(fresh);
            List<T> changed = List.of(first.apply(stored), second.apply(stored));

            List<Race.Outcome<T>> outcomes = Race.together(List.of(
                    () -> adapter.transactions().inTransaction(() -> update.apply(changed.get(0))),
                    () -> adapter.transactions().inTransaction(() -> update.apply(changed.get(1)))));

            int winner = oneWins(outcomes, ConflictException.Reason.STALE_VERSION);
            assertThat(adapter.transactions().inReadOnlyTransaction(() -> reload.apply(stored)))
                    .contains(outcomes.get(winner).get());
        }
    }

    @Test
    void of_two_redemptions_of_one_credit_at_once_one_is_stored_and_the_other_is_stale() {
        PortUnderTest<CreditRepository> adapter = createCreditRepository();
        CreditRepository credits = adapter.port();
        raceUpdates(adapter, () -> {
            Credit credit = fx.aCredit(tenant, ana).build();
            credits.insertAll(List.of(credit));
            return credit;
        }, credits::update, c -> credits.find(tenant, c.id()),
                c -> c.redeem("bk-1", "staff:one", "booked", fx.now()),
                c -> c.redeem("bk-2", "staff:two", "booked", fx.now()));
    }

    @Test
    void of_two_cancellations_of_one_order_at_once_one_is_stored_and_the_other_is_stale() {
        PortUnderTest<OrderRepository> adapter = createOrderRepository();
        OrderRepository orders = adapter.port();
        raceUpdates(adapter, () -> orders.insert(fx.order(tenant, ana)), orders::update,
                o -> orders.find(tenant, o.id()),
                o -> o.cancel("staff:one", "Refund", 5, 0, fx.now()),
                o -> o.cancel("staff:two", "Moved away", 5, 0, fx.now()));
    }

    @Test
    void of_two_changes_of_one_membership_at_once_one_is_stored_and_the_other_is_stale() {
        PortUnderTest<MembershipRepository> adapter = createMembershipRepository();
        MembershipRepository memberships = adapter.port();
        MembershipType type = fx.membershipType(tenant, "Monthly");
        raceUpdates(adapter, () -> memberships.insert(fx.membership(ana, type, LocalDate.of(2026, 3, 1))),
                memberships::update, m -> memberships.find(tenant, m.id()),
                m -> m.pause("staff:one", fx.now()),
                m -> m.cancel("staff:two", fx.now()));
    }

    @Test
    void of_two_changes_of_one_membership_type_at_once_one_is_stored_and_the_other_is_stale() {
        PortUnderTest<MembershipTypeRepository> adapter = createMembershipTypeRepository();
        MembershipTypeRepository types = adapter.port();
        raceUpdates(adapter, () -> types.insert(fx.membershipType(tenant, "Type " + fx.nextId())), types::update,
                t -> types.find(tenant, t.id()),
                t -> t.withEnabled(false),
                t -> t.renamed(new DisplayName("Renamed " + fx.nextId())));
    }

    @Test
    void of_two_cancellations_of_one_payment_method_at_once_one_is_stored_and_the_other_is_stale() {
        PortUnderTest<PaymentMethodRepository> adapter = createPaymentMethodRepository();
        PaymentMethodRepository methods = adapter.port();
        raceUpdates(adapter, () -> methods.insert(fx.paymentMethod(tenant, ana, Fixtures.providerReference())),
                methods::update, m -> methods.find(tenant, m.id()),
                m -> m.cancel(fx.now()),
                m -> m.cancel(fx.now().plusSeconds(1)));
    }

    @Test
    void of_two_edits_of_one_note_at_once_one_is_stored_and_the_other_is_stale() {
        PortUnderTest<NoteRepository> adapter = createNoteRepository();
        NoteRepository notes = adapter.port();
        raceUpdates(adapter, () -> notes.insert(fx.note(tenant, ana, "First text.")), notes::update,
                n -> notes.find(tenant, n.id()),
                n -> n.edited(new NoteText("Edited by one."), "staff:one", fx.now()),
                n -> n.edited(new NoteText("Edited by two."), "staff:two", fx.now()));
    }

    @Test
    void of_two_deletes_of_one_note_at_once_one_deletes_it_and_the_other_finds_nothing() {
        PortUnderTest<NoteRepository> adapter = createNoteRepository();
        NoteRepository notes = adapter.port();
        for (int round = 0; round < ROUNDS; round++) {
            Note note = adapter.transactions().inTransaction(() -> notes.insert(fx.note(tenant, ana, "Doomed.")));

            List<Race.Outcome<Boolean>> outcomes = Race.together(List.of(
                    () -> adapter.transactions().inTransaction(() -> notes.delete(tenant, note.id(), 0)),
                    () -> adapter.transactions().inTransaction(() -> notes.delete(tenant, note.id(), 0))));

            assertThat(outcomes).extracting(Race.Outcome::get).containsExactlyInAnyOrder(true, false);
            assertThat(adapter.transactions().inReadOnlyTransaction(() -> notes.find(tenant, note.id()))).isEmpty();
        }
    }

    @Test
    void of_two_chunks_of_one_campaign_recorded_at_once_one_is_stored_and_the_other_is_stale() {
        PortUnderTest<CampaignRepository> adapter = createCampaignRepository();
        CampaignRepository campaigns = adapter.port();
        ClientId bea = fx.newClientId();
        raceUpdates(adapter, () -> campaigns.insert(fx.campaignForAll(tenant)), campaigns::update,
                c -> campaigns.find(tenant, c.id()),
                c -> c.start().advance(new CampaignProgress(1, 1, 0, 0, 0, 0, 0, 0, 0), ana),
                c -> c.start().advance(new CampaignProgress(1, 0, 1, 0, 0, 0, 0, 0, 0), bea));
    }
}
