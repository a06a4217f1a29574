package io.clientele.adapter.jpa;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.invitation.port.PasswordHashStore;
import java.util.List;
import java.util.Optional;

/**
 * {@link PasswordHashStore} on table {@code password_hash}, one PHC string per {@code (tenant_id,
 * client_id)}, in the caller's unit of work (a rolled-back activation leaves the previous hash). A
 * save is one upsert that cannot fail on a client who has a hash already, even when two saves
 * race: PostgreSQL's {@code INSERT ... ON CONFLICT ... DO UPDATE}, H2's {@code MERGE INTO ... KEY}.
 * Thread-safe: state lives in the caller's unit of work.
 */
final class JpaPasswordHashStore implements PasswordHashStore {

    private final EntityManagerAccess access;
    private final SqlDialect.Detected dialect;

    JpaPasswordHashStore(EntityManagerAccess access) {
        this.access = access;
        this.dialect = new SqlDialect.Detected(access);
    }

    @Override
    public void save(TenantId tenant, ClientId client, String phcHash) {
        Validate.notBlank("phcHash", phcHash);
        String sql = dialect.get() == SqlDialect.POSTGRESQL
                ? "INSERT INTO password_hash (tenant_id, client_id, phc_hash) VALUES (:tenant, :client, :hash)"
                        + " ON CONFLICT ON CONSTRAINT password_hash_pk DO UPDATE SET phc_hash = EXCLUDED.phc_hash"
                : "MERGE INTO password_hash (tenant_id, client_id, phc_hash) KEY (tenant_id, client_id)"
                        + " VALUES (:tenant, :client, :hash)";
        access.current().createNativeQuery(sql)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setParameter("hash", phcHash)
                .executeUpdate();
    }

    @Override
    public Optional<String> find(TenantId tenant, ClientId client) {
        List<String> hashes = access.current().createQuery("select p.phcHash from PasswordHashRow p"
                        + " where p.tenantId = :tenant and p.clientId = :client", String.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .getResultList();
        return hashes.stream().findFirst();
    }

    @Override
    public void delete(TenantId tenant, ClientId client) {
        access.current().createQuery("delete from PasswordHashRow p where p.tenantId = :tenant"
                        + " and p.clientId = :client")
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .executeUpdate();
    }
}
