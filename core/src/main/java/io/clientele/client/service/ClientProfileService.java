package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.model.Mask;
import io.clientele.client.model.BirthDate;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.model.ClientProfile;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.LockScope;
import io.clientele.client.model.PersonName;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.model.PhoneNumber;
import io.clientele.client.model.StatusCounts;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.EmailChangeParticipant;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.NoteRepository;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.CursorSeal;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Creates clients, edits their personal details, shows the whole profile in one call and lists
 * clients with filters, counts per invitation status and keyset pagination.
 *
 * <p>Email addresses are unique per tenant among non-erased clients; a clash is a {@link
 * ConflictException} with reason {@code DUPLICATE} on field {@code email}. Stateless and
 * thread-safe.
 */
public final class ClientProfileService {

    private final ClientOperations ops;
    private final LabelRepository labels;
    private final GroupRepository groups;
    private final NoteRepository notes;
    private final List<EmailChangeParticipant> emailChangeParticipants;
    private final CursorSeal cursors;

    ClientProfileService(ClientOperations ops, LabelRepository labels, GroupRepository groups, NoteRepository notes,
            List<EmailChangeParticipant> emailChangeParticipants, CursorSeal cursors) {
        this.ops = ops;
        this.labels = labels;
        this.groups = groups;
        this.notes = notes;
        this.emailChangeParticipants = List.copyOf(emailChangeParticipants);
        this.cursors = cursors;
    }

    /** Creates a client in status {@code ADDED}. Requires {@link Permission#EDIT_CLIENTS}. */
    public Client create(Actor actor, TenantId tenant, ClientDetails input) {
        Validate.notNull("tenantId", tenant);
        Access.require(actor, Permission.EDIT_CLIENTS, tenant);
        PersonalDetails details = validate(tenant, input);
        return ops.inTransaction(() -> {
            details.email().ifPresent(email -> requireEmailFree(tenant, email, Optional.empty()));
            Client client = ops.clients.insert(Client.create(new ClientId(ops.ids.next()), tenant, details, ops.now()));
            ops.record(actor, tenant, client.id(), AuditAction.CLIENT_CREATED,
                    changes(PersonalDetails.ERASED, details, true));
            ops.events.publish(new ClientEvents.ClientCreated(tenant, client.id(), ops.now()));
            return client;
        });
    }

    /**
     * Replaces the client's personal details. {@code expectedVersion} is the version the editor
     * saw; a newer stored version is a stale-version conflict. Requires {@link
     * Permission#EDIT_CLIENTS} and, on a locked profile whose lock covers personal details, {@link
     * Permission#EDIT_LOCKED_CLIENTS}.
     *
     * <p>When the normalized email address changes (or is removed), every {@link
     * EmailChangeParticipant} is told in the same unit of work: the links mailed to the old address
     * (activation, password reset and unsubscribe) stop working and pending invitation and reset
     * mails are cancelled, since whoever reads the old mailbox is not necessarily the client. A new
     * address also clears the bounced-address flag.
     */
    public Client editDetails(Actor actor, TenantId tenant, ClientId id, long expectedVersion, ClientDetails input) {
        requireTarget(tenant, id);
        Access.require(actor, Permission.EDIT_CLIENTS, tenant, id);
        PersonalDetails details = validate(tenant, input);
        return ops.inTransaction(() -> {
            Client client = ops.requireVersion(ops.loadForEdit(actor, tenant, id, LockScope.PERSONAL_DETAILS),
                    expectedVersion);
            details.email().ifPresent(email -> requireEmailFree(tenant, email, Optional.of(id)));
            List<FieldChange> changes = changes(client.details(), details, false);
            if (changes.stream().noneMatch(FieldChange::changed)) {
                return client;
            }
            Client saved = ops.save(actor, client.withDetails(details, ops.now()), AuditAction.DETAILS_CHANGED,
                    changes);
            if (!saved.details().email().equals(client.details().email())) {
                emailChangeParticipants.forEach(p -> p.emailChanged(actor, client, saved));
            }
            return saved;
        });
    }

    /**
     * The whole profile: client, labels, groups and notes, in one call. Erased clients can be
     * viewed (they read as anonymous). Requires {@link Permission#VIEW_CLIENTS}; a client viewing
     * their own profile gets it without the staff's labels, groups and notes.
     */
    public ClientProfile profile(Actor actor, TenantId tenant, ClientId id) {
        requireTarget(tenant, id);
        Access.require(actor, Permission.VIEW_CLIENTS, tenant, id);
        return ops.inTransaction(() -> {
            Client client = ops.load(tenant, id);
            if (actor instanceof Actor.ClientSelf) {
                // labels, groups and notes are the staff's own records about the client
                return new ClientProfile(client, List.of(), List.of(), List.of());
            }
            return new ClientProfile(client, labels.findAll(tenant, client.labels()),
                    groups.findAll(tenant, client.groups()), notes.listForClient(tenant, id));
        });
    }

