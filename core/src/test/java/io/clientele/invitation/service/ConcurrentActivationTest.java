package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.model.InvitationStatus;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.Password;
import io.clientele.invitation.model.PreparedCredential;
import io.clientele.invitation.model.RawToken;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.port.CredentialStore;
import io.clientele.invitation.port.TokenRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Reliability test of issue 3: one link used by many callers at once (a double click, a retried
 * request, an attacker racing the owner) sets the password exactly once.
 */
class ConcurrentActivationTest {

    private static final int ATTEMPTS = 50;

    private final AtomicInteger passwordsSet = new AtomicInteger();
    /** While set, no link is consumed before every attempt has looked it up: the widest race. */
    private final AtomicReference<CountDownLatch> lookups = new AtomicReference<>();
    private final ActivationKit kit = new ActivationKit(this::counting, this::racing);

    @Test
    void fifty_simultaneous_activations_of_one_link_have_exactly_one_winner() throws Exception {
        Client ana = kit.invited(kit.t.ana());
        RawToken link = kit.link(ana, TokenPurpose.ACTIVATION);

        List<ActivationResult> results = activateAtOnce(link);

        List<Integer> winners = winners(results);
        System.out.println("RESULT name=concurrent-activation attempts=" + results.size()
                + " winners=" + winners.size());
        assertThat(winners).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof ActivationResult.AlreadyUsed).hasSize(ATTEMPTS - 1);
        assertThat(passwordsSet).hasValue(1);
        assertOnlyTheWinnersPasswordVerifies(ana, winners.get(0));
        assertThat(kit.t.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(kit.t.memory.events().events(InvitationEvents.InvitationAccepted.class)).hasSize(1);
    }

    /** A reset link has no status to guard it: only the atomic consumption makes it single-use. */
    @Test
    void fifty_simultaneous_resets_with_one_link_have_exactly_one_winner() throws Exception {
        Client ana = kit.accepted(kit.t.ana());
        passwordsSet.set(0);
        RawToken link = kit.link(ana, TokenPurpose.PASSWORD_RESET);

        List<ActivationResult> results = activateAtOnce(link);

        List<Integer> winners = winners(results);
        assertThat(winners).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof ActivationResult.AlreadyUsed).hasSize(ATTEMPTS - 1);
        assertThat(passwordsSet).hasValue(1);
        assertOnlyTheWinnersPasswordVerifies(ana, winners.get(0));
        assertThat(kit.t.memory.events().events(InvitationEvents.PasswordReset.class)).hasSize(1);
    }

    /** {@value #ATTEMPTS} threads, released together, each activating with its own password. */
    private List<ActivationResult> activateAtOnce(RawToken link) throws Exception {
        lookups.set(new CountDownLatch(ATTEMPTS));
        CountDownLatch ready = new CountDownLatch(ATTEMPTS);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(ATTEMPTS);
        try {
            List<Future<ActivationResult>> futures = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                String password = passwordOf(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return kit.service.activate(TENANT, link.value(), password);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            List<ActivationResult> results = new ArrayList<>();
            for (Future<ActivationResult> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            lookups.set(null);
            pool.shutdownNow();
        }
    }

    private CredentialStore counting(CredentialStore store) {
        return new CredentialStore() {
            // every attempt waits here, after its look-up and before its unit of work, until all
            // have looked the link up (or 10 s have passed): the widest race, with no unit of work
            // open and no row lock held while waiting
            @Override
            public PreparedCredential prepare(Password password) {
                awaitLookups();
                return store.prepare(password);
            }

            @Override
            public void setPassword(TenantId tenant, ClientId client, PreparedCredential password) {
                passwordsSet.incrementAndGet();
                store.setPassword(tenant, client, password);
            }

            @Override
            public void remove(TenantId tenant, ClientId client) {
                store.remove(tenant, client);
            }
        };
    }

    /** Waits until every attempt has read the link, or 10 s have passed. */
    private void awaitLookups() {
        CountDownLatch latch = lookups.get();
        if (latch != null) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Counts the attempts' look-ups of the link ({@link #awaitLookups} holds the consumptions back). */
    private TokenRepository racing(TokenRepository tokens) {
        return new TokenRepository() {
            @Override
            public void insert(IssuedToken token) {
                tokens.insert(token);
            }

            @Override
            public void insertAll(List<IssuedToken> batch) {
                tokens.insertAll(batch);
            }

            @Override
            public int capLive(TenantId tenant, TokenPurpose purpose, Map<ClientId, String> keep, int max,
                    Instant now) {
                return tokens.capLive(tenant, purpose, keep, max, now);
            }

            @Override
            public int revoke(TenantId tenant, Collection<String> hashes, Instant now) {
                return tokens.revoke(tenant, hashes, now);
            }

            @Override
            public Optional<IssuedToken> findByHash(TenantId tenant, String hash) {
                Optional<IssuedToken> found = tokens.findByHash(tenant, hash);
                CountDownLatch latch = lookups.get();
                if (latch != null) {
                    latch.countDown();
                }
                return found;
            }

            @Override
            public boolean consume(TenantId tenant, String hash, Instant now) {
                return tokens.consume(tenant, hash, now);
            }

            @Override
            public List<IssuedToken> live(TenantId tenant, ClientId client, TokenPurpose purpose, Instant now) {
                return tokens.live(tenant, client, purpose, now);
            }

            @Override
            public void revoke(TenantId tenant, String hash, Instant now) {
                tokens.revoke(tenant, hash, now);
            }

            @Override
            public int revokeAll(TenantId tenant, ClientId client, Instant now) {
                return tokens.revokeAll(tenant, client, now);
            }

            @Override
            public int revokeLive(TenantId tenant, ClientId client, Set<TokenPurpose> purposes, Instant now) {
                return tokens.revokeLive(tenant, client, purposes, now);
            }
        };
    }

    private static List<Integer> winners(List<ActivationResult> results) {
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof ActivationResult.Activated) {
                winners.add(i);
            }
        }
        return winners;
    }

    private void assertOnlyTheWinnersPasswordVerifies(Client client, int winner) {
        assertThat(kit.verifies(client.id(), passwordOf(winner))).isTrue();
        assertThat(kit.verifies(client.id(), passwordOf(winner == 0 ? 1 : 0))).isFalse();
    }

    private static String passwordOf(int attempt) {
        return "password-of-attempt-" + attempt;
    }
}
