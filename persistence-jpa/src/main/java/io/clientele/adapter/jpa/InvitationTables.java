package io.clientele.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The invitation context's tables: {@code token}, {@code campaign}, {@code campaign_client} and
 * {@code password_hash} (migration V4).
 */
final class InvitationTables {

    static final List<Class<?>> ENTITIES =
            List.of(TokenRow.class, CampaignRow.class, CampaignClientRow.class, PasswordHashRow.class);

    private InvitationTables() {
    }

    /** The key of a token: tenant, then the token's SHA-256 hash. */
    record TokenKey(String tenantId, String hash) implements Serializable {
    }

    /** One issued token, by its hash; live while neither used, revoked nor expired. */
    @Entity(name = "TokenRow")
    @Table(name = "token")
    @IdClass(TokenKey.class)
    static class TokenRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        String hash;
        @Column(name = "client_id")
        UUID clientId;
        String purpose;
        String category;
        @Column(name = "issued_at")
        Instant issuedAt;
        @Column(name = "expires_at")
        Instant expiresAt;
        @Column(name = "used_at")
        Instant usedAt;
        @Column(name = "revoked_at")
        Instant revokedAt;

        TokenRow() {
        }
    }

    /**
     * One campaign: its target (kind, and the group or label id, or the invitation status; an
     * explicit target's clients are {@link CampaignClientRow}s), its custom text (both null when
     * none), its state with the counters and position, and its version.
     */
    @Entity(name = "CampaignRow")
    @Table(name = "campaign")
    @IdClass(TenantScopedKey.class)
    static class CampaignRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        @Column(name = "target_kind")
        String targetKind;
        @Column(name = "target_ref")
        UUID targetRef;
        @Column(name = "target_status")
        String targetStatus;
        String subject;
        String message;
        @Column(name = "created_by")
        String createdBy;
        @Column(name = "created_at")
        Instant createdAt;
        String status;
        long considered;
        long enqueued;
        @Column(name = "skipped_accepted")
        long skippedAccepted;
        @Column(name = "skipped_unsubscribed")
        long skippedUnsubscribed;
        @Column(name = "skipped_no_email")
        long skippedNoEmail;
        @Column(name = "skipped_bounced")
        long skippedBounced;
        @Column(name = "skipped_erased")
        long skippedErased;
        @Column(name = "skipped_in_cooldown")
        long skippedInCooldown;
        @Column(name = "skipped_already_in_campaign")
        long skippedAlreadyInCampaign;
        @Column(name = "position_client_id")
        UUID positionClientId;
        @Column(name = "completed_at")
        Instant completedAt;
        long version;

        CampaignRow() {
        }
    }

    /** The key of a client an explicit target lists: tenant, campaign, client. */
    record CampaignClientKey(String tenantId, UUID campaignId, UUID clientId) implements Serializable {
    }

    /** A client an explicit campaign target lists. */
    @Entity(name = "CampaignClientRow")
    @Table(name = "campaign_client")
    @IdClass(CampaignClientKey.class)
    static class CampaignClientRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        @Column(name = "campaign_id")
        UUID campaignId;
        @Id
        @Column(name = "client_id")
        UUID clientId;

        CampaignClientRow() {
        }
    }

    /** The key of a client's password hash: tenant, client. */
    record ClientKey(String tenantId, UUID clientId) implements Serializable {
    }

    /** A client's password hash, a PHC-format string. */
    @Entity(name = "PasswordHashRow")
    @Table(name = "password_hash")
    @IdClass(ClientKey.class)
    static class PasswordHashRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        @Column(name = "client_id")
        UUID clientId;
        @Column(name = "phc_hash")
        String phcHash;

        PasswordHashRow() {
        }
    }
}
