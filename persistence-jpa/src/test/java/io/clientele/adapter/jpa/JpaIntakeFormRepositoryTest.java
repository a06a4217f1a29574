package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ClientId;
import io.clientele.common.Cursor;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.intake.port.IntakeFormRepository;
import io.clientele.testkit.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the intake form adapter does beyond its contract, on PostgreSQL 17 and H2: keyset pages
 * across submissions of the same time, positions that are not one refused, answers deleted with
 * their submission, and texts at the domain's longest stored whole.
 */
class JpaIntakeFormRepositoryTest {

    private final Fixtures fx = Fixtures.standard();
    private final TenantId tenant = fx.newTenant();
    private final ClientId ana = fx.newClientId();

    private static IntakeFormRepository forms(TestedDatabase db) {
        return db.adapters().intakeForms();
    }

    private static IntakeSubmission insert(TestedDatabase db, IntakeSubmission submission) {
        db.adapters().transactions().run(() -> forms(db).insert(submission));
        return submission;
    }

    private Page<IntakeSubmission> page(TestedDatabase db, PageRequest request) {
        return db.adapters().transactions().inReadOnlyTransaction(() -> forms(db).pageForClient(tenant, ana, request));
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void pages_split_between_submissions_of_the_same_time_lose_and_repeat_none(TestedDatabase db) {
        IntakeSubmission first = insert(db, fx.intakeForm(tenant, ana));
        IntakeSubmission second = insert(db, fx.intakeForm(tenant, ana));
        fx.advance(Duration.ofHours(1));
        IntakeSubmission third = insert(db, fx.intakeForm(tenant, ana));
        IntakeSubmission fourth = insert(db, fx.intakeForm(tenant, ana));
        fx.advance(Duration.ofHours(1));
        IntakeSubmission fifth = insert(db, fx.intakeForm(tenant, ana));
        insert(db, fx.intakeForm(tenant, fx.newClientId()));

        Page<IntakeSubmission> one = page(db, PageRequest.first(2));
        Page<IntakeSubmission> two = page(db, PageRequest.after(one.next().orElseThrow(), 2));
        Page<IntakeSubmission> three = page(db, PageRequest.after(two.next().orElseThrow(), 2));

        assertThat(one.items()).containsExactly(fifth, fourth);
        assertThat(two.items()).containsExactly(third, second);
        assertThat(three.items()).containsExactly(first);
        assertThat(three.hasNext()).isFalse();
        assertThat(two.items().get(0).answers()).isEqualTo(third.answers());
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void a_page_position_that_is_not_one_is_refused_on_field_cursor(TestedDatabase db) {
        for (Cursor forged : List.of(Cursor.of("yesterday", ana.toString()), Cursor.of(fx.now().toString(), "x"),
                Cursor.of(fx.now().toString()))) {
            assertThatThrownBy(() -> page(db, PageRequest.after(forged, 2)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void erasing_a_client_s_submissions_leaves_none_of_their_answers_behind(TestedDatabase db) throws SQLException {
        insert(db, fx.intakeForm(tenant, ana));
        insert(db, fx.intakeForm(tenant, ana));
        IntakeSubmission beas = insert(db, fx.intakeForm(tenant, fx.newClientId()));

        db.adapters().transactions().run(() -> forms(db).deleteAllForClient(tenant, ana));

        try (Connection c = db.dataSource().getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT submission_id FROM intake_answer WHERE tenant_id = ? ORDER BY submission_id")) {
            select.setString(1, tenant.value());
            try (ResultSet rows = select.executeQuery()) {
                int left = 0;
                while (rows.next()) {
                    assertThat(rows.getObject(1)).isEqualTo(beas.id());
                    left++;
                }
                assertThat(left).isEqualTo(beas.answerCount());
            }
            c.rollback();
        }
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void texts_at_the_domain_s_longest_in_characters_beyond_the_basic_plane_are_stored_whole(TestedDatabase db) {
        String emoji = "\uD83E\uDDD8";
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put(emoji.repeat(IntakeSubmission.MAX_QUESTION), emoji.repeat(IntakeSubmission.MAX_ANSWER));
        answers.put("Unanswered?", "");
        IntakeSubmission longest = insert(db, new IntakeSubmission(fx.nextId(), tenant, ana,
                emoji.repeat(IntakeSubmission.MAX_FORM_NAME), IntakeSubmission.MAX_FORM_VERSION, fx.now(), answers));

        assertThat(db.adapters().transactions().inReadOnlyTransaction(() -> forms(db).listForClient(tenant, ana)))
                .containsExactly(longest);
    }
}
