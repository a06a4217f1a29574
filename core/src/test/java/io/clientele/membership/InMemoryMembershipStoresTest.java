package io.clientele.membership;

import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ConflictException;
import io.clientele.common.MembershipId;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.port.MembershipRepository;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The in-memory membership stores behave like the database tables they stand for. */
class InMemoryMembershipStoresTest {

    private final MembershipKit kit = new MembershipKit();

    @Test
    @Tag("in-memory")
    void a_period_is_claimed_only_once_and_a_rolled_back_claim_does_not_count() {
        MembershipId membership = new MembershipId(UUID.randomUUID());
        assertThatThrownBy(() -> kit.t.memory.transactions().run(() -> {
            assertThat(kit.issuance.claim(TENANT, membership, 0)).isTrue();
            throw new IllegalStateException("crash after the claim");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(kit.issuance.claimedPeriods(TENANT, membership)).isEmpty();
        assertThat(kit.issuance.claim(TENANT, membership, 0)).isTrue();
        assertThat(kit.issuance.claim(TENANT, membership, 0)).isFalse();
        assertThat(kit.issuance.claim(OTHER_TENANT, membership, 0)).as("claims are per tenant").isTrue();
        assertThat(kit.issuance.claimedPeriods(TENANT, membership)).containsExactly(0L);
    }

    @Test
    @Tag("in-memory")
    void of_eight_simultaneous_claims_of_one_period_exactly_one_wins() throws Exception {
        MembershipId membership = new MembershipId(UUID.randomUUID());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                claims.add(pool.submit(() -> {
                    go.await();
                    return kit.issuance.claim(TENANT, membership, 3);
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> claim : claims) {
                won += claim.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Tag("in-memory")
    void an_update_from_an_old_version_is_stale_and_changes_nothing() {
        MembershipType monthly = kit.monthly("Monthly 8", 8);
        Membership m = kit.add(kit.client("Ana"), monthly, kit.today());
        kit.service.pause(OWNER, TENANT, m.id(), kit.version(m.id()));
        var before = kit.storedState();

        assertThatThrownBy(() -> kit.memberships.update(m.cancel("staff:x", kit.t.clock.instant())))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION));
        assertThatThrownBy(() -> kit.types.update(monthly.withEnabled(false).withVersion(monthly.version() + 5)))
                .isInstanceOf(ConflictException.class);
        assertThat(kit.storedState()).isEqualTo(before);
    }

    @Test
    @Tag("in-memory")
    void due_memberships_come_in_pages_across_tenants_without_repeats() {
        MembershipType mine = kit.monthly("Monthly 8", 8);
        MembershipType theirs = kit.type(OTHER_TENANT, "Theirs", mine.rule());
        List<MembershipId> added = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            added.add(kit.add(kit.client("Ana" + (char) ('a' + i)), mine, kit.today()).id());
            added.add(kit.add(kit.client(OTHER_TENANT, "Olga" + (char) ('a' + i)), theirs, kit.today()).id());
        }
        kit.add(kit.client("Future"), mine, kit.today().plusDays(3));

        List<MembershipId> seen = new ArrayList<>();
        Optional<MembershipRepository.Position> after = Optional.empty();
        LocalDate today = kit.today();
        while (true) {
            List<Membership> page = after.isPresent() ? kit.memberships.due(today, after.get(), 3)
                    : kit.memberships.due(today, 3);
            page.forEach(m -> seen.add(m.id()));
            if (page.size() < 3) {
                break;
            }
            after = Optional.of(MembershipRepository.Position.of(page.get(page.size() - 1)));
        }

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(added);
    }
}
