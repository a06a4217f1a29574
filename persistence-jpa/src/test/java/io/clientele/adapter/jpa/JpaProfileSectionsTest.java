package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.testkit.Fixtures;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The profile's sections that read rows and their children in one statement (a left join), on
 * PostgreSQL 17 and H2: a parent without children is still listed, with none, and every parent
 * keeps its own children in their order, also across the page's look-ahead row.
 */
class JpaProfileSectionsTest {

    private final Fixtures fx = Fixtures.standard();
    private final TenantId tenant = fx.newTenant();
    private final ClientId ana = fx.newClientId();

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void an_audit_page_joined_with_the_changes_keeps_entries_without_changes_and_each_entry_s_changes_in_order(
            TestedDatabase db) {
        AuditEntry oldest = fx.auditEntry(tenant, ana);
        fx.advance(Duration.ofSeconds(1));
        AuditEntry bare = new AuditEntry(fx.nextId(), tenant, ana, "staff:front-desk", AuditAction.LOCKED,
                fx.now(), List.of());
        fx.advance(Duration.ofSeconds(1));
        AuditEntry newest = new AuditEntry(fx.nextId(), tenant, ana, "staff:front-desk", AuditAction.DETAILS_CHANGED,
                fx.now(), List.of(FieldChange.plain("status", Optional.of("ADDED"), Optional.of("INVITED")),
                        new FieldChange("email", Optional.empty(), Optional.of("a***@example.com"), true),
                        FieldChange.plain("locked", Optional.of(false), Optional.empty())));
        db.adapters().transactions().run(() -> db.adapters().audit().appendAll(List.of(oldest, bare, newest)));
        db.adapters().transactions().run(() -> db.adapters().audit().append(fx.auditEntry(tenant, fx.newClientId())));

        Page<AuditEntry> first = db.adapters().transactions().inReadOnlyTransaction(
                () -> db.adapters().audit().listForClient(tenant, ana, PageRequest.first(2)));
        Page<AuditEntry> second = db.adapters().transactions().inReadOnlyTransaction(
                () -> db.adapters().audit().listForClient(tenant, ana, PageRequest.after(first.next().orElseThrow(), 2)));

        assertThat(first.items()).containsExactly(newest, bare);
        assertThat(first.items().get(0).changes()).extracting(FieldChange::field)
                .containsExactly("status", "email", "locked");
        assertThat(second.items()).containsExactly(oldest);
        assertThat(second.hasNext()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void a_client_s_intake_list_joined_with_the_answers_keeps_submissions_without_answers_and_the_form_s_order(
            TestedDatabase db) {
        IntakeSubmission older = fx.intakeForm(tenant, ana);
        fx.advance(Duration.ofMinutes(1));
        IntakeSubmission empty = new IntakeSubmission(fx.nextId(), tenant, ana, "Waiver", 2, fx.now(), Map.of());
        fx.advance(Duration.ofMinutes(1));
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("Zumba before?", "Yes");
        answers.put("Any injuries?", "None");
        answers.put("Medication?", "");
        IntakeSubmission newest = new IntakeSubmission(fx.nextId(), tenant, ana, "Dance intake", 1, fx.now(), answers);
        for (IntakeSubmission s : List.of(older, empty, newest, fx.intakeForm(tenant, fx.newClientId()))) {
            db.adapters().transactions().run(() -> db.adapters().intakeForms().insert(s));
        }

        List<IntakeSubmission> listed = db.adapters().transactions().inReadOnlyTransaction(
                () -> db.adapters().intakeForms().listForClient(tenant, ana));

        assertThat(listed).containsExactly(newest, empty, older);
        assertThat(listed.get(0).answers().keySet()).containsExactly("Zumba before?", "Any injuries?", "Medication?");
        assertThat(listed.get(1).answers()).isEmpty();
    }
}
