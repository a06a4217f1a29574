package com.example.studio;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.invitation.service.DispatchReport;
import io.clientele.invitation.service.InvitationConfig;
import java.net.URI;

public final class QuickStart {

    public static void main(String[] args) {
        // Wire Clientele on the in-memory adapters (swap in the JPA adapter or your own ports later).
        InMemoryAdapters memory = InMemoryAdapters.create();
        Clientele clientele = memory.installInto(Clientele.builder())
                .invitations(InvitationConfig.withLinks(URI.create("https://studio.example/activate"),
                        URI.create("https://studio.example/reset-password"),
                        URI.create("https://studio.example/unsubscribe")))
                .build();

        // The host maps its session to an actor: who acts, for which studio, with which permissions.
        TenantId studio = TenantId.of("studio-42");
        Actor frontDesk = Actor.Staff.owner("front-desk-1", studio);

        Client ana = clientele.clients().create(frontDesk, studio,
                ClientDetails.named("Ana", "López").withEmail("Ana.Lopez@Example.com").withPhone("+33 6 12 34 56 78"));
        clientele.notes().add(frontDesk, studio, ana.id(), "Prefers morning classes.");
        clientele.locks().lock(frontDesk, studio, ana.id(), ana.version());

        // Invite her to activate her account; the dispatcher (a scheduled job in a host) sends the mail.
        InviteOutcome outcome = clientele.invitations().invite(frontDesk, studio, ana.id());
        DispatchReport report = clientele.mailDispatcher().dispatchDue();

        System.out.println("created " + ana.details().name().fullName() + " (" + ana.invitationStatus() + ")");
        System.out.println("invitation: " + outcome.getClass().getSimpleName() + ", mails sent: " + report.sent());
        System.out.println("now " + clientele.clients().get(frontDesk, studio, ana.id()).invitationStatus());
        System.out.println("clients in list: "
                + clientele.clients().list(frontDesk, studio, ClientQuery.all(), PageRequest.first()).items().size());
    }
}
