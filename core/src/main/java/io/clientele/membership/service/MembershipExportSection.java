package io.clientele.membership.service;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.export.port.ExportSection;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.membership.port.MembershipTypeRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The membership context's section of the data export, {@code "memberships"}: every membership of
 * the client with its type's name (its id when the type is gone), status, dates and credit rule.
 * Two reads, whatever the number of memberships: the client's memberships and the tenant's type
 * catalog. Immutable and thread-safe.
 */
public final class MembershipExportSection implements ExportSection {

    private final MembershipRepository memberships;
    private final MembershipTypeRepository types;

    /** The section over the memberships and the type catalog. */
    public MembershipExportSection(MembershipRepository memberships, MembershipTypeRepository types) {
        this.memberships = Validate.notNull("memberships", memberships);
        this.types = Validate.notNull("types", types);
    }

    /** Always {@code "memberships"}. */
    @Override
    public String name() {
        return "memberships";
    }

    @Override
    public Object content(TenantId tenant, ClientId client, Instant exportedAt) {
        List<Membership> held = memberships.listForClient(tenant, client);
        if (held.isEmpty()) {
            return List.of();
        }
        Map<MembershipTypeId, String> names = types.list(tenant).stream()
                .collect(Collectors.toMap(MembershipType::id, t -> t.name().value()));
        return held.stream().map(m -> membership(m, names)).toList();
    }

    private static Map<String, Object> membership(Membership m, Map<MembershipTypeId, String> names) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", m.id().toString());
        o.put("type", names.getOrDefault(m.typeId(), m.typeId().toString()));
        o.put("status", m.status().name());
        o.put("startDate", m.startDate().toString());
        m.endDate().ifPresent(d -> o.put("endDate", d.toString()));
        o.put("creditsPerPeriod", m.rule().creditsPerPeriod());
        o.put("period", m.rule().period().name());
        m.rule().validity().ifPresent(v -> o.put("creditValidity", v.toString()));
        return o;
    }
}
