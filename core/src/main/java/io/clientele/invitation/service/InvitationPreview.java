package io.clientele.invitation.service;

import io.clientele.common.ClientId;
import io.clientele.common.Validate;
import io.clientele.invitation.model.SkipReason;
import io.clientele.mail.model.MailPreview;

/**
 * What inviting one client now would do, as {@link InvitationService#preview} answers it without
 * doing it: {@link Rendered} with the mail the client would get (placeholder links in place of the
 * personal ones), or {@link Skipped} with the reason the invitation would not be sent, the same
 * reason {@link InvitationService#invite} would answer. Immutable and thread-safe.
 */
public sealed interface InvitationPreview permits InvitationPreview.Rendered, InvitationPreview.Skipped {

    /** The client previewed. */
    ClientId clientId();

    /** The invitation the client would get. */
    record Rendered(ClientId clientId, MailPreview mail) implements InvitationPreview {
        public Rendered {
            Validate.notNull("clientId", clientId);
            Validate.notNull("mail", mail);
        }
    }

    /** The client would get no invitation now, for this reason. */
    record Skipped(ClientId clientId, SkipReason reason) implements InvitationPreview {
        public Skipped {
            Validate.notNull("clientId", clientId);
            Validate.notNull("reason", reason);
        }
    }
}
