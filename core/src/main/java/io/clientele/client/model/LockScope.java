package io.clientele.client.model;

/**
 * A group of profile fields a lock can cover. Labels, notes, groups, credits, orders and opt-ins
 * are never covered: they stay open on a locked profile.
 */
public enum LockScope {
    /** Name, email, phone, birth date, preferred language. */
    PERSONAL_DETAILS,
    /** The profile photo. */
    PHOTO,
    /** Postal addresses. */
    ADDRESSES,
    /** Linked passes and cards. */
    PASSES
}
