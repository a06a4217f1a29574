package io.clientele.intake;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.intake.IntakeKit.answers;
import static io.clientele.intake.IntakeKit.self;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.staffWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.model.Mask;
import io.clientele.client.model.Client;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.intake.model.IntakeEvents;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.intake.service.IntakeFormService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Recording and listing intake forms: who may, what is kept, what the audit trail shows. */
class IntakeFormServiceTest {

    private static final String ALLERGY = "Quorlinth pollen and lavender oil";
    private static final String INJURY = "Left knee ligament,\ntorn in 2021";

    private final IntakeKit kit = new IntakeKit();
    private final IntakeFormService intake = kit.intake;
    private final Client ana = kit.client("Ana");
    private final Client bo = kit.client("Bo");

    private IntakeSubmission healthForm(Client client) {
        return intake.record(MANAGER, TENANT, client.id(), "Health questionnaire", 3, kit.t.clock.instant(),
                answers("Allergies?", ALLERGY, "Injuries?", INJURY, "Pregnant?", "No"));
    }

    @Nested
    class Recording {

        @Test
        void a_recorded_submission_keeps_form_version_time_and_answers_in_form_order() {
            Instant submitted = kit.t.clock.instant().minus(Duration.ofHours(2));

            IntakeSubmission recorded = intake.record(MANAGER, TENANT, ana.id(), "Health questionnaire", 3,
                    submitted, answers("Pregnant?", "No", "Allergies?", ALLERGY, "Injuries?", INJURY));

            assertThat(recorded.tenantId()).isEqualTo(TENANT);
            assertThat(recorded.clientId()).isEqualTo(ana.id());
            assertThat(recorded.formName()).isEqualTo("Health questionnaire");
            assertThat(recorded.formVersion()).isEqualTo(3);
            assertThat(recorded.submittedAt()).isEqualTo(submitted);
            assertThat(recorded.answers().keySet()).containsExactly("Pregnant?", "Allergies?", "Injuries?");
            assertThat(recorded.answers()).containsEntry("Injuries?", INJURY);
            assertThat(intake.list(VIEWER, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(recorded);
            assertThat(intake.list(VIEWER, TENANT, ana.id(), PageRequest.first()).items().get(0).answers().keySet())
                    .containsExactly("Pregnant?", "Allergies?", "Injuries?");
        }

        @Test
        void text_is_normalized_windows_line_breaks_become_line_feeds_and_empty_answers_are_kept() {
            IntakeSubmission recorded = intake.record(MANAGER, TENANT, ana.id(), "  Waiver  ", 1,
                    kit.t.clock.instant(), answers(" Signature ", "Ana\r\nLópez", "Comments", ""));

            assertThat(recorded.formName()).isEqualTo("Waiver");
            assertThat(recorded.answers()).containsExactly(Map.entry("Signature", "Ana\nLópez"),
                    Map.entry("Comments", ""));
        }

        @Test
        void the_list_is_newest_submission_first_and_holds_only_that_clients_forms() {
            Instant now = kit.t.clock.instant();
            IntakeSubmission older = intake.record(MANAGER, TENANT, ana.id(), "Waiver", 1,
                    now.minus(Duration.ofDays(30)), answers("Signed?", "Yes"));
            IntakeSubmission newest = intake.record(MANAGER, TENANT, ana.id(), "Health questionnaire", 2, now,
                    answers("Allergies?", "None"));
            IntakeSubmission middle = intake.record(MANAGER, TENANT, ana.id(), "Health questionnaire", 1,
                    now.minus(Duration.ofDays(1)), answers("Allergies?", ALLERGY));
            healthForm(bo);

            assertThat(intake.list(OWNER, TENANT, ana.id(), PageRequest.first())
                    .items()).containsExactly(newest, middle, older);
        }

        @Test
        void a_submission_is_audited_with_form_and_answer_count_but_never_an_answer() {
            IntakeSubmission recorded = healthForm(ana);

            AuditEntry entry = kit.t.lastAudit(AuditAction.INTAKE_FORM_RECORDED);
            assertThat(entry.clientId()).isEqualTo(ana.id());
            assertThat(entry.actor()).isEqualTo(MANAGER.describe());
            assertThat(entry.changes()).containsExactly(
                    new FieldChange("intakeForm", Optional.empty(), Optional.of(recorded.id().toString())),
                    new FieldChange("formName", Optional.empty(), Optional.of(Mask.opaque("Health questionnaire")), true),
                    new FieldChange("formVersion", Optional.empty(), Optional.of("3")),
                    new FieldChange("answers", Optional.empty(), Optional.of("3 answers")));
            assertThat(kit.t.memory.audit().contents()).extracting(Object::toString)
                    .noneMatch(s -> s.contains("Quorlinth") || s.contains("ligament"));
            assertThat(kit.t.memory.events().events(IntakeEvents.IntakeFormRecorded.class)).singleElement()
                    .satisfies(e -> assertThat(e.submissionId()).isEqualTo(recorded.id()));
        }

        @Test
        void a_submission_prints_without_its_answers() {
            IntakeSubmission recorded = healthForm(ana);

            assertThat(recorded.toString()).contains(recorded.id().toString(), "Health questionnaire", "3 hidden")
                    .doesNotContain("Quorlinth", "ligament");
        }

        @Test
        void a_submission_made_just_now_is_accepted_but_one_dated_later_is_refused() {
            Instant now = kit.t.clock.instant();
            intake.record(MANAGER, TENANT, ana.id(), "Waiver", 1, now, answers("Signed?", "Yes"));

            kit.assertRefused("submittedAt", "not_in_future", () -> intake.record(MANAGER, TENANT,
                    ana.id(), "Waiver", 1, now.plusSeconds(1), answers("Signed?", "Yes")));
        }

        @Test
        void an_erased_client_takes_no_new_submission() {
            kit.erase(ana);
            Map<String, List<String>> before = kit.storedState();

            assertThatThrownBy(() -> healthForm(ana)).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
            assertThat(kit.storedState()).isEqualTo(before);
        }

        @Test
        void a_unit_of_work_that_fails_after_recording_leaves_no_submission_behind() {
            assertThatThrownBy(() -> kit.t.memory.transactions().run(() -> {
                healthForm(ana);
                throw new IllegalStateException("boom");
            })).hasMessage("boom");

            assertThat(kit.store.listForClient(TENANT, ana.id())).isEmpty();
            assertThat(kit.t.auditEntries(AuditAction.INTAKE_FORM_RECORDED)).isEmpty();
        }
    }

    @Nested
    class SelfService {

        @Test
        void a_client_records_and_lists_their_own_forms() {
            IntakeSubmission own = intake.record(self(ana), TENANT, ana.id(), "Health questionnaire", 1,
                    kit.t.clock.instant(), answers("Allergies?", ALLERGY));

            assertThat(intake.list(self(ana), TENANT, ana.id(), PageRequest.first()).items()).containsExactly(own);
            assertThat(kit.t.lastAudit(AuditAction.INTAKE_FORM_RECORDED).actor())
                    .isEqualTo("client:" + ana.id().value());
        }

        @Test
        void a_client_may_neither_record_nor_list_another_clients_forms() {
            healthForm(bo);
            Map<String, List<String>> before = kit.storedState();

            assertDenied(() -> intake.record(self(ana), TENANT, bo.id(), "Waiver", 1, kit.t.clock.instant(),
                    answers("Signed?", "Yes")));
            assertDenied(() -> intake.list(self(ana), TENANT, bo.id(), PageRequest.first()).items());
            assertThat(kit.storedState()).isEqualTo(before);
        }
    }

    @Nested
    class Permissions {

        @Test
        void recording_requires_edit_clients() {
            Map<String, List<String>> before = kit.storedState();

            assertDenied(() -> healthFormBy(VIEWER));
            assertDenied(() -> healthFormBy(staffWithout("desk-1", Permission.EDIT_CLIENTS)));
            assertDenied(() -> healthFormBy(NOBODY));
            assertThat(kit.storedState()).isEqualTo(before);
        }

        @Test
        void listing_requires_view_clients() {
            healthForm(ana);

            assertDenied(() -> intake.list(NOBODY, TENANT, ana.id(), PageRequest.first()).items());
            assertDenied(() -> intake.list(staffWithout("desk-1", Permission.VIEW_CLIENTS), TENANT, ana.id(),
                    PageRequest.first()).items());
        }

        private IntakeSubmission healthFormBy(Actor actor) {
            return intake.record(actor, TENANT, ana.id(), "Health questionnaire", 1, kit.t.clock.instant(),
                    answers("Allergies?", ALLERGY));
        }
    }

    @Nested
    class Tenancy {

        @Test
        void another_tenants_client_is_not_found_for_recording_or_listing() {
            Map<String, List<String>> before = kit.storedState();

            assertNotFound(() -> intake.record(OTHER_OWNER, OTHER_TENANT, ana.id(), "Waiver", 1, kit.t.clock.instant(),
                    answers("Signed?", "Yes")));
            assertNotFound(() -> intake.list(OTHER_OWNER, OTHER_TENANT, ana.id(), PageRequest.first()).items());
            assertNotFound(() -> intake.record(self(ana), OTHER_TENANT, ana.id(), "Waiver", 1,
                    kit.t.clock.instant(), answers("Signed?", "Yes")));
            assertNotFound(() -> intake.list(self(ana), OTHER_TENANT, ana.id(), PageRequest.first()).items());
            assertThat(kit.storedState()).isEqualTo(before);
        }

        @Test
        void an_unknown_client_is_not_found() {
            ClientId unknown = new ClientId(UUID.randomUUID());

            assertNotFound(() -> intake.record(OWNER, TENANT, unknown, "Waiver", 1, kit.t.clock.instant(),
                    answers("Signed?", "Yes")));
            assertNotFound(() -> intake.list(OWNER, TENANT, unknown, PageRequest.first()).items());
        }

        @Test
        void a_client_of_the_other_tenant_sees_only_their_own_tenants_forms() {
            Client cy = kit.client(OTHER_TENANT, "Cy");
            IntakeSubmission cys = intake.record(OTHER_OWNER, OTHER_TENANT, cy.id(), "Waiver", 1, kit.t.clock.instant(),
                    answers("Signed?", "Yes"));
            healthForm(ana);

            assertThat(intake.list(OTHER_OWNER, OTHER_TENANT, cy.id(), PageRequest.first())
                    .items()).containsExactly(cys);
            assertThat(kit.store.listForClient(OTHER_TENANT, ana.id())).isEmpty();
        }
    }

    private static void assertDenied(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(AccessDeniedException.class);
    }

    private static void assertNotFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.resource()).isEqualTo("client"));
    }
}
