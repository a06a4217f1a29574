package io.clientele.mail.archfixture;

import io.clientele.common.TenantId;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.mail.model.MailModel;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.port.MailComposer;
import java.util.Map;
import java.util.UUID;

/**
 * A composer of the mail context that breaks its rules on purpose (it knows the invitation
 * context), so that {@code ArchitectureTest} can show they bite; it lives in {@code
 * io.clientele.mail..} because one of the rules is about that package.
 */
public final class MailKnowingInvitations implements MailComposer {

    /** The common package: allowed. */
    public TenantId tenant = TenantId.of("studio-a");

    /** Another context's model: not allowed. */
    public InvitationMessage text = new InvitationMessage("Join us", "");

    @Override
    public RenderedMail compose(UUID id, MailModel model) {
        return new RenderedMail(id, model.letterhead().tenantId(), model.letterhead().sender(), model.recipient(),
                text.subject(), text.message(), text.message(), Map.of());
    }
}
