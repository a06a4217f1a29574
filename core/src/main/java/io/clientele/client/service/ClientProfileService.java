package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.model.Mask;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.BirthDate;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
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
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.EmailChangeParticipant;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.ConflictException;
import io.clientele.common.CursorSeal;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.Text;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Creates clients, edits their personal details, reads one client and lists clients with filters,
 * counts per invitation status and keyset pagination. The whole profile, every section in one call,
 * is {@code io.clientele.profile.service.ProfileService#view} ({@code Clientele.profiles()}).
 *
 * <p>Email addresses are unique per tenant among non-erased clients; a clash is a {@link
 * ConflictException} with reason {@code DUPLICATE} on field {@code email}. Stateless and
 * thread-safe.
 */
public final class ClientProfileService {

    /** What the service needs: its ports, the email-change participants and the seal of its list cursors. */
    public record Ports(
            ClientRepository clients,
            TenantSettingsProvider settings,
            AuditLog audit,
            EventPublisher events,
            TransactionRunner tx,
            Clock clock,
            Ids ids,
            List<EmailChangeParticipant> emailChangeParticipants,
            CursorSeal cursors) {

        public Ports {
            ConfigurationException.requirePort(OWNER, "clients", clients);
            ConfigurationException.requirePort(OWNER, "settings", settings);
            ConfigurationException.requirePort(OWNER, "audit", audit);
            ConfigurationException.requirePort(OWNER, "events", events);
            ConfigurationException.requirePort(OWNER, "tx", tx);
            ConfigurationException.requirePort(OWNER, "clock", clock);
            ConfigurationException.requirePort(OWNER, "ids", ids);
            emailChangeParticipants = List.copyOf(
                    ConfigurationException.requirePort(OWNER, "emailChangeParticipants", emailChangeParticipants));
            ConfigurationException.requirePort(OWNER, "cursors", cursors);
        }
    }

    private static final String OWNER = "ClientProfileService.Ports";

    private final ClientRepository clients;
    private final TenantSettingsProvider settings;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Ids ids;
    private final List<EmailChangeParticipant> emailChangeParticipants;
    private final CursorSeal cursors;
    private final ClientGuard guard;
    private final ChangeRecorder changes;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public ClientProfileService(Ports ports) {
        this.clients = ports.clients();
        this.settings = ports.settings();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.ids = ports.ids();
        this.emailChangeParticipants = ports.emailChangeParticipants();
        this.cursors = ports.cursors();
        this.guard = new ClientGuard(clients, settings);
        this.changes = new ChangeRecorder(clients, ports.audit(), ports.events(), clock, ids);
    }

    /** Creates a client in status {@code ADDED}. Requires {@link Permission#EDIT_CLIENTS}. */
    public Client create(Actor actor, TenantId tenant, ClientDetails input) {
        Validate.notNull("tenantId", tenant);
        Access.require(actor, Permission.EDIT_CLIENTS, tenant);
        TenantSettings tenantSettings = settings.settings(tenant);
        PersonalDetails details = validate(tenantSettings, input);
        requireOffered(tenantSettings, details.preferredLanguage());
        return tx.inTransaction(() -> {
            details.email().ifPresent(email -> requireEmailFree(tenant, email, Optional.empty()));
            Client client = clients.insert(Client.create(new ClientId(ids.next()), tenant, details, changes.now()));
            changes.record(actor, tenant, client.id(), AuditAction.CLIENT_CREATED,
                    changes(PersonalDetails.ERASED, details, true));
            changes.publish(new ClientEvents.ClientCreated(tenant, client.id(), changes.now()));
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
     *
     * <p>A preferred language must be one the studio offers when it is set or changed; one the
     * client already has is kept even if the studio no longer offers it, so an edit of another field
     * ({@link ClientDetails#from}, then one {@code with*}) never fails on a field it did not change.
     */
    public Client editDetails(Actor actor, TenantId tenant, ClientId id, long expectedVersion, ClientDetails input) {
        requireTarget(tenant, id);
        Access.require(actor, Permission.EDIT_CLIENTS, tenant, id);
        TenantSettings tenantSettings = settings.settings(tenant);
        PersonalDetails details = validate(tenantSettings, input);
        return tx.inTransaction(() -> {
            Client client = ClientGuard.requireVersion(
                    guard.forPersonalEdit(actor, tenant, id, LockScope.PERSONAL_DETAILS), expectedVersion);
            if (!details.preferredLanguage().equals(client.details().preferredLanguage())) {
                requireOffered(tenantSettings, details.preferredLanguage());
            }
            details.email().ifPresent(email -> requireEmailFree(tenant, email, Optional.of(id)));
            List<FieldChange> fieldChanges = changes(client.details(), details, false);
            if (fieldChanges.stream().noneMatch(FieldChange::changed)) {
                return client;
            }
            Client saved = changes.save(actor, client.withDetails(details, changes.now()),
                    AuditAction.DETAILS_CHANGED, fieldChanges);
            if (!saved.details().email().equals(client.details().email())) {
                emailChangeParticipants.forEach(p -> p.emailChanged(actor, client, saved));
            }
            return saved;
        });
    }

    /**
     * The client record itself: personal details, photo reference, addresses, passes, lock and
     * invitation status. An erased client is returned too (it reads as anonymous). Requires {@link
     * Permission#VIEW_CLIENTS}, or the client themself.
     */
    public Client get(Actor actor, TenantId tenant, ClientId id) {
        requireTarget(tenant, id);
        return tx.inReadOnlyTransaction(() -> guard.read(actor, Permission.VIEW_CLIENTS, tenant, id));
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
        return tx.inReadOnlyTransaction(() -> list.seal(clients.search(tenant, query, position)));
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
        return tx.inReadOnlyTransaction(() -> clients.countByStatus(tenant, query.withoutStatus()));
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
        clients.findIdByEmail(tenant, email).filter(owner -> !Optional.of(owner).equals(self)).ifPresent(owner -> {
            throw ConflictException.duplicate("email", "another client of this tenant has this email address");
        });
    }

    /**
     * Validates form input against the tenant's settings, fields in form order; whether the studio
     * offers the preferred language is {@link #requireOffered}'s to say.
     */
    private PersonalDetails validate(TenantSettings tenantSettings, ClientDetails input) {
        Validate.notNull("details", input);
        PersonName name = new PersonName(input.firstName(), input.lastName());
        Optional<EmailAddress> email = nonBlank(input.email()).map(EmailAddress::new);
        Optional<PhoneNumber> phone = nonBlank(input.phone())
                .map(p -> PhoneNumbers.parse(p, tenantSettings.defaultRegion()));
        // "not in the future" is judged on the studio's calendar, whatever the clock's zone
        LocalDate today = tenantSettings.dateAt(clock.instant());
        Optional<BirthDate> birthDate = input.birthDate().map(d -> BirthDate.of(d, today));
        Optional<LanguageTag> language = nonBlank(input.preferredLanguage()).map(LanguageTag::new);
        return new PersonalDetails(name, email, phone, birthDate, language);
    }

    /** Refuses a preferred language the studio does not offer (rule {@code not_offered}). */
    private static void requireOffered(TenantSettings tenantSettings, Optional<LanguageTag> language) {
        language.ifPresent(l -> {
            if (!tenantSettings.offers(l)) {
                throw new ValidationException("preferredLanguage", "not_offered",
                        "the studio offers " + tenantSettings.languages());
            }
        });
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
