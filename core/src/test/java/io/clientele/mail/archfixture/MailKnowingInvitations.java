package io.clientele.mail.archfixture;

import io.clientele.common.TenantId;
import io.clientele.invitation.model.InvitationMessage;

/**
 * A class of the mail context that breaks its rule on purpose (it knows the invitation context), so
 * that {@code ArchitectureTest} can show the rule bites; it lives in {@code io.clientele.mail..}
 * because the rule is about that package.
 */
public final class MailKnowingInvitations {

    /** The common package: allowed. */
    public TenantId tenant = TenantId.of("studio-a");

    /** Another context's model: not allowed. */
    public InvitationMessage text = new InvitationMessage("Join us", "");
}
