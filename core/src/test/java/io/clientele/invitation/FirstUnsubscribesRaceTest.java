package io.clientele.invitation;

import static io.clientele.testing.TestClientele.CHEAP_ARGON2;
import static io.clientele.testing.TestClientele.INVITATIONS;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.linkToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.TenantId;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.invitation.model.UnsubscribeResult;
import io.clientele.testing.Latches;
import io.clientele.testing.MutableClock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Regression for "two first-ever unsubscribes in a studio collide": each created the built-in
 * invitations category (read it, found none, stored one) under its own client's lock, so the
 * second failed with a duplicate-key conflict. On interleaved units of work (as at READ
 * COMMITTED), both unsubscribes are held until each has found no category, then let write it
 * together; the one that stores it first is held until the other waits for its insert.
 */
class FirstUnsubscribesRaceTest {

    private static final long TIMEOUT_SECONDS = 10;

    @Test
    void two_first_ever_unsubscribes_of_one_studio_both_succeed_instead_of_colliding_on_the_invitations_category()
            throws Exception {
        MemoryTransactions tx = MemoryTransactions.interleaved();
        InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2, tx);
        CountDownLatch bothAboutToWrite = new CountDownLatch(2);
        CountDownLatch armed = new CountDownLatch(1);
        Clientele c = memory.installInto(Clientele.builder())
                .preferenceRepository(new MeetingBeforeWrites(memory.preferences(), armed, bothAboutToWrite))
                .clock(MutableClock.standard()).invitations(INVITATIONS).build();
        Client ana = c.clients().create(OWNER, TENANT,
                ClientDetails.named("Ana", "López").withEmail("ana@example.com"));
        Client bea = c.clients().create(OWNER, TENANT,
                ClientDetails.named("Bea", "Moreau").withEmail("bea@example.com"));
        c.invitations().invite(OWNER, TENANT, ana.id(), Optional.empty());
        c.invitations().invite(OWNER, TENANT, bea.id(), Optional.empty());
        c.mailDispatcher().dispatchAll();
        String anaLink = linkToken(memory.mailSender().deliveredTo("ana@example.com").get(0), "unsubscribe");
        String beaLink = linkToken(memory.mailSender().deliveredTo("bea@example.com").get(0), "unsubscribe");
        assertThat(memory.preferences().findByKey(TENANT, MarketingPreference.INVITATIONS))
                .as("the studio's invitations category before the first unsubscribe").isEmpty();

        // the unit of work that stores the category first holds it until the other waits for it
        CountDownLatch otherWaitsForTheKey = new CountDownLatch(1);
        CountDownLatch keyLocked = new CountDownLatch(1);
        tx.onLockAcquired(key -> {
            if (isInvitationsKey(key) && keyLocked.getCount() > 0) {
                keyLocked.countDown();
                await(otherWaitsForTheKey);
            }
        });
        tx.onLockWait(key -> {
            if (isInvitationsKey(key)) {
                otherWaitsForTheKey.countDown();
            }
        });
        armed.countDown();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<UnsubscribeResult> anaOut = pool.submit(() -> c.activation().unsubscribe(TENANT, anaLink,
                    new ConsentOrigin(Optional.of("203.0.113.7"), Optional.of("Firefox"))));
            Future<UnsubscribeResult> beaOut = pool.submit(() -> c.activation().unsubscribe(TENANT, beaLink,
                    new ConsentOrigin(Optional.of("198.51.100.4"), Optional.of("Safari"))));

            assertThat(anaOut.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(
                    new UnsubscribeResult.Unsubscribed(TENANT, ana.id()));
            assertThat(beaOut.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(
                    new UnsubscribeResult.Unsubscribed(TENANT, bea.id()));
        } finally {
            tx.onLockAcquired(key -> { });
            tx.onLockWait(key -> { });
            pool.shutdownNow();
        }

        assertThat(keyLocked.getCount()).as("one unsubscribe stored the category under its key's lock").isZero();
        assertThat(otherWaitsForTheKey.getCount()).as("the other waited for that insert").isZero();
        List<MarketingPreference> categories = memory.preferences().list(TENANT).stream()
                .filter(p -> p.key().equals(MarketingPreference.INVITATIONS)).toList();
        assertThat(categories).hasSize(1);
        PreferenceId category = categories.get(0).id();
        for (Client client : List.of(ana, bea)) {
            assertThat(memory.consents().latest(TENANT, client.id(), category)).as("%s's latest decision",
                    client.details().name().firstName())
                    .map(ConsentRecord::decision).contains(ConsentDecision.OPT_OUT);
        }
    }

    private static boolean isInvitationsKey(Object lockKey) {
        String key = lockKey.toString();
        return key.contains(TENANT.value()) && key.contains(MarketingPreference.INVITATIONS);
    }

    /**
     * The in-memory preferences, where, once armed, the first call that would write a preference
     * waits until a second one has come too: both units of work have then read that the category
     * does not exist.
     */
    private record MeetingBeforeWrites(PreferenceRepository real, CountDownLatch armed, CountDownLatch meeting)
            implements PreferenceRepository {

        @Override
        public Optional<MarketingPreference> find(TenantId tenant, PreferenceId id) {
            return real.find(tenant, id);
        }

        @Override
        public Optional<MarketingPreference> findByKey(TenantId tenant, String key) {
            return real.findByKey(tenant, key);
        }

        @Override
        public List<MarketingPreference> list(TenantId tenant) {
            return real.list(tenant);
        }

        @Override
        public void save(MarketingPreference preference) {
            meet();
            real.save(preference);
        }

        @Override
        public MarketingPreference insertIfAbsent(MarketingPreference preference) {
            meet();
            return real.insertIfAbsent(preference);
        }

        private void meet() {
            if (armed.getCount() == 0) {
                meeting.countDown();
                await(meeting);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        Latches.await(latch, "timed out");
    }
}
