package io.clientele.adapter.jpa;

import io.clientele.adapter.jpa.InvitationTables.TokenRow;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.port.TokenRepository;
import jakarta.persistence.EntityManager;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link TokenRepository} on table {@code token}, keyed by {@code (tenant_id, hash)}: only the
 * SHA-256 hash the port hands over is stored, never a token, and every statement names the tenant,
 * so another tenant's hash is unknown. Inserts are batched and flushed at the call (a taken hash is
 * {@code DUPLICATE} there). Every change of a token is one conditional {@code UPDATE} that
 * requires the token to be live ({@code used_at} and {@code revoked_at} null, not expired); both
 * databases re-check that condition on the row once they hold its lock, so of simultaneous
 * consumes of one token exactly one changes it, and a consume racing a revocation leaves the token
 * used or revoked, never both. The per-client statements use {@code token_client_idx} (tenant,
 * client, purpose). Nothing read stays managed in the unit of work. Thread-safe: state lives in
 * the caller's unit of work.
 */
final class JpaTokenRepository implements TokenRepository {

    private static final Map<String, String> CONSTRAINTS = Map.of("token_pk", "hash");
    /** New links: plain JDBC batches (a dispatch batch issues one per mail). */
    private static final BatchInsert INSERT = new BatchInsert("token",
            new BatchInsert.Column("tenant_id", Types.VARCHAR), new BatchInsert.Column("hash", Types.VARCHAR),
            new BatchInsert.Column("client_id", Types.OTHER), new BatchInsert.Column("purpose", Types.VARCHAR),
            new BatchInsert.Column("category", Types.VARCHAR),
            new BatchInsert.Column("issued_at", Types.TIMESTAMP_WITH_TIMEZONE),
            new BatchInsert.Column("expires_at", Types.TIMESTAMP_WITH_TIMEZONE),
            new BatchInsert.Column("used_at", Types.TIMESTAMP_WITH_TIMEZONE),
            new BatchInsert.Column("revoked_at", Types.TIMESTAMP_WITH_TIMEZONE));
    private static final String LIVE = " and t.usedAt is null and t.revokedAt is null and t.expiresAt > :now";

    private final EntityManagerAccess access;

    JpaTokenRepository(EntityManagerAccess access) {
        this.access = access;
    }

    @Override
    public void insert(IssuedToken token) {
        insertAll(List.of(token));
    }

    @Override
    public void insertAll(List<IssuedToken> tokens) {
        Validate.notNull("tokens", tokens);
        Set<List<String>> keys = new HashSet<>();
        for (IssuedToken t : tokens) {
            if (!keys.add(List.of(t.tenantId().value(), t.hash()))) {
                throw ConflictException.duplicate("hash", "a token hash appears twice");
            }
        }
        INSERT.insert(access.current(), tokens, t -> new Object[] {t.tenantId().value(), t.hash(),
            t.clientId().value(), t.purpose().name(), t.category().orElse(null), t.issuedAt(), t.expiresAt(),
            t.usedAt().orElse(null), t.revokedAt().orElse(null)}, CONSTRAINTS);
    }

