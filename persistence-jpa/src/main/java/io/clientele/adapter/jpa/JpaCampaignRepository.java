package io.clientele.adapter.jpa;

import io.clientele.adapter.jpa.InvitationTables.CampaignClientRow;
import io.clientele.adapter.jpa.InvitationTables.CampaignRow;
import io.clientele.client.model.GroupId;
import io.clientele.client.model.LabelId;
import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignProgress;
import io.clientele.invitation.model.CampaignState;
import io.clientele.invitation.model.CampaignStatus;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.port.CampaignRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link CampaignRepository} on tables {@code campaign} and {@code
 * campaign_client} (the clients an explicit target lists, indexed by tenant and client). A campaign
 * is read with one {@code SELECT} by its key, and one more for an explicit target's clients; an
 * insert writes the campaign, then its listed clients as one JDBC batch, flushed at the call (a
 * taken id is {@code DUPLICATE} there). An update is the conditional {@code UPDATE ... SET ...,
 * version = version + 1 WHERE tenant_id = ? AND id = ? AND version = ?} the port names (no row: a
 * stale version); the target and creation never change, so it leaves them and {@code
 * campaign_client} alone. Nothing read stays managed in the unit of work. Thread-safe: state lives
 * in the caller's unit of work.
 */
final class JpaCampaignRepository implements CampaignRepository {

    private static final Map<String, String> CONSTRAINTS = Map.of("campaign_pk", "id");

    /** How a target is stored in {@code campaign.target_kind}. */
    private static final String ALL = "ALL";
    private static final String GROUP = "GROUP";
    private static final String STATUS = "STATUS";
    private static final String LABEL = "LABEL";
    private static final String CLIENTS = "CLIENTS";

    private final EntityManagerAccess access;

    JpaCampaignRepository(EntityManagerAccess access) {
        this.access = access;
    }

    @Override
    public Optional<Campaign> find(TenantId tenant, CampaignId id) {
        EntityManager em = access.current();
        CampaignRow row = em.find(CampaignRow.class, new TenantScopedKey(tenant.value(), id.value()));
        if (row == null) {
            return Optional.empty();
        }
        em.detach(row);
        Set<ClientId> listed = Set.of();
        if (CLIENTS.equals(row.targetKind)) {
            listed = em.createQuery("select c.clientId from CampaignClientRow c where c.tenantId = :tenant"
                            + " and c.campaignId = :campaign", UUID.class)
                    .setParameter("tenant", tenant.value())
                    .setParameter("campaign", id.value())
                    .getResultStream().map(ClientId::new).collect(Collectors.toSet());
        }
        return Optional.of(campaign(row, listed));
    }

