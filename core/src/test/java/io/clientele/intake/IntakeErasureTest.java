package io.clientele.intake;

import static io.clientele.intake.IntakeKit.answers;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.common.PageRequest;
import io.clientele.intake.model.IntakeSubmission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Intake forms are health data: erasing a client deletes every one of their submissions. */
class IntakeErasureTest {

    private static final String ANSWER = "Taking Zorvexal 20 mg for migraines";

    private final IntakeKit kit = new IntakeKit();
    private final Client ana = kit.client("Ana");
    private final Client bo = kit.client("Bo");

    private IntakeSubmission record(Client client, String answer) {
        return kit.intake.record(MANAGER, TENANT, client.id(), "Health questionnaire", 1, kit.t.clock.instant(),
                answers("Medication?", answer, "Allergies?", "None"));
    }

    @Test
    @Tag("in-memory")
    void erasing_a_client_through_the_facade_deletes_their_submissions_and_keeps_the_others() {
        record(ana, ANSWER);
        record(ana, "Nothing any more");
        IntakeSubmission bos = record(bo, "Vitamin D");
        assertThat(kit.store.contents()).extracting(Object::toString).anyMatch(s -> s.contains(ANSWER));

        kit.erase(ana);

        assertThat(kit.intake.list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).isEmpty();
        assertThat(kit.intake.list(OWNER, TENANT, bo.id(), PageRequest.first()).items()).containsExactly(bos);
        assertThat(kit.store.contents()).hasSize(1)
                .extracting(Object::toString).noneMatch(s -> s.contains(ANSWER) || s.contains(ana.id().toString()));
        assertThat(kit.t.reload(ana.id()).erased()).isTrue();
    }

    @Test
    void the_eraser_can_run_twice_and_on_a_client_without_forms() {
        record(ana, ANSWER);

        kit.intake.eraser().erase(TENANT, ana.id());
        kit.intake.eraser().erase(TENANT, ana.id());
        kit.intake.eraser().erase(TENANT, bo.id());

        assertThat(kit.store.listForClient(TENANT, ana.id())).isEmpty();
    }

    @Test
    void an_erasure_that_rolls_back_keeps_the_submissions() {
        IntakeSubmission kept = record(ana, ANSWER);

        try {
            kit.t.memory.transactions().run(() -> {
                kit.intake.eraser().erase(TENANT, ana.id());
                throw new IllegalStateException("a later participant failed");
            });
        } catch (IllegalStateException expected) {
            // the erasure is retried later
        }

        assertThat(kit.intake.list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(kept);
    }
}
