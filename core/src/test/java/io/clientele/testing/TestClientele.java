package io.clientele.testing;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.Ids;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import java.util.EnumSet;
import java.util.Set;

/**
 * A Clientele on in-memory adapters and a {@link MutableClock}, with two tenants and ready-made
 * actors. One per test.
 */
public final class TestClientele {

    /** The tenant most tests act in. */
    public static final TenantId TENANT = TenantId.of("studio-a");
    /** Another tenant, for cross-tenant not-found checks. */
    public static final TenantId OTHER_TENANT = TenantId.of("studio-b");

    /** Staff with every permission. */
    public static final Actor.Staff OWNER = Actor.Staff.owner("owner-1");
    /** Staff with every permission but EDIT_LOCKED_CLIENTS. */
    public static final Actor.Staff MANAGER = staffWithout("manager-1", Permission.EDIT_LOCKED_CLIENTS);
    /** Staff who may only view clients. */
    public static final Actor.Staff VIEWER = Actor.Staff.of("viewer-1", Permission.VIEW_CLIENTS);
    /** Staff with no permission at all. */
    public static final Actor.Staff NOBODY = new Actor.Staff("nobody-1", Set.of());

    public final MutableClock clock = MutableClock.standard();
    public final InMemoryAdapters memory = InMemoryAdapters.create();
    public final Ids ids = new Ids(clock);
    public final Clientele clientele = memory.installInto(Clientele.builder()).clock(clock).ids(ids).build();

    /** Staff holding every permission except {@code missing}. */
    public static Actor.Staff staffWithout(String id, Permission... missing) {
        EnumSet<Permission> permissions = EnumSet.allOf(Permission.class);
        for (Permission p : missing) {
            permissions.remove(p);
        }
        return new Actor.Staff(id, permissions);
    }

    /** Creates a client in {@link #TENANT} as {@link #OWNER}. */
    public Client create(ClientDetails details) {
        return clientele.clients().create(OWNER, TENANT, details);
    }

    /** Creates "Ana López" with email and phone in {@link #TENANT}. */
    public Client ana() {
        return create(ClientDetails.named("Ana", "López").withEmail("ana.lopez@example.com")
                .withPhone("+33 6 12 34 56 78"));
    }

    /** The stored client. */
    public Client reload(ClientId id) {
        return clientele.clients().get(OWNER, TENANT, id);
    }
}
