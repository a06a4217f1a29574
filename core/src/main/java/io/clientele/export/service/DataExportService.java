package io.clientele.export.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Address;
import io.clientele.client.model.Client;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.NoteRepository;
import io.clientele.common.Access;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.InfrastructureException;
import io.clientele.common.NotFoundException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.port.ConsentLog;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.port.CreditRepository;
import io.clientele.credit.service.CreditService;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.intake.port.IntakeFormRepository;
import io.clientele.order.model.Money;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderLine;
import io.clientele.order.port.OrderRepository;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.port.PaymentMethodRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Exports everything Clientele holds about one client as one JSON document (GDPR articles 15 and
 * 20): the profile with its notes, addresses, labels, groups and passes; the audit trail; consent
 * records; credits and their ledger (as of the export: a credit past its expiry shows {@code
 * EXPIRED}, with its expiry's ledger line, before the expiry sweep has recorded it); memberships;
 * orders where the client is lead booker; intake forms with their answers; saved payment methods.
 * Nothing about any other client is included. The document is read in one unit of work, so it is
 * consistent.
 *
 * <p>Staff need both {@link Permission#VIEW_CLIENTS} and {@link Permission#VIEW_AUDIT}; a client
 * may export their own data. The export is the answer to an access request, so it holds what the
 * self-service views leave out as the staff's own working records (staff notes, the ledger's
 * reasons, the audit trail): they are personal data about the client all the same. Stateless and
 * thread-safe.
 */
public final class DataExportService {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int PAGE = PageRequest.MAX_SIZE;

    /** The ports the export reads. */
    public record Ports(
            ClientRepository clients,
            NoteRepository notes,
            LabelRepository labels,
            GroupRepository groups,
            AuditLog audit,
            PreferenceRepository preferences,
            ConsentLog consents,
            CreditRepository credits,
            MembershipSection memberships,
            OrderRepository orders,
            IntakeFormRepository intakeForms,
            PaymentMethodRepository paymentMethods,
            TransactionRunner tx,
            Clock clock) {

        public Ports {
            Validate.notNull("clients", clients);
            Validate.notNull("notes", notes);
            Validate.notNull("labels", labels);
            Validate.notNull("groups", groups);
            Validate.notNull("audit", audit);
            Validate.notNull("preferences", preferences);
            Validate.notNull("consents", consents);
            Validate.notNull("credits", credits);
            Validate.notNull("memberships", memberships);
            Validate.notNull("orders", orders);
            Validate.notNull("intakeForms", intakeForms);
            Validate.notNull("paymentMethods", paymentMethods);
            Validate.notNull("tx", tx);
            Validate.notNull("clock", clock);
        }
    }

    /** Writes the client's memberships into the export; supplied by the membership context. */
    @FunctionalInterface
    public interface MembershipSection {

        /** Adds one JSON object per membership of the client to {@code into}. */
        void write(TenantId tenant, ClientId client, ArrayNode into);
    }

    private final Ports p;

    public DataExportService(Ports ports) {
        this.p = Validate.notNull("ports", ports);
    }

    /** The JSON document (UTF-8 text) of everything held about the client. */
    public String export(Actor actor, TenantId tenant, ClientId client) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("clientId", client);
        requireAllowed(actor, tenant, client);
        ObjectNode root = p.tx().inTransaction(() -> document(tenant, client));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new InfrastructureException("writing the export failed", e);
        }
    }

    private static void requireAllowed(Actor actor, TenantId tenant, ClientId client) {
        if (actor instanceof Actor.ClientSelf) {
            Access.require(actor, Permission.VIEW_CLIENTS, tenant, client);
            return;
        }
        Access.require(actor, Permission.VIEW_CLIENTS, tenant, client);
        Access.require(actor, Permission.VIEW_AUDIT, tenant, client);
        if (!(actor instanceof Actor.Staff) && !(actor instanceof Actor.SystemActor)) {
            throw new AccessDeniedException("unknown actor");
        }
    }

    private ObjectNode document(TenantId tenant, ClientId id) {
        Client client = p.clients().find(tenant, id).orElseThrow(() -> new NotFoundException("client", id));
        ObjectNode root = JSON.createObjectNode();
        Instant now = p.clock().instant();
        root.put("format", "clientele-export/1");
        root.put("exportedAt", now.toString());
        root.put("tenant", tenant.value());
        root.put("clientId", id.toString());
        root.set("profile", profile(client));
        root.set("notes", array(p.notes().listForClient(tenant, id), n -> {
            ObjectNode o = JSON.createObjectNode();
            o.put("text", n.text().value());
            o.put("author", n.author());
            o.put("createdAt", n.createdAt().toString());
            n.editedAt().ifPresent(at -> o.put("editedAt", at.toString()));
            return o;
        }));
        root.set("audit", array(auditOf(tenant, id), DataExportService::auditEntry));
        root.set("consents", array(p.consents().history(tenant, id), r -> consent(tenant, r)));
        // states as of the export: a credit past its expiry is expired, recorded by the sweep or not
        List<Credit> credits = p.credits().listForClient(tenant, id);
        root.set("credits", array(credits.stream().map(c -> c.asSeenAt(now)).toList(), DataExportService::credit));
        root.set("creditLedger", array(CreditChange.asSeenAt(p.credits().changes(tenant, id), credits, now,
                CreditService.EXPIRY_JOB.describe()), DataExportService::creditChange));
        ArrayNode memberships = JSON.createArrayNode();
        p.memberships().write(tenant, id, memberships);
        root.set("memberships", memberships);
        root.set("orders", array(ordersOf(tenant, id), DataExportService::order));
        root.set("intakeForms", array(p.intakeForms().listForClient(tenant, id), DataExportService::intake));
        root.set("paymentMethods", array(p.paymentMethods().listForClient(tenant, id), DataExportService::payment));
        return root;
    }

    private ObjectNode profile(Client client) {
        ObjectNode o = JSON.createObjectNode();
        PersonalDetails d = client.details();
        o.put("firstName", d.name().firstName());
        o.put("lastName", d.name().lastName());
        d.email().ifPresent(e -> o.put("email", e.value()));
        d.phone().ifPresent(ph -> o.put("phone", ph.e164()));
        d.birthDateValue().ifPresent(b -> o.put("birthDate", b.toString()));
        d.preferredLanguage().ifPresent(l -> o.put("preferredLanguage", l.value()));
        o.put("invitationStatus", client.invitationStatus().name());
        o.put("locked", client.locked());
        o.put("erased", client.erased());
        o.put("createdAt", client.createdAt().toString());
        o.put("updatedAt", client.updatedAt().toString());
        client.photo().ifPresent(ph -> {
            ObjectNode photo = o.putObject("photo");
            photo.put("type", ph.type().mediaType());
            photo.put("sizeBytes", ph.sizeBytes());
        });
        ArrayNode passes = o.putArray("passes");
        client.passes().stream().map(pass -> pass.value()).sorted().forEach(passes::add);
        o.set("addresses", array(client.addresses(), DataExportService::address));
        ArrayNode labels = o.putArray("labels");
        p.labels().findAll(client.tenantId(), client.labels()).forEach(l -> labels.add(l.name().value()));
        ArrayNode groups = o.putArray("groups");
        p.groups().findAll(client.tenantId(), client.groups()).forEach(g -> groups.add(g.name().value()));
        return o;
    }

    private static ObjectNode address(Address a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("line1", a.postal().line1());
        a.postal().line2().ifPresent(v -> o.put("line2", v));
        o.put("postalCode", a.postal().postalCode());
        o.put("city", a.postal().city());
        a.postal().region().ifPresent(v -> o.put("region", v));
        o.put("country", a.postal().country().value());
        return o;
    }

    private List<AuditEntry> auditOf(TenantId tenant, ClientId id) {
        List<AuditEntry> all = new ArrayList<>();
        PageRequest request = PageRequest.first(PAGE);
        while (true) {
            Page<AuditEntry> page = p.audit().listForClient(tenant, id, request);
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                return all;
            }
            request = PageRequest.after(page.next().get(), PAGE);
        }
    }

    private List<Order> ordersOf(TenantId tenant, ClientId id) {
        List<Order> all = new ArrayList<>();
        PageRequest request = PageRequest.first(PAGE);
        while (true) {
            Page<Order> page = p.orders().listForLeadBooker(tenant, id, request);
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                return all;
            }
            request = PageRequest.after(page.next().get(), PAGE);
        }
    }

    private static ObjectNode auditEntry(AuditEntry e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("at", e.occurredAt().toString());
        o.put("actor", e.actor());
        o.put("action", e.action().name());
        ArrayNode changes = o.putArray("changes");
        for (FieldChange c : e.changes()) {
            ObjectNode change = changes.addObject();
            change.put("field", c.field());
            c.before().ifPresent(v -> change.put("before", v));
            c.after().ifPresent(v -> change.put("after", v));
        }
        return o;
    }

    private ObjectNode consent(TenantId tenant, ConsentRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("preference", p.preferences().find(tenant, r.preferenceId()).map(MarketingPreference::key)
                .orElse(r.preferenceId().toString()));
        o.put("decision", r.decision().name());
        o.put("at", r.recordedAt().toString());
        o.put("source", r.source().name());
        o.put("actor", r.actor());
        o.put("wordingVersion", r.wordingVersion());
        o.put("wordingSha256", r.wordingSha256());
        r.ipAddress().ifPresent(v -> o.put("ipAddress", v));
        r.userAgent().ifPresent(v -> o.put("userAgent", v));
        return o;
    }

    private static ObjectNode credit(Credit c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", c.id().toString());
        o.put("source", c.source().kind().name());
        c.source().reference().ifPresent(r -> o.put("sourceReference", r.toString()));
        o.put("issuedAt", c.issuedAt().toString());
        c.expiresAt().ifPresent(e -> o.put("expiresAt", e.toString()));
        o.put("state", c.state().name());
        c.bookingRef().ifPresent(b -> o.put("booking", b));
        return o;
    }

    private static ObjectNode creditChange(CreditChange c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("creditId", c.creditId().toString());
        c.from().ifPresent(f -> o.put("from", f.name()));
        o.put("to", c.to().name());
        o.put("at", c.at().toString());
        o.put("actor", c.actor());
        o.put("reason", c.reason());
        return o;
    }

    private static ObjectNode order(Order order) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", order.id().toString());
        o.put("status", order.status().name());
        o.put("createdAt", order.createdAt().toString());
        o.set("total", money(order.total()));
        ArrayNode lines = o.putArray("lines");
        for (OrderLine line : order.lines()) {
            ObjectNode l = lines.addObject();
            if (line instanceof OrderLine.PackagePurchase pkg) {
                l.put("type", "package");
                l.put("name", pkg.name());
                l.put("credits", pkg.credits());
                pkg.creditValidity().ifPresent(v -> l.put("creditValidity", v.toString()));
                l.set("price", money(pkg.price()));
            } else if (line instanceof OrderLine.BookingReference booking) {
                l.put("type", "booking");
                l.put("booking", booking.bookingRef());
                l.put("description", booking.description());
                l.set("price", money(booking.price()));
            }
        }
        order.cancellation().ifPresent(c -> {
            ObjectNode cancelled = o.putObject("cancellation");
            cancelled.put("at", c.at().toString());
            cancelled.put("reason", c.reason());
        });
        return o;
    }

    private static ObjectNode money(Money money) {
        ObjectNode o = JSON.createObjectNode();
        o.put("currency", money.currency().getCurrencyCode());
        o.put("amount", money.amount().toPlainString());
        return o;
    }

    private static ObjectNode intake(IntakeSubmission s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("form", s.formName());
        o.put("version", s.formVersion());
        o.put("submittedAt", s.submittedAt().toString());
        ArrayNode answers = o.putArray("answers");
        for (Map.Entry<String, String> answer : s.answers().entrySet()) {
            ObjectNode a = answers.addObject();
            a.put("question", answer.getKey());
            a.put("answer", answer.getValue());
        }
        return o;
    }

    private static ObjectNode payment(PaymentMethod m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", m.kind().name());
        o.put("brand", m.brand());
        o.put("last4", m.last4());
        m.expiry().ifPresent(e -> o.put("expiry", e.toString()));
        o.put("providerReference", m.providerRef());
        o.put("status", m.status().name());
        o.put("addedAt", m.addedAt().toString());
        m.cancelledAt().ifPresent(c -> o.put("cancelledAt", c.toString()));
        return o;
    }

    private static <T> ArrayNode array(List<T> items, Function<T, ObjectNode> toJson) {
        ArrayNode array = JSON.createArrayNode();
        items.forEach(item -> array.add(toJson.apply(item)));
        return array;
    }
}
