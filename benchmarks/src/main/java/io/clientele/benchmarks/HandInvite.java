package io.clientele.benchmarks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The hand-written host's invitation row (the {@code invite-enqueue} baseline "one JPA persist and
 * commit per client"): what a host engineer writes without Clientele, a tiny entity of its own in
 * a persistence unit of its own ({@link HandWrittenHost}), in table {@code bench_hand_invite}.
 * Mutable, as JPA entities are; not thread-safe.
 */
@Entity
@Table(name = "bench_hand_invite")
class HandInvite {

    @Id
    UUID id;
    @Column(name = "client_id", nullable = false)
    UUID clientId;
    @Column(nullable = false)
    String recipient;
    @Column(nullable = false)
    String subject;
    @Column(nullable = false)
    String message;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    /** For JPA. */
    protected HandInvite() {
    }

    HandInvite(UUID id, UUID clientId, String recipient, String subject, String message, Instant createdAt) {
        this.id = id;
        this.clientId = clientId;
        this.recipient = recipient;
        this.subject = subject;
        this.message = message;
        this.createdAt = createdAt;
    }
}
