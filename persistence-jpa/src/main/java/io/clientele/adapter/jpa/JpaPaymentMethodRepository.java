package io.clientele.adapter.jpa;

import io.clientele.adapter.jpa.PaymentTables.PaymentMethodRow;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodId;
import io.clientele.payment.model.PaymentMethodKind;
import io.clientele.payment.model.PaymentMethodStatus;
import io.clientele.payment.port.PaymentMethodRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PaymentMethodRepository} on table {@code payment_method}: an insert is flushed at the call
 * (a taken id is {@code DUPLICATE} there); an update is one conditional {@code UPDATE ... SET ...,
 * version = version + 1 WHERE tenant_id = ? AND id = ? AND version = ?} (no row: {@code
 * STALE_VERSION}); a client's methods are read on index {@code payment_method_client_idx}, a
 * provider reference's on {@code payment_method_provider_ref_idx}; the erasure is one {@code
 * DELETE}. Nothing read or written stays managed, so the conditional update never leaves a stale
 * copy behind. Thread-safe (state lives in the caller's unit of work).
 */
final class JpaPaymentMethodRepository implements PaymentMethodRepository {

    private static final Map<String, String> CONSTRAINTS = Map.of("payment_method_pk", "id");

    private static final String NEWEST_FIRST = " order by m.addedAt desc, m.id desc";

    private final EntityManagerAccess access;

    JpaPaymentMethodRepository(EntityManagerAccess access) {
        this.access = access;
    }

    @Override
    public Optional<PaymentMethod> find(TenantId tenant, PaymentMethodId id) {
        EntityManager em = access.current();
        PaymentMethodRow row = em.find(PaymentMethodRow.class, new TenantScopedKey(tenant.value(), id.value()));
        if (row == null) {
            return Optional.empty();
        }
        em.detach(row);
        return Optional.of(toMethod(row));
    }

    @Override
    public PaymentMethod insert(PaymentMethod method) {
        EntityManager em = access.current();
        PaymentMethod stored = method.withVersion(0);
        PaymentMethodRow row = toRow(stored);
        try {
            em.persist(row);
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, CONSTRAINTS);
        }
        SqlErrors.flush(em, CONSTRAINTS);
        em.detach(row);
        return stored;
    }

    @Override
    public PaymentMethod update(PaymentMethod method) {
        int updated = access.current().createQuery("update PaymentMethodRow m set m.clientId = :client,"
                        + " m.kind = :kind, m.brand = :brand, m.last4 = :last4, m.expiryMonth = :expiry,"
                        + " m.providerRef = :providerRef, m.status = :status, m.addedAt = :addedAt,"
                        + " m.cancelledAt = :cancelledAt, m.version = m.version + 1"
                        + " where m.tenantId = :tenant and m.id = :id and m.version = :version")
                .setParameter("client", method.clientId().value())
                .setParameter("kind", method.kind().name())
                .setParameter("brand", method.brand())
                .setParameter("last4", method.last4())
                .setParameter("expiry", method.expiry().map(e -> e.atDay(1)).orElse(null))
                .setParameter("providerRef", method.providerRef())
                .setParameter("status", method.status().name())
                .setParameter("addedAt", method.addedAt())
                .setParameter("cancelledAt", method.cancelledAt().orElse(null))
                .setParameter("tenant", method.tenantId().value())
                .setParameter("id", method.id().value())
                .setParameter("version", method.version())
                .executeUpdate();
        if (updated == 0) {
            throw ConflictException.staleVersion("payment method", method.id());
        }
        return method.withVersion(method.version() + 1);
    }

    @Override
    public List<PaymentMethod> listForClient(TenantId tenant, ClientId client) {
        EntityManager em = access.current();
        return methods(em, em.createQuery("select m from PaymentMethodRow m"
                        + " where m.tenantId = :tenant and m.clientId = :client" + NEWEST_FIRST, PaymentMethodRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value()));
    }

    @Override
    public Page<PaymentMethod> pageForClient(TenantId tenant, ClientId client, PageRequest page) {
        EntityManager em = access.current();
        Optional<TimeIdPosition> after = TimeIdPosition.after(page);
        TypedQuery<PaymentMethodRow> query = em.createQuery("select m from PaymentMethodRow m"
                        + " where m.tenantId = :tenant and m.clientId = :client"
                        + (after.isPresent() ? " and m.addedAt <= :at and (m.addedAt < :at or m.id < :id)" : "")
                        + NEWEST_FIRST, PaymentMethodRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setMaxResults(page.size() + 1);
        after.ifPresent(p -> query.setParameter("at", p.at()).setParameter("id", p.id()));
        return Page.fromLookahead(methods(em, query), page.size(),
                m -> TimeIdPosition.cursor(m.addedAt(), m.id().value()));
    }

    @Override
    public Optional<PaymentMethod> findActiveByProviderRef(TenantId tenant, String providerRef) {
        EntityManager em = access.current();
        // one active method per reference is the service's rule; should two exist, the oldest answers
        return methods(em, em.createQuery("select m from PaymentMethodRow m where m.tenantId = :tenant"
                        + " and m.providerRef = :providerRef and m.status = :active order by m.addedAt, m.id",
                        PaymentMethodRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("providerRef", providerRef)
                .setParameter("active", PaymentMethodStatus.ACTIVE.name())
                .setMaxResults(1)).stream().findFirst();
    }

    @Override
    public int deleteAllForClient(TenantId tenant, ClientId client) {
        return access.current().createQuery("delete from PaymentMethodRow m"
                        + " where m.tenantId = :tenant and m.clientId = :client")
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .executeUpdate();
    }

    private static List<PaymentMethod> methods(EntityManager em, TypedQuery<PaymentMethodRow> query) {
        List<PaymentMethodRow> rows = query.getResultList();
        rows.forEach(em::detach);
        return rows.stream().map(JpaPaymentMethodRepository::toMethod).toList();
    }

    private static PaymentMethodRow toRow(PaymentMethod m) {
        PaymentMethodRow row = new PaymentMethodRow();
        row.tenantId = m.tenantId().value();
        row.id = m.id().value();
        row.clientId = m.clientId().value();
        row.kind = m.kind().name();
        row.brand = m.brand();
        row.last4 = m.last4();
        row.expiryMonth = m.expiry().map(e -> e.atDay(1)).orElse(null);
        row.providerRef = m.providerRef();
        row.status = m.status().name();
        row.addedAt = m.addedAt();
        row.cancelledAt = m.cancelledAt().orElse(null);
        row.version = m.version();
        return row;
    }

    private static PaymentMethod toMethod(PaymentMethodRow row) {
        return new PaymentMethod(new PaymentMethodId(row.id), new TenantId(row.tenantId), new ClientId(row.clientId),
                PaymentMethodKind.valueOf(row.kind), row.brand, row.last4,
                Optional.ofNullable(row.expiryMonth).map(YearMonth::from), row.providerRef,
                PaymentMethodStatus.valueOf(row.status), row.addedAt, Optional.ofNullable(row.cancelledAt),
                row.version);
    }
}
