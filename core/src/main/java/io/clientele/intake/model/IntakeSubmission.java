package io.clientele.intake.model;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One intake form a client submitted (a health questionnaire, a waiver): which form and version,
 * when it was submitted, and the answers in the form's order. Intake answers are health data:
 * erasure deletes the submissions, the audit trail only counts answers, and {@link #toString()}
 * never shows them.
 *
 * <p>Rules: form name single line, 1 to {@value #MAX_FORM_NAME} characters; form version 1 to
 * {@value #MAX_FORM_VERSION}; at most {@value #MAX_ANSWERS} answers; each question single line, 1
 * to {@value #MAX_QUESTION} characters and unique (after normalization); each answer plain text
 * of up to {@value #MAX_ANSWER} characters, line breaks allowed, empty for an unanswered question (a blank answer is empty).
 * A broken rule names the field ({@code answers[2].question}, by position, never by content).
 *
 * <p>Immutable and thread-safe; the answers keep the iteration order of the map given.
 */
public record IntakeSubmission(
        UUID id,
        TenantId tenantId,
        ClientId clientId,
        String formName,
        int formVersion,
        Instant submittedAt,
        Map<String, String> answers) {

    /** The longest form name. */
    public static final int MAX_FORM_NAME = 120;
    /** The highest form version. */
    public static final int MAX_FORM_VERSION = 10_000;
    /** The most answers one submission holds. */
    public static final int MAX_ANSWERS = 200;
    /** The longest question. */
    public static final int MAX_QUESTION = 300;
    /** The longest answer. */
    public static final int MAX_ANSWER = 5_000;

    public IntakeSubmission {
        Validate.notNull("id", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("clientId", clientId);
        formName = Text.singleLine("formName", Validate.notBlank("formName", formName), MAX_FORM_NAME);
        Validate.range("formVersion", formVersion, 1, MAX_FORM_VERSION);
        Validate.notNull("submittedAt", submittedAt);
        answers = normalizedAnswers(answers);
    }

    /** How many questions were answered (empty answers included). */
    public int answerCount() {
        return answers.size();
    }

    /** Everything but the answers, which are health data and stay out of logs and messages. */
    @Override
    public String toString() {
        return "IntakeSubmission[id=" + id + ", tenantId=" + tenantId + ", clientId=" + clientId + ", formName="
                + formName + ", formVersion=" + formVersion + ", submittedAt=" + submittedAt + ", answers="
                + answers.size() + " hidden]";
    }

    private static Map<String, String> normalizedAnswers(Map<String, String> answers) {
        Validate.notNull("answers", answers);
        if (answers.size() > MAX_ANSWERS) {
            throw new ValidationException("answers", "max_size", "at most " + MAX_ANSWERS + " answers");
        }
        Map<String, String> normalized = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, String> entry : answers.entrySet()) {
            String field = "answers[" + index + "]";
            String question = Text.singleLine(field + ".question",
                    Validate.notBlank(field + ".question", entry.getKey()), MAX_QUESTION);
            String answer = Text.optionalMultiLine(field + ".answer",
                    Optional.of(Validate.notNull(field + ".answer", entry.getValue())), MAX_ANSWER).orElse("");
            if (normalized.putIfAbsent(question, answer) != null) {
                throw new ValidationException(field + ".question", "duplicate",
                        "the same question is answered twice");
            }
            index++;
        }
        return Collections.unmodifiableMap(normalized);
    }
}