    @Override
    public Campaign insert(Campaign campaign) {
        EntityManager em = access.current();
        CampaignRow row = new CampaignRow();
        row.tenantId = campaign.tenantId().value();
        row.id = campaign.id().value();
        row.createdBy = campaign.createdBy();
        row.createdAt = campaign.createdAt();
        row.version = 0;
        target(row, campaign.target());
        state(row, campaign);
        try {
            em.persist(row);
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, CONSTRAINTS);
        }
        // the campaign first: its listed clients refer to it, and insert ordering may not know that
        SqlErrors.flush(em, CONSTRAINTS);
        em.detach(row);
        if (campaign.target() instanceof CampaignTarget.Clients explicit) {
            List<CampaignClientRow> listed = new ArrayList<>(explicit.clientIds().size());
            for (ClientId client : explicit.clientIds()) {
                CampaignClientRow c = new CampaignClientRow();
                c.tenantId = row.tenantId;
                c.campaignId = row.id;
                c.clientId = client.value();
                em.persist(c);
                listed.add(c);
            }
            em.flush();
            listed.forEach(em::detach);
        }
        return campaign.withVersion(0);
    }

    @Override
    public Campaign update(Campaign campaign) {
        CampaignRow row = new CampaignRow();
        state(row, campaign);
        int updated = access.current().createQuery("update CampaignRow c set c.subject = :subject,"
                        + " c.message = :message, c.status = :status, c.considered = :considered,"
                        + " c.enqueued = :enqueued, c.skippedAccepted = :accepted,"
                        + " c.skippedUnsubscribed = :unsubscribed, c.skippedNoEmail = :noEmail,"
                        + " c.skippedBounced = :bounced, c.skippedErased = :erased,"
                        + " c.skippedInCooldown = :cooldown, c.skippedAlreadyInCampaign = :already,"
                        + " c.positionClientId = :position, c.completedAt = :completedAt,"
                        + " c.version = c.version + 1"
                        + " where c.tenantId = :tenant and c.id = :id and c.version = :version")
                .setParameter("subject", row.subject)
                .setParameter("message", row.message)
                .setParameter("status", row.status)
                .setParameter("considered", row.considered)
                .setParameter("enqueued", row.enqueued)
                .setParameter("accepted", row.skippedAccepted)
                .setParameter("unsubscribed", row.skippedUnsubscribed)
                .setParameter("noEmail", row.skippedNoEmail)
                .setParameter("bounced", row.skippedBounced)
                .setParameter("erased", row.skippedErased)
                .setParameter("cooldown", row.skippedInCooldown)
                .setParameter("already", row.skippedAlreadyInCampaign)
                .setParameter("position", row.positionClientId)
                .setParameter("completedAt", row.completedAt)
                .setParameter("tenant", campaign.tenantId().value())
                .setParameter("id", campaign.id().value())
                .setParameter("version", campaign.version())
                .executeUpdate();
        if (updated == 0) {
            throw ConflictException.staleVersion("campaign", campaign.id());
        }
        return campaign.withVersion(campaign.version() + 1);
    }

    @Override
    public void dropCustomMessagesTargeting(TenantId tenant, ClientId client) {
        access.current().createQuery("update CampaignRow c set c.subject = null, c.message = null,"
                        + " c.version = c.version + 1 where c.tenantId = :tenant and c.id in"
                        + " (select l.campaignId from CampaignClientRow l where l.tenantId = :tenant"
                        + " and l.clientId = :client)")
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .executeUpdate();
    }

    /** Writes the target's columns (the explicit target's clients go to {@code campaign_client}). */
    private static void target(CampaignRow row, CampaignTarget target) {
        if (target instanceof CampaignTarget.AllClients) {
            row.targetKind = ALL;
        } else if (target instanceof CampaignTarget.Group group) {
            row.targetKind = GROUP;
            row.targetRef = group.groupId().value();
        } else if (target instanceof CampaignTarget.WithStatus status) {
            row.targetKind = STATUS;
            row.targetStatus = status.status().name();
        } else if (target instanceof CampaignTarget.WithLabel label) {
            row.targetKind = LABEL;
            row.targetRef = label.labelId().value();
        } else {
            row.targetKind = CLIENTS;
        }
    }

    /** Writes what an update may change: the custom text, the state and its counters. */
    private static void state(CampaignRow row, Campaign campaign) {
        row.subject = campaign.customMessage().map(InvitationMessage::subject).orElse(null);
        row.message = campaign.customMessage().map(InvitationMessage::message).orElse(null);
        row.status = campaign.status().name();
        CampaignProgress p = campaign.progress();
        row.considered = p.considered();
        row.enqueued = p.enqueued();
        row.skippedAccepted = p.skippedAccepted();
        row.skippedUnsubscribed = p.skippedUnsubscribed();
        row.skippedNoEmail = p.skippedNoEmail();
        row.skippedBounced = p.skippedBounced();
        row.skippedErased = p.skippedErased();
        row.skippedInCooldown = p.skippedInCooldown();
        row.skippedAlreadyInCampaign = p.skippedAlreadyInCampaign();
        row.positionClientId = campaign.position().map(ClientId::value).orElse(null);
        row.completedAt = campaign.completedAt().orElse(null);
    }

    private static Campaign campaign(CampaignRow row, Set<ClientId> listed) {
        CampaignTarget target = switch (row.targetKind) {
            case ALL -> new CampaignTarget.AllClients();
            case GROUP -> new CampaignTarget.Group(new GroupId(row.targetRef));
            case STATUS -> new CampaignTarget.WithStatus(CampaignTarget.TargetStatus.valueOf(row.targetStatus));
            case LABEL -> new CampaignTarget.WithLabel(new LabelId(row.targetRef));
            case CLIENTS -> new CampaignTarget.Clients(listed);
            default -> throw new IllegalStateException("unknown campaign target kind " + row.targetKind);
        };
        Optional<InvitationMessage> message = Optional.ofNullable(row.subject)
                .map(subject -> new InvitationMessage(subject, row.message == null ? "" : row.message));
        CampaignProgress progress = new CampaignProgress(row.considered, row.enqueued, row.skippedAccepted,
                row.skippedUnsubscribed, row.skippedNoEmail, row.skippedBounced, row.skippedErased,
                row.skippedInCooldown, row.skippedAlreadyInCampaign);
        Optional<ClientId> position = Optional.ofNullable(row.positionClientId).map(ClientId::new);
        CampaignState state = switch (CampaignStatus.valueOf(row.status)) {
            case CREATED -> new CampaignState.Created();
            case RUNNING -> new CampaignState.Running(progress, position);
            case COMPLETED -> new CampaignState.Completed(progress, position, row.completedAt);
        };
        return new Campaign(new CampaignId(row.id), TenantId.of(row.tenantId), target, message, row.createdBy,
                row.createdAt, state, row.version);
    }
}
