package io.clientele.intake;

import static io.clientele.intake.IntakeKit.answers;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.common.PageRequest;
import io.clientele.intake.model.IntakeSubmission;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every field rule of an intake submission: the field and rule are named, and nothing is stored. */
class IntakeValidationTest {

    private final IntakeKit kit = new IntakeKit();
    private final Client ana = kit.client("Ana");

    /** A valid submission, changed by one test case. */
    static final class Draft {
        String formName = "Health questionnaire";
        int formVersion = 1;
        Map<String, String> answers = answers("Allergies?", "None", "Injuries?", "None");
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                broken("formName", "required", d -> d.formName = " \u00A0 "),
                broken("formName", "required", d -> d.formName = null),
                broken("formName", "max_length", d -> d.formName = "F".repeat(121)),
                broken("formName", "line_break", d -> d.formName = "Health\nquestionnaire"),
                broken("formName", "forbidden_character", d -> d.formName = "Health\u202Equestionnaire"),
                broken("formVersion", "range", d -> d.formVersion = 0),
                broken("formVersion", "range", d -> d.formVersion = 10_001),
                broken("answers", "required", d -> d.answers = null),
                broken("answers", "max_size", d -> d.answers = manyAnswers(201)),
                broken("answers[1].question", "required", d -> d.answers = answers("Allergies?", "None", " ", "x")),
                broken("answers[0].question", "max_length", d -> d.answers = answers("Q".repeat(301), "x")),
                broken("answers[0].question", "line_break", d -> d.answers = answers("Allergies\n?", "x")),
                broken("answers[1].question", "duplicate",
                        d -> d.answers = answers("Allergies?", "None", "Allergies? ", "Pollen")),
                broken("answers[0].answer", "max_length", d -> d.answers = answers("Story", "a".repeat(5001))),
                broken("answers[0].answer", "required", d -> d.answers = nullAnswer()),
                broken("answers[0].answer", "forbidden_character", d -> d.answers = answers("Notes", "a\u0000b")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("brokenRules")
    void a_broken_rule_names_the_field_and_rule_and_stores_nothing(String field, String rule,
            Consumer<Draft> breakIt) {
        Draft draft = new Draft();
        breakIt.accept(draft);

        kit.assertRefused(field, rule, () -> kit.intake.record(MANAGER, TENANT, ana.id(), draft.formName,
                draft.formVersion, kit.t.clock.instant(), draft.answers));
    }

    @Test
    void the_limits_themselves_are_accepted() {
        Map<String, String> answers = manyAnswers(199);
        String longestQuestion = "Q".repeat(300);
        String longestAnswer = "a\n".repeat(2500).substring(0, 4999) + "z";
        answers.put(longestQuestion, longestAnswer);

        IntakeSubmission recorded = kit.intake.record(MANAGER, TENANT, ana.id(), "F".repeat(120), 10_000,
                kit.t.clock.instant(), answers);

        assertThat(recorded.answerCount()).isEqualTo(200);
        assertThat(recorded.formVersion()).isEqualTo(10_000);
        assertThat(recorded.answers()).containsEntry(longestQuestion, longestAnswer);
        assertThat(kit.intake.list(MANAGER, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(recorded);
    }

    @Test
    void a_form_with_no_answers_is_accepted() {
        IntakeSubmission recorded = kit.intake.record(MANAGER, TENANT, ana.id(), "Photo consent", 1,
                Instant.EPOCH, Map.of());

        assertThat(recorded.answers()).isEmpty();
    }

    private static Arguments broken(String field, String rule, Consumer<Draft> breakIt) {
        return Arguments.of(field, rule, breakIt);
    }

    private static Map<String, String> manyAnswers(int count) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            answers.put("question " + i, "answer " + i);
        }
        return answers;
    }

    private static Map<String, String> nullAnswer() {
        Map<String, String> answers = new HashMap<>();
        answers.put("Allergies?", null);
        return answers;
    }
}
