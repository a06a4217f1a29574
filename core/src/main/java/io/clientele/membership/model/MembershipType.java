package io.clientele.membership.model;

import io.clientele.common.DisplayName;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;

/**
 * An entry of a tenant's membership catalog: its name (unique per tenant, case-insensitively),
 * whether clients can be given it ({@code enabled}; new types are enabled) and the {@link
 * RecurringCreditRule} its memberships follow. The rule cannot change: a membership keeps the
 * terms it was started with. Disabling a type stops new memberships of it, not running ones.
 *
 * <p>Immutable and thread-safe; changes return new instances stored with a version check.
 */
public record MembershipType(MembershipTypeId id, TenantId tenantId, DisplayName name, boolean enabled,
        RecurringCreditRule rule, long version) {

    public MembershipType {
        Validate.notNull("typeId", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("name", name);
        Validate.notNull("rule", rule);
    }

    /** A new, enabled type at version 0. */
    public static MembershipType create(MembershipTypeId id, TenantId tenant, DisplayName name, RecurringCreditRule rule) {
        return new MembershipType(id, tenant, name, true, rule, 0);
    }

    /** This type under another name. */
    public MembershipType renamed(DisplayName newName) {
        return new MembershipType(id, tenantId, newName, enabled, rule, version);
    }

    /** This type enabled or disabled. */
    public MembershipType withEnabled(boolean newEnabled) {
        return new MembershipType(id, tenantId, name, newEnabled, rule, version);
    }

    /** This type with the stored version (used by repositories). */
    public MembershipType withVersion(long newVersion) {
        return new MembershipType(id, tenantId, name, enabled, rule, newVersion);
    }
}
