package io.clientele.credit.service;

import static io.clientele.credit.CreditKit.BOOKING_FLOW;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.common.PageRequest;
import io.clientele.credit.CreditKit;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditEvents;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.RedeemResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 point 17: a credit past its expiry is {@code EXPIRED} everywhere before the expiry sweep
 * has run (listings and their filter, balances, the ledger, the data export), and revoking it or
 * cancelling its order in that window records it as expired, never as revoked.
 */
class ExpiredBeforeTheSweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CreditKit kit = new CreditKit();
    private final CreditService credits = kit.credits;
    private final Client ana = kit.client("Ana");
    private final Instant issuedAt = kit.t.clock.instant();
    /** Two credits expiring a day after they were issued. */
    private final List<Credit> expiring = kit.issueExpiringIn(ana, 2, Duration.ofDays(1));
    /** One credit that never expires. */
    private final Credit lasting = kit.issue(ana, 1).get(0);

    @Test
    void a_credit_past_its_expiry_lists_and_counts_as_redeemable_no_more_before_the_sweep_has_run() {
        kit.later(Duration.ofDays(1));

        assertThat(kit.reload(expiring.get(0)).state()).as("stored, not swept").isEqualTo(CreditState.REDEEMABLE);
        assertThat(credits.list(OWNER, TENANT, ana.id(), PageRequest.first()).items())
                .extracting(Credit::id, Credit::state)
                .containsExactlyInAnyOrder(
                        tuple(expiring.get(0).id(), CreditState.EXPIRED),
                        tuple(expiring.get(1).id(), CreditState.EXPIRED),
                        tuple(lasting.id(), CreditState.REDEEMABLE));
        assertThat(credits.list(OWNER, TENANT, ana.id(), CreditState.EXPIRED, PageRequest.first()).items())
                .extracting(Credit::id).containsExactlyInAnyOrder(expiring.get(0).id(), expiring.get(1).id());
        assertThat(credits.list(OWNER, TENANT, ana.id(), CreditState.REDEEMABLE, PageRequest.first()).items())
                .extracting(Credit::id).containsExactly(lasting.id());
        assertThat(credits.balances(OWNER, TENANT, ana.id())).isEqualTo(Map.of(CreditState.REDEEMABLE, 1L,
                CreditState.REDEEMED, 0L, CreditState.REVOKED, 0L, CreditState.EXPIRED, 2L));
    }

    @Test
    void one_second_before_its_expiry_a_credit_is_still_redeemable_everywhere() {
        kit.later(Duration.ofDays(1).minusSeconds(1));

        assertThat(credits.list(OWNER, TENANT, ana.id(), CreditState.REDEEMABLE, PageRequest.first())
                .items()).hasSize(3);
        assertThat(credits.balances(OWNER, TENANT, ana.id())).containsEntry(CreditState.EXPIRED, 0L);
        assertThat(credits.ledger(OWNER, TENANT, ana.id())).extracting(CreditChange::to)
                .containsOnly(CreditState.REDEEMABLE);
    }

    @Test
    void the_ledger_shows_the_expiry_of_a_credit_the_sweep_has_not_recorded_yet() {
        kit.later(Duration.ofDays(2));
        Instant expiry = issuedAt.plus(Duration.ofDays(1));

        List<CreditChange> ledger = credits.ledger(OWNER, TENANT, ana.id());

        assertThat(ledger).hasSize(5);
        assertThat(ledger.subList(0, 3)).extracting(CreditChange::to).containsOnly(CreditState.REDEEMABLE);
        assertThat(ledger.subList(3, 5)).allSatisfy(line -> {
            assertThat(line.from()).contains(CreditState.REDEEMABLE);
            assertThat(line.to()).isEqualTo(CreditState.EXPIRED);
            assertThat(line.at()).isEqualTo(expiry);
            assertThat(line.actor()).isEqualTo("system:credit-expiry");
        }).extracting(CreditChange::creditId)
                .containsExactlyInAnyOrder(expiring.get(0).id(), expiring.get(1).id());
        assertThat(credits.ledger(OWNER, TENANT, ana.id())).as("the same on every read").isEqualTo(ledger);
        assertThat(kit.t.<List<CreditChange>>read(s -> s.credits().changes(TENANT, ana.id())))
                .as("nothing written").hasSize(3);

        // once the sweep has recorded the expiries, the ledger shows the recorded lines instead
        assertThat(credits.expireDue(10)).isEqualTo(2);
        List<CreditChange> swept = credits.ledger(OWNER, TENANT, ana.id());
        assertThat(swept).hasSize(5)
                .isEqualTo(kit.t.<List<CreditChange>>read(s -> s.credits().changes(TENANT, ana.id())));
        assertThat(swept.subList(3, 5)).extracting(CreditChange::to).containsOnly(CreditState.EXPIRED);
    }

    @Test
    void the_export_shows_a_credit_past_its_expiry_as_expired_with_its_ledger_line() throws Exception {
        kit.later(Duration.ofDays(1));

        JsonNode doc = JSON.readTree(kit.t.clientele.dataExport().export(OWNER, TENANT, ana.id()));

        List<String> states = new ArrayList<>();
        doc.get("credits").forEach(c -> states.add(c.get("state").asText()));
        assertThat(states).containsExactlyInAnyOrder("EXPIRED", "EXPIRED", "REDEEMABLE");
        List<String> moves = new ArrayList<>();
        doc.get("creditLedger").forEach(l -> moves.add(l.path("from").asText("") + ">" + l.get("to").asText()));
        assertThat(moves).containsExactly(">REDEEMABLE", ">REDEEMABLE", ">REDEEMABLE", "REDEEMABLE>EXPIRED",
                "REDEEMABLE>EXPIRED");
    }

    @Test
    void revoking_a_credit_past_its_expiry_records_its_expiry_rather_than_a_revocation() {
        kit.later(Duration.ofDays(1));
        Credit target = expiring.get(0);
        List<AuditEntry> auditBefore = kit.t.auditTrail(TENANT);

        Credit result = credits.revoke(MANAGER, TENANT, target.id(), "issued to the wrong client");

        assertThat(result.state()).isEqualTo(CreditState.EXPIRED);
        assertThat(kit.reload(target)).isEqualTo(result);
        CreditChange line = last(kit.t.read(s -> s.credits().changes(TENANT, ana.id())));
        assertThat(line.creditId()).isEqualTo(target.id());
        assertThat(line.from()).contains(CreditState.REDEEMABLE);
        assertThat(line.to()).isEqualTo(CreditState.EXPIRED);
        assertThat(line.actor()).isEqualTo("staff:manager-1");
        assertThat(line.reason()).isEqualTo("expired");
        List<AuditEntry> appended = kit.t.auditTrail(TENANT).subList(auditBefore.size(),
                kit.t.auditTrail(TENANT).size());
        assertThat(appended).extracting(AuditEntry::action).containsExactly(AuditAction.CREDIT_EXPIRED);
        assertThat(kit.t.memory.events().events(CreditEvents.CreditChanged.class))
                .singleElement().satisfies(e -> assertThat(e.to()).isEqualTo(CreditState.EXPIRED));
        assertThat(credits.expireDue(10)).as("only the other one is left for the sweep").isEqualTo(1);
    }

    @Test
    void cancelling_an_order_after_its_credits_expired_keeps_them_as_expired() {
        // the order's credits expire first, so the redemption takes one of them
        CreditSource order = kit.order(ana, 3, Optional.of(issuedAt.plus(Duration.ofHours(12))));
        credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "booking-1");
        kit.later(Duration.ofDays(1));

        List<Credit> kept = kit.t.stores.transactions().inTransaction(() -> kit.grants.revokeFromSource(OWNER,
                TENANT, order, "order cancelled"));

        List<Credit> ofOrder = kit.t.read(s -> s.credits().fromSource(TENANT, order));
        assertThat(ofOrder).extracting(Credit::state).containsOnly(CreditState.EXPIRED, CreditState.REDEEMED);
        assertThat(ofOrder).filteredOn(c -> c.state() == CreditState.EXPIRED).hasSize(2);
        assertThat(kept).as("every credit of the order is kept, none revoked").hasSize(3)
                .extracting(Credit::id).containsExactlyInAnyOrderElementsOf(ofOrder.stream().map(Credit::id).toList());
        assertThat(kit.t.<List<CreditChange>>read(s -> s.credits().changes(TENANT, ana.id())))
                .extracting(CreditChange::to)
                .doesNotContain(CreditState.REVOKED);
        assertThat(kit.t.auditEntries(AuditAction.CREDIT_EXPIRED)).hasSize(2);
        assertThat(kit.t.auditEntries(AuditAction.CREDIT_REVOKED)).isEmpty();
    }

    @Test
    void a_redeemed_credit_given_back_after_its_expiry_is_still_expired_by_the_booking_cancellation() {
        CreditId redeemed = ((RedeemResult.Redeemed) credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "booking-1"))
                .credit().id();
        kit.later(Duration.ofDays(1));

        List<Credit> back = credits.cancelBooking(BOOKING_FLOW, TENANT, "booking-1", "class cancelled");

        assertThat(back).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(redeemed);
            assertThat(c.state()).isEqualTo(CreditState.EXPIRED);
        });
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
