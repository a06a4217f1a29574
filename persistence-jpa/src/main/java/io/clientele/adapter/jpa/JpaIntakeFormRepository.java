package io.clientele.adapter.jpa;

import io.clientele.adapter.jpa.IntakeTables.AnswerRow;
import io.clientele.adapter.jpa.IntakeTables.SubmissionRow;
import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.intake.port.IntakeFormRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link IntakeFormRepository} on tables {@code intake_submission} and {@code intake_answer}: an
 * insert is one JDBC batch (the submission, then its answers by position) flushed at the call (a
 * taken id is {@code DUPLICATE} there); a client's list is one statement (the submissions on index
 * {@code intake_submission_client_idx} joined with their answers), a page two (the submissions,
 * then their answers); the erasure is one {@code
 * DELETE} whose foreign key cascades to the answers. Nothing read or written stays managed.
 * Answers are health data: they appear in no message. Thread-safe (state lives in the caller's
 * unit of work).
 */
final class JpaIntakeFormRepository implements IntakeFormRepository {

    private static final Map<String, String> CONSTRAINTS = Map.of("intake_submission_pk", "id",
            "intake_answer_pk", "id");

    private static final String NEWEST_FIRST = " order by s.submittedAt desc, s.id desc";

    private final EntityManagerAccess access;

    JpaIntakeFormRepository(EntityManagerAccess access) {
        this.access = access;
    }

    @Override
    public void insert(IntakeSubmission submission) {
        EntityManager em = access.current();
        List<Object> written = new ArrayList<>();
        written.add(submissionRow(submission));
        int position = 0;
        for (Map.Entry<String, String> answer : submission.answers().entrySet()) {
            written.add(answerRow(submission, position++, answer.getKey(), answer.getValue()));
        }
        SqlErrors.insertAll(em, written, CONSTRAINTS);
    }

    /**
     * One statement: the client's submissions on index {@code intake_submission_client_idx},
     * left-joined with their answers on the key of {@code intake_answer}.
     */
    @Override
    public List<IntakeSubmission> listForClient(TenantId tenant, ClientId client) {
        EntityManager em = access.current();
        List<Object[]> rows = em.createQuery("select s, a from IntakeSubmissionRow s left join IntakeAnswerRow a"
                        + " on a.tenantId = s.tenantId and a.submissionId = s.id"
                        + " where s.tenantId = :tenant and s.clientId = :client" + NEWEST_FIRST + ", a.position",
                        Object[].class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .getResultList();
        Map<UUID, SubmissionRow> submissions = new LinkedHashMap<>();
        List<AnswerRow> answers = new ArrayList<>();
        for (Object[] row : rows) {
            SubmissionRow submission = (SubmissionRow) row[0];
            submissions.putIfAbsent(submission.id, submission);
            if (row[1] != null) {
                answers.add((AnswerRow) row[1]);
            }
        }
        submissions.values().forEach(em::detach);
        answers.forEach(em::detach);
        return assemble(List.copyOf(submissions.values()), answers);
    }

    @Override
    public Page<IntakeSubmission> pageForClient(TenantId tenant, ClientId client, PageRequest page) {
        EntityManager em = access.current();
        Optional<TimeIdPosition> after = TimeIdPosition.after(page);
        TypedQuery<SubmissionRow> query = em.createQuery("select s from IntakeSubmissionRow s"
                        + " where s.tenantId = :tenant and s.clientId = :client"
                        + (after.isPresent() ? " and s.submittedAt <= :at and (s.submittedAt < :at or s.id < :id)" : "")
                        + NEWEST_FIRST, SubmissionRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setMaxResults(page.size() + 1);
        after.ifPresent(p -> query.setParameter("at", p.at()).setParameter("id", p.id()));
        List<SubmissionRow> rows = detached(em, query);
        List<AnswerRow> answers = rows.isEmpty() ? List.of() : detached(em, em.createQuery(
                        "select a from IntakeAnswerRow a where a.tenantId = :tenant and a.submissionId in :ids"
                                + " order by a.submissionId, a.position", AnswerRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("ids", rows.stream().map(r -> r.id).toList()));
        return Page.fromLookahead(assemble(rows, answers), page.size(),
                s -> TimeIdPosition.cursor(s.submittedAt(), s.id()));
    }

    @Override
    public int deleteAllForClient(TenantId tenant, ClientId client) {
        return access.current().createQuery("delete from IntakeSubmissionRow s"
                        + " where s.tenantId = :tenant and s.clientId = :client")
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .executeUpdate();
    }

    private static <T> List<T> detached(EntityManager em, TypedQuery<T> query) {
        List<T> rows = query.getResultList();
        rows.forEach(em::detach);
        return rows;
    }

    /** The submissions of {@code rows}, in their order, each with its answers in form order. */
    private static List<IntakeSubmission> assemble(List<SubmissionRow> rows, List<AnswerRow> answers) {
        Map<UUID, Map<String, String>> answersBySubmission = new HashMap<>();
        for (AnswerRow a : answers) {
            answersBySubmission.computeIfAbsent(a.submissionId, id -> new LinkedHashMap<>()).put(a.question, a.answer);
        }
        return rows.stream().map(r -> new IntakeSubmission(r.id, new TenantId(r.tenantId), new ClientId(r.clientId),
                r.formName, r.formVersion, r.submittedAt, answersBySubmission.getOrDefault(r.id, Map.of()))).toList();
    }

    private static SubmissionRow submissionRow(IntakeSubmission s) {
        SubmissionRow row = new SubmissionRow();
        row.tenantId = s.tenantId().value();
        row.id = s.id();
        row.clientId = s.clientId().value();
        row.formName = s.formName();
        row.formVersion = s.formVersion();
        row.submittedAt = s.submittedAt();
        return row;
    }

    private static AnswerRow answerRow(IntakeSubmission s, int position, String question, String answer) {
        AnswerRow row = new AnswerRow();
        row.tenantId = s.tenantId().value();
        row.submissionId = s.id();
        row.position = position;
        row.question = question;
        row.answer = answer;
        return row;
    }
}
