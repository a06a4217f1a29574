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
 * The intake forms' tables: {@code intake_submission} and its {@code intake_answer} rows, deleted
 * with their submission by the foreign key's {@code ON DELETE CASCADE} (migration V6).
 */
final class IntakeTables {

    static final List<Class<?>> ENTITIES = List.of(SubmissionRow.class, AnswerRow.class);

    private IntakeTables() {
    }

    /** One submitted form, without its answers. */
    @Entity(name = "IntakeSubmissionRow")
    @Table(name = "intake_submission")
    @IdClass(TenantScopedKey.class)
    static class SubmissionRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        @Column(name = "client_id")
        UUID clientId;
        @Column(name = "form_name")
        String formName;
        @Column(name = "form_version")
        int formVersion;
        @Column(name = "submitted_at")
        Instant submittedAt;

        SubmissionRow() {
        }
    }

    /** The key of one answer of a submission: tenant, submission, position in the form. */
    record AnswerKey(String tenantId, UUID submissionId, int position) implements Serializable {
    }

    /** One question of a submission and its answer (empty when unanswered). */
    @Entity(name = "IntakeAnswerRow")
    @Table(name = "intake_answer")
    @IdClass(AnswerKey.class)
    static class AnswerRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        @Column(name = "submission_id")
        UUID submissionId;
        @Id
        int position;
        String question;
        String answer;

        AnswerRow() {
        }
    }
}
