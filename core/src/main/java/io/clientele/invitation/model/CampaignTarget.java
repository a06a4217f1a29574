package io.clientele.invitation.model;

import io.clientele.client.model.GroupId;
import io.clientele.client.model.LabelId;
import io.clientele.common.ClientId;
import io.clientele.common.Validate;
import java.util.Set;

/**
 * Who a campaign invites: {@link AllClients}, the members of a client {@link Group}, the clients
 * in an invitation {@link WithStatus status} (Added or Invited), the clients with a {@link
 * WithLabel label}, or an explicit set of {@link Clients}. Group and label are referred to by
 * their typed ids (another context's aggregates are referred to by identity only), so a label id
 * cannot be passed where a group id is meant. Immutable and thread-safe.
 */
public sealed interface CampaignTarget
        permits CampaignTarget.AllClients, CampaignTarget.Group, CampaignTarget.WithStatus,
        CampaignTarget.WithLabel, CampaignTarget.Clients {

    /** Every client of the tenant. */
    record AllClients() implements CampaignTarget {
    }

    /** The members of a client group. */
    record Group(GroupId groupId) implements CampaignTarget {
        public Group {
            Validate.notNull("groupId", groupId);
        }
    }

    /** The clients in one invitation status. */
    record WithStatus(TargetStatus status) implements CampaignTarget {
        public WithStatus {
            Validate.notNull("status", status);
        }
    }

    /** The clients with a label. */
    record WithLabel(LabelId labelId) implements CampaignTarget {
        public WithLabel {
            Validate.notNull("labelId", labelId);
        }
    }

    /** Chosen clients, at most {@value #MAX_CLIENTS}. */
    record Clients(Set<ClientId> clientIds) implements CampaignTarget {

        /** The most clients an explicit target may list. */
        public static final int MAX_CLIENTS = 10_000;

        public Clients {
            Validate.notNull("clientIds", clientIds);
            Validate.maxSize("clientIds", clientIds, MAX_CLIENTS);
            clientIds = Set.copyOf(clientIds);
        }
    }

    /** The invitation statuses a campaign can target. */
    enum TargetStatus {
        /** Never invited. */
        ADDED,
        /** Invited, not yet accepted (a reminder). */
        INVITED
    }
}
