package io.clientele.profile.service;

import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.Label;
import io.clientele.client.model.Note;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.NoteRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.client.service.AuditService;
import io.clientele.client.service.ClientGuard;
import io.clientele.client.service.NoteService;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.CursorSeal;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.Slice;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.consent.model.PreferenceState;
import io.clientele.consent.port.ConsentLog;
import io.clientele.credit.model.CreditSummary;
import io.clientele.credit.port.CreditRepository;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.intake.port.IntakeFormRepository;
import io.clientele.membership.model.Membership;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.order.model.Order;
import io.clientele.order.port.OrderRepository;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.port.PaymentMethodRepository;
import io.clientele.profile.model.Section;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The whole profile of one client in one call: the client record (details, photo, invitation status, lock, passes, addresses) and every
 * section of the profile page, read in one read-only unit of work with at most one port call per
 * section, so a SQL adapter answers it with at most twelve statements whatever the client holds
 * (the paged sections read one page and their count in one statement).
 *
 * <p>Access: staff with {@link Permission#VIEW_CLIENTS}, the client themself, or the system; staff
 * of another tenant get the not-found of an unknown client. A section the actor may not see is
 * {@link Section.Withheld} and not read at all: the audit trail needs {@link Permission#VIEW_AUDIT};
 * labels, groups, notes and the audit trail are the staff's own records and withheld from the
 * client themself. An erased client is shown as anonymous, with the sections erasure kept (orders,
 * credits, memberships, consent records, the masked audit trail).
 *
 * <p>Defaults: the paged sections (notes, audit, orders, credits) show the newest {@value
 * #DEFAULT_SECTION_SIZE} items. The marketing section lists the preferences the studio has; the
 * built-in invitations category appears once it exists (the consent context creates it on first
 * use, which a read-only view does not). Stateless and thread-safe.
 */
public final class ProfileService {

    /** How many items the paged sections show unless asked otherwise: 20. */
    public static final int DEFAULT_SECTION_SIZE = 20;

    /**
     * The list name {@code OrderService} binds its cursors to (with the client's id as query), so a
     * host goes on from the orders section with {@code orders().listForClient}.
     */
    private static final String ORDERS_LIST = "orders";

    private static final String OWNER = "ProfileService.Ports";

    /** The ports the view reads through, one per section, and the seal of the sections' cursors. */
    public record Ports(
            ClientRepository clients,
            TenantSettingsProvider settings,
            LabelRepository labels,
            GroupRepository groups,
            NoteRepository notes,
            AuditLog audit,
            MembershipRepository memberships,
            OrderRepository orders,
            IntakeFormRepository intakeForms,
            PaymentMethodRepository paymentMethods,
            CreditRepository credits,
            ConsentLog consents,
            TransactionRunner tx,
            Clock clock,
            CursorSeal cursors) {

        public Ports {
            ConfigurationException.requirePort(OWNER, "clients", clients);
            ConfigurationException.requirePort(OWNER, "settings", settings);
            ConfigurationException.requirePort(OWNER, "labels", labels);
            ConfigurationException.requirePort(OWNER, "groups", groups);
            ConfigurationException.requirePort(OWNER, "notes", notes);
            ConfigurationException.requirePort(OWNER, "audit", audit);
            ConfigurationException.requirePort(OWNER, "memberships", memberships);
            ConfigurationException.requirePort(OWNER, "orders", orders);
            ConfigurationException.requirePort(OWNER, "intakeForms", intakeForms);
            ConfigurationException.requirePort(OWNER, "paymentMethods", paymentMethods);
            ConfigurationException.requirePort(OWNER, "credits", credits);
            ConfigurationException.requirePort(OWNER, "consents", consents);
            ConfigurationException.requirePort(OWNER, "tx", tx);
            ConfigurationException.requirePort(OWNER, "clock", clock);
            ConfigurationException.requirePort(OWNER, "cursors", cursors);
        }
    }

    private final Ports p;
    private final ClientGuard guard;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public ProfileService(Ports ports) {
        this.p = Validate.notNull("ports", ports);
        this.guard = new ClientGuard(ports.clients(), ports.settings());
    }

    /** The whole profile, the paged sections showing the newest {@value #DEFAULT_SECTION_SIZE} items. */
    public ProfileView view(Actor actor, TenantId tenant, ClientId client) {
        return view(actor, tenant, client, DEFAULT_SECTION_SIZE);
    }

    /**
     * The whole profile, the paged sections (notes, audit, orders, credits) showing the newest
     * {@code sectionSize} items (1 to {@value PageRequest#MAX_SIZE}; rule {@code range} on field
     * {@code sectionSize}). See the class comment for who sees what.
     */
    public ProfileView view(Actor actor, TenantId tenant, ClientId client, int sectionSize) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("clientId", client);
        Validate.range("sectionSize", sectionSize, 1, PageRequest.MAX_SIZE);
        String ofClient = CursorSeal.fingerprint(client.toString());
        CursorSeal.Bound notePages = p.cursors().bind(tenant, NoteService.CURSOR_LIST, ofClient);
        CursorSeal.Bound auditPages = p.cursors().bind(tenant, AuditService.CURSOR_LIST, ofClient);
        CursorSeal.Bound orderPages = p.cursors().bind(tenant, ORDERS_LIST, ofClient);
        return p.tx().inReadOnlyTransaction(() -> {
            Client found = guard.read(actor, Permission.VIEW_CLIENTS, tenant, client);
            boolean staff = !(actor instanceof Actor.ClientSelf);
            Instant now = p.clock().instant();
            Section<List<Label>> labels = staffOnly(staff, Permission.VIEW_CLIENTS,
                    () -> p.labels().findAll(tenant, found.labels()));
            Section<List<ClientGroup>> groups = staffOnly(staff, Permission.VIEW_CLIENTS,
                    () -> p.groups().findAll(tenant, found.groups()));
            Section<Slice<Note>> notes = staffOnly(staff, Permission.VIEW_CLIENTS,
                    () -> notePages.seal(p.notes().newestForClient(tenant, client, sectionSize)));
            Section<Page<AuditEntry>> audit = staffOnly(staff && actor.has(Permission.VIEW_AUDIT),
                    Permission.VIEW_AUDIT,
                    () -> auditPages.seal(p.audit().listForClient(tenant, client, PageRequest.first(sectionSize))));
            Section<List<Membership>> memberships = Section.shown(p.memberships().listForClient(tenant, client));
            Section<Slice<Order>> orders = Section.shown(
                    orderPages.seal(p.orders().newestForLeadBooker(tenant, client, sectionSize)));
            Section<List<IntakeSubmission>> intakeForms = Section.shown(p.intakeForms().listForClient(tenant, client));
            Section<List<PaymentMethod>> paymentMethods = Section.shown(
                    p.paymentMethods().listForClient(tenant, client));
            Section<CreditSummary> credits = Section.shown(
                    p.credits().summaryForClient(tenant, client, now, sectionSize).asSeenAt(now));
            Section<List<PreferenceState>> marketing = Section.shown(p.consents().currentStates(tenant, client));
            return new ProfileView(found, labels, groups, notes, audit, memberships, orders, intakeForms,
                    paymentMethods, credits, marketing);
        });
    }

    /** The section read by {@code read} when {@code allowed}; withheld, and not read, otherwise. */
    private static <T> Section<T> staffOnly(boolean allowed, Permission permission, Supplier<T> read) {
        return allowed ? Section.shown(read.get()) : Section.withheld(permission);
    }
}
