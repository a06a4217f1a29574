package io.clientele.adapter.memory;

import io.clientele.common.MembershipId;
import io.clientele.common.TenantId;
import io.clientele.membership.port.IssuanceLog;
import java.util.List;

/**
 * In-memory {@link IssuanceLog}: a set of (tenant, membership, period) claims whose additions are
 * undone when the unit of work rolls back. Claims are atomic. Thread-safe.
 */
public final class InMemoryIssuanceLog implements IssuanceLog, InspectableStore {

    /** One claimed period of one membership. */
    private record Claim(TenantId tenant, MembershipId membershipId, long periodIndex) {
    }

    private final VersionedMap<Claim, Claim> claims;

    public InMemoryIssuanceLog(MemoryTransactions tx) {
        this.claims = new VersionedMap<>(tx);
    }

    @Override
    public synchronized boolean claim(TenantId tenant, MembershipId membershipId, long periodIndex) {
        Claim claim = new Claim(tenant, membershipId, periodIndex);
        if (claims.get(claim).isPresent()) {
            return false;
        }
        claims.put(claim, claim);
        return true;
    }

    @Override
    public List<Long> claimedPeriods(TenantId tenant, MembershipId membershipId) {
        return claims.values(c -> c.tenant().equals(tenant) && c.membershipId().equals(membershipId)).stream()
                .map(Claim::periodIndex).sorted().toList();
    }

    @Override
    public String storeName() {
        return "membership-issuance";
    }

    @Override
    public List<Object> contents() {
        return claims.contents();
    }
}
