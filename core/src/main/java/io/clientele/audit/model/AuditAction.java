package io.clientele.audit.model;

/** What an audit entry records. */
public enum AuditAction {
    CLIENT_CREATED,
    DETAILS_CHANGED,
    PHOTO_UPLOADED,
    PHOTO_REPLACED,
    PHOTO_REMOVED,
    PASS_LINKED,
    PASS_UNLINKED,
    LOCKED,
    UNLOCKED,
    ERASED,
    LABEL_ASSIGNED,
    LABEL_UNASSIGNED,
    NOTE_ADDED,
    NOTE_EDITED,
    NOTE_DELETED,
    ADDRESS_ADDED,
    ADDRESS_EDITED,
    ADDRESS_REMOVED,
    GROUP_JOINED,
    GROUP_LEFT
}
