package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TokenRepository}: tokens are keyed by tenant and hash, so another
 * tenant's hash behaves like an unknown one everywhere; a stored hash is never replaced ({@code
 * DUPLICATE}); a batch
 * insert stores all or none; consuming marks a live token used exactly once; the live tokens of a
 * client and purpose are listed oldest first; capping, revoking by hash (one or many) and revoking
 * by client count and change live tokens only; a rolled-back unit of work leaves nothing. The
 * single-use consume under concurrency is {@link TokenRepositoryConcurrencyContract}'s.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class TokenRepositoryContract {

    private TokenRepository tokens;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;
    private ClientId ana;
    private ClientId bea;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' tokens: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<TokenRepository> createAdapter();

    @BeforeEach
    void setUpTokenRepositoryContract() {
        PortUnderTest<TokenRepository> adapter = createAdapter();
        tokens = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
        ana = fx.newClientId();
        bea = fx.newClientId();
    }

    private IssuedToken insert(IssuedToken token) {
        tx.run(() -> tokens.insert(token));
        return token;
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private Optional<IssuedToken> find(TenantId in, String hash) {
        return read(() -> tokens.findByHash(in, hash));
    }

    private IssuedToken stored(IssuedToken token) {
        return find(token.tenantId(), token.hash()).orElseThrow();
    }

    private List<IssuedToken> live(ClientId client, TokenPurpose purpose, Instant now) {
        return read(() -> tokens.live(tenant, client, purpose, now));
    }

    @Test
    void a_stored_token_is_found_by_its_hash_in_its_tenant_only() {
        IssuedToken token = insert(fx.aToken(tenant, ana).build());

        assertThat(find(tenant, token.hash())).contains(token);
        assertThat(find(otherTenant, token.hash())).isEmpty();
        assertThat(find(tenant, Fixtures.randomHex(32))).isEmpty();
    }

    @Test
    void a_stored_hash_is_never_replaced_and_a_batch_holding_one_stores_nothing() {
        IssuedToken token = insert(fx.aToken(tenant, ana).build());
        tx.run(() -> tokens.consume(tenant, token.hash(), fx.now()));
        IssuedToken used = stored(token);
        IssuedToken fresh = fx.aToken(tenant, bea).build();

        duplicate(() -> insert(token));
        duplicate(() -> tx.run(() -> tokens.insertAll(List.of(fresh, token))));
        duplicate(() -> tx.run(() -> tokens.insertAll(List.of(fresh, fresh))));

        assertThat(stored(token)).as("a used token stays used").isEqualTo(used);
        assertThat(find(tenant, fresh.hash())).isEmpty();
        IssuedToken sameHashElsewhere = insert(fx.aToken(otherTenant, ana).withHash(token.hash()).build());
        assertThat(find(otherTenant, token.hash())).contains(sameHashElsewhere);
    }

    @Test
    void many_tokens_of_several_clients_and_tenants_are_stored_in_one_call() {
        List<IssuedToken> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            batch.add(fx.aToken(i % 2 == 0 ? tenant : otherTenant, i % 3 == 0 ? ana : bea).build());
        }

        tx.run(() -> tokens.insertAll(batch));
        tx.run(() -> tokens.insertAll(List.of()));

        assertThat(batch).allSatisfy(t -> assertThat(stored(t)).isEqualTo(t));
        assertThat(live(ana, TokenPurpose.ACTIVATION, fx.now())).hasSize(10);
        assertThat(live(bea, TokenPurpose.ACTIVATION, fx.now())).hasSize(20);
    }

    @Test
    void consuming_a_live_token_marks_it_used_once_and_only_in_its_tenant() {
        IssuedToken token = insert(fx.aToken(tenant, ana).build());
        Instant now = fx.advance(Duration.ofMinutes(5));

        assertThat(tx.inTransaction(() -> tokens.consume(otherTenant, token.hash(), now))).isFalse();
        assertThat(stored(token)).isEqualTo(token);
        assertThat(tx.inTransaction(() -> tokens.consume(tenant, token.hash(), now))).isTrue();
        assertThat(stored(token).usedAt()).contains(now);
        assertThat(tx.inTransaction(() -> tokens.consume(tenant, token.hash(), now.plusSeconds(1)))).isFalse();
        assertThat(stored(token).usedAt()).contains(now);
        assertThat(tx.inTransaction(() -> tokens.consume(tenant, Fixtures.randomHex(32), now))).isFalse();
    }

    @Test
    void an_expired_or_revoked_token_is_not_consumed() {
        IssuedToken expiring = insert(fx.aToken(tenant, ana).validFor(Duration.ofHours(1)).build());
        IssuedToken revoked = insert(fx.aToken(tenant, ana).build());
        tx.run(() -> tokens.revoke(tenant, revoked.hash(), fx.now()));

        assertThat(tx.inTransaction(() -> tokens.consume(tenant, expiring.hash(), expiring.expiresAt()))).isFalse();
        assertThat(tx.inTransaction(() -> tokens.consume(tenant, revoked.hash(), fx.now()))).isFalse();
        assertThat(stored(expiring).usedAt()).isEmpty();
        assertThat(stored(revoked).usedAt()).isEmpty();
        assertThat(tx.inTransaction(() -> tokens.consume(tenant, expiring.hash(),
                expiring.expiresAt().minusMillis(1)))).isTrue();
    }

    @Test
    void the_live_tokens_of_a_client_and_purpose_are_listed_oldest_issued_first() {
        IssuedToken first = insert(fx.aToken(tenant, ana).build());
        fx.advance(Duration.ofMinutes(1));
        IssuedToken expired = insert(fx.aToken(tenant, ana).validFor(Duration.ofMinutes(30)).build());
        IssuedToken used = insert(fx.aToken(tenant, ana).build());
        IssuedToken revoked = insert(fx.aToken(tenant, ana).build());
        fx.advance(Duration.ofMinutes(1));
        IssuedToken last = insert(fx.aToken(tenant, ana).build());
        insert(fx.aToken(tenant, ana).forPurpose(TokenPurpose.PASSWORD_RESET).build());
        insert(fx.aToken(tenant, bea).build());
        insert(fx.aToken(otherTenant, ana).build());
        Instant now = fx.advance(Duration.ofHours(1));
        tx.run(() -> tokens.consume(tenant, used.hash(), now));
        tx.run(() -> tokens.revoke(tenant, revoked.hash(), now));

        assertThat(live(ana, TokenPurpose.ACTIVATION, now)).containsExactly(first, last);
        assertThat(live(ana, TokenPurpose.ACTIVATION, expired.expiresAt().minusSeconds(1)))
                .containsExactly(first, expired, last);
        assertThat(live(fx.newClientId(), TokenPurpose.ACTIVATION, now)).isEmpty();
    }

    @Test
    void capping_live_links_revokes_the_oldest_beyond_the_maximum_and_never_the_kept_one() {
        List<IssuedToken> anas = new ArrayList<>();
        List<IssuedToken> beas = new ArrayList<>();
        IssuedToken anasExpired = insert(fx.aToken(tenant, ana).validFor(Duration.ofMinutes(1)).build());
        for (int i = 0; i < 4; i++) {
            fx.advance(Duration.ofMinutes(2));
            anas.add(insert(fx.aToken(tenant, ana).build()));
            beas.add(insert(fx.aToken(tenant, bea).build()));
        }
        IssuedToken anasReset = insert(fx.aToken(tenant, ana).forPurpose(TokenPurpose.PASSWORD_RESET).build());
        IssuedToken elsewhere = insert(fx.aToken(otherTenant, ana).build());
        Instant now = fx.advance(Duration.ofMinutes(1));

        int revoked = tx.inTransaction(() -> tokens.capLive(tenant, TokenPurpose.ACTIVATION,
                Map.of(ana, anas.get(3).hash(), bea, beas.get(0).hash()), 2, now));

        // ana keeps the newest link and one other; bea keeps the oldest (the one just sent) and the newest other
        assertThat(revoked).isEqualTo(4);
        assertThat(live(ana, TokenPurpose.ACTIVATION, now)).containsExactly(anas.get(2), anas.get(3));
        assertThat(live(bea, TokenPurpose.ACTIVATION, now)).containsExactly(beas.get(0), beas.get(3));
        assertThat(stored(anas.get(0)).revokedAt()).contains(now);
        assertThat(stored(anasExpired).revokedAt()).as("an expired link is not live and not counted").isEmpty();
        assertThat(stored(anasReset)).isEqualTo(anasReset);
        assertThat(stored(elsewhere)).isEqualTo(elsewhere);
        assertThat(tx.inTransaction(() -> tokens.capLive(tenant, TokenPurpose.ACTIVATION, Map.of(), 2, now)))
                .isZero();
    }

    @Test
    void capping_links_issued_at_the_same_instant_revokes_them_in_hash_order() {
        IssuedToken a = insert(fx.aToken(tenant, ana).withHash("a".repeat(64)).build());
        IssuedToken b = insert(fx.aToken(tenant, ana).withHash("b".repeat(64)).build());
        IssuedToken c = insert(fx.aToken(tenant, ana).withHash("c".repeat(64)).build());
        IssuedToken kept = insert(fx.aToken(tenant, ana).withHash("0".repeat(64)).build());

        int revoked = tx.inTransaction(() -> tokens.capLive(tenant, TokenPurpose.ACTIVATION,
                Map.of(ana, kept.hash()), 2, fx.now()));

        assertThat(revoked).isEqualTo(2);
        assertThat(live(ana, TokenPurpose.ACTIVATION, fx.now())).containsExactlyInAnyOrder(c, kept);
        assertThat(stored(a).revokedAt()).isPresent();
        assertThat(stored(b).revokedAt()).isPresent();
    }

    @Test
    void capping_and_revoking_handle_many_clients_and_tokens_at_once() {
        Map<ClientId, String> keep = new HashMap<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ClientId client = fx.newClientId();
            others.add(insert(fx.aToken(tenant, client).build()).hash());
            others.add(insert(fx.aToken(tenant, client).build()).hash());
            fx.advance(Duration.ofSeconds(1));
            keep.put(client, insert(fx.aToken(tenant, client).build()).hash());
        }
        Instant now = fx.advance(Duration.ofMinutes(1));

        assertThat(tx.inTransaction(() -> tokens.capLive(tenant, TokenPurpose.ACTIVATION, keep, 2, now)))
                .isEqualTo(50);
        assertThat(tx.inTransaction(() -> tokens.revoke(tenant, others, now))).isEqualTo(50);
        assertThat(tx.inTransaction(() -> tokens.revoke(tenant, List.copyOf(keep.values()), now))).isEqualTo(50);
        assertThat(keep.keySet()).allSatisfy(client -> assertThat(live(client, TokenPurpose.ACTIVATION, now))
                .isEmpty());
    }

    @Test
    void revoking_by_hash_changes_live_tokens_of_the_tenant_only_and_counts_them() {
        IssuedToken one = insert(fx.aToken(tenant, ana).build());
        IssuedToken two = insert(fx.aToken(tenant, ana).build());
        IssuedToken used = insert(fx.aToken(tenant, bea).build());
        IssuedToken single = insert(fx.aToken(tenant, bea).build());
        IssuedToken elsewhere = insert(fx.aToken(otherTenant, ana).build());
        tx.run(() -> tokens.consume(tenant, used.hash(), fx.now()));
        IssuedToken usedNow = stored(used);
        Instant now = fx.advance(Duration.ofMinutes(1));

        int revoked = tx.inTransaction(() -> tokens.revoke(tenant, List.of(one.hash(), two.hash(), one.hash(),
                used.hash(), elsewhere.hash(), Fixtures.randomHex(32)), now));
        tx.run(() -> tokens.revoke(otherTenant, single.hash(), now));
        tx.run(() -> tokens.revoke(tenant, used.hash(), now));

        assertThat(revoked).isEqualTo(2);
        assertThat(stored(one).revokedAt()).contains(now);
        assertThat(stored(two).revokedAt()).contains(now);
        assertThat(stored(used)).isEqualTo(usedNow);
        assertThat(stored(elsewhere)).isEqualTo(elsewhere);
        assertThat(stored(single)).isEqualTo(single);
        tx.run(() -> tokens.revoke(tenant, single.hash(), now));
        assertThat(stored(single).revokedAt()).contains(now);
        assertThat(tx.inTransaction(() -> tokens.revoke(tenant, List.of(), now))).isZero();
    }

    @Test
    void revoking_a_client_s_live_tokens_counts_them_and_spares_the_purposes_left_out() {
        insert(fx.aToken(tenant, ana).build());
        insert(fx.aToken(tenant, ana).forPurpose(TokenPurpose.PASSWORD_RESET).build());
        IssuedToken unsubscribe = insert(fx.aToken(tenant, ana).forPurpose(TokenPurpose.UNSUBSCRIBE).build());
        IssuedToken used = insert(fx.aToken(tenant, ana).build());
        IssuedToken beas = insert(fx.aToken(tenant, bea).build());
        IssuedToken elsewhere = insert(fx.aToken(otherTenant, ana).build());
        tx.run(() -> tokens.consume(tenant, used.hash(), fx.now()));
        IssuedToken usedNow = stored(used);
        Instant now = fx.advance(Duration.ofMinutes(1));

        int revoked = tx.inTransaction(() -> tokens.revokeLive(tenant, ana,
                Set.of(TokenPurpose.ACTIVATION, TokenPurpose.PASSWORD_RESET), now));

        assertThat(revoked).isEqualTo(2);
        assertThat(live(ana, TokenPurpose.ACTIVATION, now)).isEmpty();
        assertThat(live(ana, TokenPurpose.PASSWORD_RESET, now)).isEmpty();
        assertThat(live(ana, TokenPurpose.UNSUBSCRIBE, now)).containsExactly(unsubscribe);
        assertThat(stored(used)).isEqualTo(usedNow);

        assertThat(tx.inTransaction(() -> tokens.revokeAll(tenant, ana, now))).isEqualTo(1);
        assertThat(live(ana, TokenPurpose.UNSUBSCRIBE, now)).isEmpty();
        assertThat(stored(beas)).isEqualTo(beas);
        assertThat(stored(elsewhere)).isEqualTo(elsewhere);
        assertThat(tx.inTransaction(() -> tokens.revokeAll(tenant, ana, now))).isZero();
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_token_no_use_and_no_revocation() {
        IssuedToken consumed = insert(fx.aToken(tenant, ana).build());
        IssuedToken revoked = insert(fx.aToken(tenant, ana).build());
        IssuedToken added = fx.aToken(tenant, bea).build();
        IssuedToken batched = fx.aToken(tenant, bea).build();

        rolledBack(tx, () -> {
            tokens.insert(added);
            tokens.insertAll(List.of(batched));
            tokens.consume(tenant, consumed.hash(), fx.now());
            tokens.revoke(tenant, revoked.hash(), fx.now());
        });

        assertThat(find(tenant, added.hash())).isEmpty();
        assertThat(find(tenant, batched.hash())).isEmpty();
        assertThat(stored(consumed)).isEqualTo(consumed);
        assertThat(stored(revoked)).isEqualTo(revoked);
        assertThat(live(ana, TokenPurpose.ACTIVATION, fx.now())).containsExactlyInAnyOrder(consumed, revoked);
        assertThat(tx.inTransaction(() -> tokens.consume(tenant, consumed.hash(), fx.now()))).isTrue();
    }
}
