package io.clientele.common;

/**
 * What a staff member may do. The host maps its own roles to sets of permissions and passes them
 * in {@link Actor.Staff}. The set is fixed: use cases check exactly one of these.
 */
public enum Permission {
    /** See client profiles, lists, labels, groups and notes. */
    VIEW_CLIENTS,
    /** Create clients and edit unlocked profile sections, labels, notes, groups and passes. */
    EDIT_CLIENTS,
    /** Edit the sections a lock covers while the profile is locked. */
    EDIT_LOCKED_CLIENTS,
    /** Lock and unlock profiles. */
    LOCK_CLIENTS,
    /** Erase (anonymize) clients. */
    DELETE_CLIENTS,
    /** Invite clients to activate an account and trigger password resets. */
    INVITE_CLIENTS,
    /** Issue credits by hand. */
    ISSUE_CREDITS,
    /** Revoke credits. */
    REVOKE_CREDITS,
    /** Manage membership types and client memberships. */
    MANAGE_MEMBERSHIPS,
    /** Create and cancel orders. */
    CREATE_ORDERS,
    /** Manage saved payment methods. */
    MANAGE_PAYMENT_METHODS,
    /** Manage marketing preferences and record consent decisions. */
    MANAGE_MARKETING,
    /** Read the audit trail. */
    VIEW_AUDIT
}
