package io.clientele.intake.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.model.Mask;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.client.service.ClientGuard;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.CursorSeal;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TimeBounds;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import io.clientele.intake.model.IntakeEvents;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.intake.port.IntakeFormRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake forms a client submitted: record a submission and list them. The
 * answers are health data: the audit entry ({@code INTAKE_FORM_RECORDED}) names the form, its
 * version and how many answers it holds, never an answer; log lines carry ids only; erasure
 * deletes every submission ({@link #eraser()}).
 *
 * <p>Access: recording requires {@link Permission#EDIT_CLIENTS}, listing {@link
 * Permission#VIEW_CLIENTS}; a client acting for themself ({@link Actor.ClientSelf}) may record
 * and list their own forms, never another client's. Intake forms are not personal details, so a
 * lock does not cover them. An erased client takes no new submission ({@link io.clientele.common.ConflictException}
 * {@code ILLEGAL_STATE}); another tenant's client is not found. Every use case passes the {@link
 * ClientGuard}; the listing runs in a read-only unit of work.
 *
 * <p>Defaults: lists are pages of {@link PageRequest} (at most {@value PageRequest#MAX_SIZE}
 * submissions), newest submission first.
 *
 * <p>Stateless apart from its ports; thread-safe when they are.
 */
public final class IntakeFormService {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeFormService.class);

    /**
     * The ports the intake context needs; {@code guard} is the gate of every use case on a client,
     * {@code cursors} seal the list pages.
     */
    public record Ports(
            ClientGuard guard,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids,
            IntakeFormRepository submissions,
            CursorSeal cursors) {

        public Ports {
            ConfigurationException.requirePort("IntakeFormService.Ports", "guard", guard);
            ConfigurationException.requirePort("IntakeFormService.Ports", "audit", audit);
            ConfigurationException.requirePort("IntakeFormService.Ports", "events", events);
            ConfigurationException.requirePort("IntakeFormService.Ports", "tx", tx);
            ConfigurationException.requirePort("IntakeFormService.Ports", "clock", clock);
            ConfigurationException.requirePort("IntakeFormService.Ports", "ids", ids);
            ConfigurationException.requirePort("IntakeFormService.Ports", "submissions", submissions);
            ConfigurationException.requirePort("IntakeFormService.Ports", "cursors", cursors);
        }
    }

    private final ClientGuard guard;
    private final AuditLog audit;
    private final EventPublisher events;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Ids ids;
    private final IntakeFormRepository submissions;
    private final CursorSeal cursors;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public IntakeFormService(Ports ports) {
        Validate.notNull("ports", ports);
        this.guard = ports.guard();
        this.audit = ports.audit();
        this.events = ports.events();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.ids = ports.ids();
        this.submissions = ports.submissions();
        this.cursors = ports.cursors();
    }

    /**
     * Records a submission of {@code formName} at {@code formVersion}, made at {@code submittedAt}
     * (not in the future: rule {@code not_in_future}; not before {@link TimeBounds#EARLIEST_RECORD},
     * 1970-01-01T00:00:00Z: rule {@code range}), with the answers by question in the form's
     * order (pass an ordered map such as {@code LinkedHashMap}). Field rules are those of {@link
     * IntakeSubmission}; a rejected submission stores nothing.
     */
    public IntakeSubmission record(Actor actor, TenantId tenant, ClientId clientId, String formName, int formVersion,
            Instant submittedAt, Map<String, String> answers) {
        Validate.notNull("clientId", clientId);
        return tx.inTransaction(() -> {
            guard.write(actor, Permission.EDIT_CLIENTS, tenant, clientId, "no intake form is recorded");
            Validate.notNull("submittedAt", submittedAt);
            IntakeSubmission submission = new IntakeSubmission(ids.next(), tenant, clientId, formName, formVersion,
                    submittedAt, answers);
            Instant now = clock.instant();
            TimeBounds.requirePast("submittedAt", submittedAt, now);
            submissions.insert(submission);
            audit.append(AuditEntry.of(ids.next(), tenant, clientId, actor, AuditAction.INTAKE_FORM_RECORDED, now,
                    List.of(FieldChange.plain("intakeForm", Optional.empty(), Optional.of(submission.id())),
                            // a form's name can itself be health data ("Pregnancy screening")
                            FieldChange.masked("formName", Optional.empty(), Optional.of(submission.formName()),
                                    Mask::opaque),
                            FieldChange.plain("formVersion", Optional.empty(),
                                    Optional.of(submission.formVersion())),
                            FieldChange.plain("answers", Optional.empty(),
                                    Optional.of(submission.answerCount() + " answers")))));
            events.publish(new IntakeEvents.IntakeFormRecorded(tenant, clientId, submission.id(), now));
            LOG.info("intake form recorded: tenant={} client={} submission={} by={}", tenant, clientId,
                    submission.id(), actor.describe());
            return submission;
        });
    }

    /**
     * One keyset page of the client's submissions, newest submission time first (then newest id
     * first). Also answers for an erased client (with none left). The cursor is sealed and bound
     * to the tenant and the client ({@link CursorSeal}): one made for another client's forms, or not
     * by Clientele, is a {@link ValidationException} on field {@code cursor}. Requires {@link
     * Permission#VIEW_CLIENTS}, or the client themself. Read-only.
     */
    public Page<IntakeSubmission> list(Actor actor, TenantId tenant, ClientId clientId, PageRequest page) {
        Validate.notNull("page", page);
        return tx.inReadOnlyTransaction(() -> {
            guard.read(actor, Permission.VIEW_CLIENTS, tenant, clientId);
            CursorSeal.Bound list = cursors.bind(tenant, "intake-forms", CursorSeal.fingerprint(clientId.toString()));
            return list.seal(submissions.pageForClient(tenant, clientId, list.open(page)));
        });
    }

    /**
     * The intake context's part of an erasure: deletes every submission of the client (they are
     * health data). Idempotent; register it with the facade's erasure participants.
     */
    public ErasureParticipant eraser() {
        return (tenant, client) -> {
            int deleted = submissions.deleteAllForClient(tenant, client);
            LOG.info("intake forms erased: tenant={} client={} deleted={}", tenant, client, deleted);
        };
    }
}