    @Override
    public Optional<IssuedToken> findByHash(TenantId tenant, String hash) {
        EntityManager em = access.current();
        return tokens(em, em.createQuery("select t from TokenRow t where t.tenantId = :tenant and t.hash = :hash",
                        TokenRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("hash", hash)
                .getResultList()).stream().findFirst();
    }

    @Override
    public boolean consume(TenantId tenant, String hash, Instant now) {
        return access.current().createQuery("update TokenRow t set t.usedAt = :now"
                        + " where t.tenantId = :tenant and t.hash = :hash" + LIVE)
                .setParameter("now", SqlTimes.micros(now))
                .setParameter("tenant", tenant.value())
                .setParameter("hash", hash)
                .executeUpdate() == 1;
    }

    @Override
    public List<IssuedToken> live(TenantId tenant, ClientId client, TokenPurpose purpose, Instant now) {
        EntityManager em = access.current();
        return tokens(em, em.createQuery("select t from TokenRow t where t.tenantId = :tenant"
                        + " and t.clientId = :client and t.purpose = :purpose" + LIVE
                        + " order by t.issuedAt, t.hash", TokenRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setParameter("purpose", purpose.name())
                .setParameter("now", SqlTimes.micros(now))
                .getResultList());
    }

    /**
     * One statement per {@value ValuesList#MAX_ROWS} clients: the clients' live tokens other than
     * the kept ones, ranked newest first per client, beyond the first {@code max - 1} are revoked.
     * The outer update requires the token to be live again, so a token used meanwhile (the ranking
     * reads a snapshot) is left as it is.
     */
    @Override
    public int capLive(TenantId tenant, TokenPurpose purpose, Map<ClientId, String> keep, int max, Instant now) {
        Validate.range("max", max, 1, Integer.MAX_VALUE);
        int revoked = 0;
        for (List<Map.Entry<ClientId, String>> chunk : ValuesList.chunks(List.copyOf(keep.entrySet()))) {
            ValuesList kept = new ValuesList("k", "uuid", "varchar");
            chunk.forEach(e -> kept.add(e.getKey().value(), e.getValue()));
            revoked += kept.bind(access.current().createNativeQuery("UPDATE token SET revoked_at = :now"
                            + " WHERE tenant_id = :tenant AND used_at IS NULL AND revoked_at IS NULL"
                            + " AND (tenant_id, hash) IN (SELECT tenant_id, hash FROM (SELECT t.tenant_id, t.hash,"
                            + " row_number() OVER (PARTITION BY t.client_id ORDER BY t.issued_at DESC, t.hash DESC)"
                            + " AS n FROM token t JOIN (" + kept.sql() + ") AS k(client_id, kept)"
                            + " ON t.client_id = k.client_id WHERE t.tenant_id = :tenant AND t.purpose = :purpose"
                            + " AND t.hash <> k.kept AND t.used_at IS NULL AND t.revoked_at IS NULL"
                            + " AND t.expires_at > :now) ranked WHERE n >= :max)"))
                    .setParameter("now", SqlTimes.micros(now))
                    .setParameter("tenant", tenant.value())
                    .setParameter("purpose", purpose.name())
                    .setParameter("max", max)
                    .executeUpdate();
        }
        return revoked;
    }

    @Override
    public void revoke(TenantId tenant, String hash, Instant now) {
        revoke(tenant, List.of(hash), now);
    }

    @Override
    public int revoke(TenantId tenant, Collection<String> hashes, Instant now) {
        int revoked = 0;
        for (List<String> chunk : ValuesList.chunks(List.copyOf(new LinkedHashSet<>(hashes)))) {
            revoked += access.current().createQuery("update TokenRow t set t.revokedAt = :now"
                            + " where t.tenantId = :tenant and t.hash in :hashes" + LIVE)
                    .setParameter("now", SqlTimes.micros(now))
                    .setParameter("tenant", tenant.value())
                    .setParameter("hashes", chunk)
                    .executeUpdate();
        }
        return revoked;
    }

    @Override
    public int revokeAll(TenantId tenant, ClientId client, Instant now) {
        return revokeLive(tenant, client, Set.of(TokenPurpose.values()), now);
    }

    @Override
    public int revokeLive(TenantId tenant, ClientId client, Set<TokenPurpose> purposes, Instant now) {
        if (purposes.isEmpty()) {
            return 0;
        }
        return access.current().createQuery("update TokenRow t set t.revokedAt = :now where t.tenantId = :tenant"
                        + " and t.clientId = :client and t.purpose in :purposes" + LIVE)
                .setParameter("now", SqlTimes.micros(now))
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setParameter("purposes", purposes.stream().map(TokenPurpose::name).toList())
                .executeUpdate();
    }

    /** The rows as tokens; none of them stays managed, so no later bulk update leaves a stale copy. */
    private static List<IssuedToken> tokens(EntityManager em, List<TokenRow> rows) {
        List<IssuedToken> tokens = new ArrayList<>(rows.size());
        for (TokenRow row : rows) {
            tokens.add(new IssuedToken(row.hash, TenantId.of(row.tenantId), new ClientId(row.clientId),
                    TokenPurpose.valueOf(row.purpose), Optional.ofNullable(row.category), row.issuedAt,
                    row.expiresAt, Optional.ofNullable(row.usedAt), Optional.ofNullable(row.revokedAt)));
            em.detach(row);
        }
        return tokens;
    }
}
