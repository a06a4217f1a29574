package io.clientele.mail.model;

/** What an outgoing mail is for; decides which link and template the dispatcher uses. */
public enum MailKind {
    /** An invitation to activate a self-service account. */
    INVITATION,
    /** A link to set a new password. */
    PASSWORD_RESET
}