    /** The client itself. Requires {@link Permission#VIEW_CLIENTS}. */
    public Client get(Actor actor, TenantId tenant, ClientId id) {
        requireTarget(tenant, id);
        Access.require(actor, Permission.VIEW_CLIENTS, tenant, id);
        return ops.inTransaction(() -> ops.load(tenant, id));
    }

    /**
     * One page of the client list, sorted by last name, first name, then id. The cursor holds no
     * personal data in clear and is bound to the tenant and to every filter of the query ({@link
     * CursorSeal}, {@link ClientQuery#fingerprint()}): one made for another tenant or another
     * query, altered, or not made by Clientele is a {@link ValidationException} on field {@code
     * cursor}, rule {@code format}. Requires {@link Permission#VIEW_CLIENTS}.
     */
    public Page<ClientSummary> list(Actor actor, TenantId tenant, ClientQuery query, PageRequest page) {
        Validate.notNull("tenantId", tenant);
        Access.require(actor, Permission.VIEW_CLIENTS, tenant);
        Validate.notNull("query", query);
        Validate.notNull("page", page);
        CursorSeal.Bound list = cursors.bind(tenant, "client-list", query.fingerprint());
        PageRequest position = list.open(page);
        return ops.inTransaction(() -> list.seal(ops.clients.search(tenant, query, position)));
    }

    /**
     * How many clients match the query's other filters, per invitation status (the status filter
     * itself is ignored, so the counts can label status tabs). Erased clients, when the query
     * includes them, count as erased, not under the status they had. Requires {@link
     * Permission#VIEW_CLIENTS}.
     */
    public StatusCounts countByStatus(Actor actor, TenantId tenant, ClientQuery query) {
        Validate.notNull("tenantId", tenant);
        Access.require(actor, Permission.VIEW_CLIENTS, tenant);
        Validate.notNull("query", query);
        return ops.inTransaction(() -> ops.clients.countByStatus(tenant, query.withoutStatus()));
    }

    /**
     * Refuses a missing tenant or client id as a validation failure (rule {@code required}) rather
     * than letting it surface as a {@code NullPointerException} or a misleading not-found.
     */
    private static void requireTarget(TenantId tenant, ClientId id) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("clientId", id);
    }

    private void requireEmailFree(TenantId tenant, EmailAddress email, Optional<ClientId> self) {
        ops.clients.findIdByEmail(tenant, email).filter(owner -> !Optional.of(owner).equals(self)).ifPresent(owner -> {
            throw ConflictException.duplicate("email", "another client of this tenant has this email address");
        });
    }

    /** Validates form input against the tenant's settings; fields in form order. */
    PersonalDetails validate(TenantId tenant, ClientDetails input) {
        Validate.notNull("details", input);
        TenantSettings settings = ops.settings.settings(tenant);
        PersonName name = new PersonName(input.firstName(), input.lastName());
        Optional<EmailAddress> email = nonBlank(input.email()).map(EmailAddress::new);
        Optional<PhoneNumber> phone = nonBlank(input.phone()).map(p -> PhoneNumbers.parse(p, settings.defaultRegion()));
        Optional<BirthDate> birthDate = input.birthDate().map(d -> BirthDate.of(d, ops.today(settings)));
        Optional<LanguageTag> language = nonBlank(input.preferredLanguage()).map(LanguageTag::new);
        language.ifPresent(l -> {
            if (!settings.offers(l)) {
                throw new ValidationException("preferredLanguage", "not_offered",
                        "the studio offers " + settings.languages());
            }
        });
        return new PersonalDetails(name, email, phone, birthDate, language);
    }

    /** A blank optional field is an absent one ({@link Text#isBlank}), the same rule as every other field. */
    private static Optional<String> nonBlank(Optional<String> value) {
        return value.filter(v -> !Text.isBlank(v));
    }

    /** Field-level changes with personal data masked; {@code fromNothing} records a creation. */
    static List<FieldChange> changes(PersonalDetails before, PersonalDetails after, boolean fromNothing) {
        List<FieldChange> changes = new ArrayList<>();
        changes.add(masked("firstName", fromNothing ? Optional.empty() : Optional.of(before.name().firstName()),
                Optional.of(after.name().firstName()), Mask::name));
        changes.add(masked("lastName", fromNothing ? Optional.empty() : Optional.of(before.name().lastName()),
                Optional.of(after.name().lastName()), Mask::name));
        changes.add(masked("email", before.email().map(EmailAddress::value), after.email().map(EmailAddress::value),
                Mask::email));
        changes.add(masked("phone", before.phone().map(PhoneNumber::e164), after.phone().map(PhoneNumber::e164),
                Mask::phone));
        changes.add(masked("birthDate", before.birthDateValue().map(Object::toString),
                after.birthDateValue().map(Object::toString), Mask::opaque));
        changes.add(FieldChange.plain("preferredLanguage", before.preferredLanguage(), after.preferredLanguage()));
        return changes;
    }

    private static FieldChange masked(String field, Optional<String> before, Optional<String> after,
            UnaryOperator<String> mask) {
        return FieldChange.masked(field, before, after, mask);
    }
}
