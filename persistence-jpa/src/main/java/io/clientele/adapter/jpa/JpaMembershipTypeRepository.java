package io.clientele.adapter.jpa;

import static io.clientele.adapter.jpa.LedgerRows.detached;

import io.clientele.adapter.jpa.MembershipTables.TypeRow;
import io.clientele.common.ConflictException;
import io.clientele.common.DisplayName;
import io.clientele.common.TenantId;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.port.MembershipTypeRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link MembershipTypeRepository} on table {@code membership_type}. Names are unique per tenant
 * by the constraint {@code membership_type_name_uq} on {@code (tenant_id, name_key)}, the name's
 * case-insensitive key as {@link DisplayName#key()} computes it, so the check is atomic with the
 * write ({@code DUPLICATE} on {@code name} at the call); an update is one conditional {@code
 * UPDATE ... WHERE version = ?}; the catalog is listed by that key. Thread-safe (state lives in the
 * caller's unit of work).
 */
final class JpaMembershipTypeRepository implements MembershipTypeRepository {

    private static final Map<String, String> KEYS = Map.of("membership_type_pk", "id",
            "membership_type_name_uq", "name");

    private final EntityManagerAccess access;

    JpaMembershipTypeRepository(EntityManagerAccess access) {
        this.access = access;
    }

    @Override
    public Optional<MembershipType> find(TenantId tenant, MembershipTypeId id) {
        EntityManager em = access.current();
        return detached(em, em.createQuery("select t from MembershipTypeRow t where t.tenantId = :tenant and t.id = :id",
                        TypeRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("id", id.value())
                .getResultList()).stream().findFirst().map(JpaMembershipTypeRepository::type);
    }

    @Override
    public List<MembershipType> list(TenantId tenant) {
        EntityManager em = access.current();
        return detached(em, em.createQuery("select t from MembershipTypeRow t where t.tenantId = :tenant"
                        + " order by t.nameKey, t.id", TypeRow.class)
                .setParameter("tenant", tenant.value())
                .getResultList()).stream().map(JpaMembershipTypeRepository::type).toList();
    }

    @Override
    public MembershipType insert(MembershipType type) {
        EntityManager em = access.current();
        TypeRow row = row(type);
        try {
            em.persist(row);
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, KEYS);
        }
        SqlErrors.flush(em, KEYS);
        em.detach(row);
        return type.withVersion(0);
    }

    @Override
    public MembershipType update(MembershipType type) {
        RecurringCreditRule rule = type.rule();
        int updated;
        try {
            updated = access.current().createQuery("update MembershipTypeRow t set t.name = :name,"
                            + " t.nameKey = :nameKey, t.enabled = :enabled, t.creditsPerPeriod = :credits,"
                            + " t.creditPeriod = :period, t.creditValidity = :validity, t.version = t.version + 1"
                            + " where t.tenantId = :tenant and t.id = :id and t.version = :version")
                    .setParameter("name", type.name().value())
                    .setParameter("nameKey", type.name().key())
                    .setParameter("enabled", type.enabled())
                    .setParameter("credits", rule.creditsPerPeriod())
                    .setParameter("period", rule.period().name())
                    .setParameter("validity", LedgerRows.period(rule.validity()))
                    .setParameter("tenant", type.tenantId().value())
                    .setParameter("id", type.id().value())
                    .setParameter("version", type.version())
                    .executeUpdate();
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, KEYS);
        }
        if (updated == 0) {
            throw ConflictException.staleVersion("membership type", type.id());
        }
        return type.withVersion(type.version() + 1);
    }

    private static TypeRow row(MembershipType t) {
        TypeRow row = new TypeRow();
        row.tenantId = t.tenantId().value();
        row.id = t.id().value();
        row.name = t.name().value();
        row.nameKey = t.name().key();
        row.enabled = t.enabled();
        row.creditsPerPeriod = t.rule().creditsPerPeriod();
        row.creditPeriod = t.rule().period().name();
        row.creditValidity = LedgerRows.period(t.rule().validity());
        row.version = 0;
        return row;
    }

    private static MembershipType type(TypeRow r) {
        return new MembershipType(new MembershipTypeId(r.id), TenantId.of(r.tenantId), new DisplayName(r.name),
                r.enabled, new RecurringCreditRule(r.creditsPerPeriod, CreditPeriod.valueOf(r.creditPeriod),
                        LedgerRows.period(r.creditValidity)), r.version);
    }
}
