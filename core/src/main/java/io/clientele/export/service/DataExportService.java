package io.clientele.export.service;

import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.model.Address;
import io.clientele.client.model.Client;
import io.clientele.client.model.Note;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.NoteRepository;
import io.clientele.common.Access;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.NotFoundException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.export.port.ExportEncoder;
import io.clientele.export.port.ExportSection;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Exports everything Clientele holds about one client as one document (GDPR articles 15 and 20),
 * by default indented JSON: the profile with its addresses, labels, groups and passes, the notes
 * and the audit trail (the client context's own sections), then the sections the other contexts
 * contribute ({@link ExportSection}), in the order given: by default consent records; credits
 * and their ledger (as of the export: a credit past its expiry shows {@code EXPIRED}, with its
 * expiry's ledger line, before the expiry sweep has recorded it); memberships; orders where the
 * client is lead booker; intake forms with their answers; saved payment methods; then the host's
 * own. Nothing about any other client is included. The document is read in one read-only unit of
 * work, so it is consistent, and then encoded by the {@link ExportEncoder} outside it.
 *
 * <p>Staff need both {@link Permission#VIEW_CLIENTS} and {@link Permission#VIEW_AUDIT}; a client
 * may export their own data. The export is the answer to an access request, so it holds what the
 * self-service views leave out as the staff's own working records (staff notes, the ledger's
 * reasons, the audit trail): they are personal data about the client all the same. Stateless and
 * thread-safe.
 */
public final class DataExportService {

    /** The format the document names in its {@code format} field. */
    public static final String FORMAT = "clientele-export/1";

    /** The document's own fields, written before the sections: no section may take their names. */
    public static final List<String> RESERVED_NAMES = List.of("format", "exportedAt", "tenant", "clientId",
            "profile", "notes", "audit");

    private static final Pattern SECTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
    private static final int PAGE = PageRequest.MAX_SIZE;

    /**
     * What the export reads and writes with: the client context's ports for its own sections, the
     * other sections in document order (names as {@link ExportSection#name()} requires, unique and
     * none of {@link #RESERVED_NAMES}, else {@link ConfigurationException}), and the encoder.
     */
    public record Ports(
            ClientRepository clients,
            NoteRepository notes,
            LabelRepository labels,
            GroupRepository groups,
            AuditLog audit,
            List<ExportSection> sections,
            ExportEncoder encoder,
            TransactionRunner tx,
            Clock clock) {

        public Ports {
            ConfigurationException.requirePort("DataExportService.Ports", "clients", clients);
            ConfigurationException.requirePort("DataExportService.Ports", "notes", notes);
            ConfigurationException.requirePort("DataExportService.Ports", "labels", labels);
            ConfigurationException.requirePort("DataExportService.Ports", "groups", groups);
            ConfigurationException.requirePort("DataExportService.Ports", "audit", audit);
            ConfigurationException.requirePort("DataExportService.Ports", "sections", sections);
            ConfigurationException.requirePort("DataExportService.Ports", "encoder", encoder);
            ConfigurationException.requirePort("DataExportService.Ports", "tx", tx);
            ConfigurationException.requirePort("DataExportService.Ports", "clock", clock);
            sections = List.copyOf(sections);
            requireDistinctNames(sections);
        }
    }

    private final Ports p;

    /** Builds the service on its ports; {@code Clientele} does this for hosts. */
    public DataExportService(Ports ports) {
        this.p = Validate.notNull("ports", ports);
    }

    /** The document (text, by default UTF-8 JSON) of everything held about the client. */
    public String export(Actor actor, TenantId tenant, ClientId client) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("clientId", client);
        requireAllowed(actor, tenant, client);
        Map<String, Object> document = p.tx().inReadOnlyTransaction(() -> document(tenant, client));
        return p.encoder().encode(document);
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

    private Map<String, Object> document(TenantId tenant, ClientId id) {
        Client client = p.clients().find(tenant, id).orElseThrow(() -> new NotFoundException("client", id));
        Instant now = p.clock().instant();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("exportedAt", now.toString());
        root.put("tenant", tenant.value());
        root.put("clientId", id.toString());
        root.put("profile", profile(client));
        root.put("notes", p.notes().listForClient(tenant, id).stream().map(DataExportService::note).toList());
        root.put("audit", auditOf(tenant, id).stream().map(DataExportService::auditEntry).toList());
        for (ExportSection section : p.sections()) {
            Object content = section.content(tenant, id, now);
            requirePlain(section.name(), section.name(), content);
            root.put(section.name(), content);
        }
        return root;
    }

    private Map<String, Object> profile(Client client) {
        Map<String, Object> o = new LinkedHashMap<>();
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
            Map<String, Object> photo = new LinkedHashMap<>();
            photo.put("type", ph.type().mediaType());
            photo.put("sizeBytes", ph.sizeBytes());
            o.put("photo", photo);
        });
        o.put("passes", client.passes().stream().map(pass -> pass.value()).sorted().toList());
        o.put("addresses", client.addresses().stream().map(DataExportService::address).toList());
        o.put("labels", p.labels().findAll(client.tenantId(), client.labels()).stream()
                .map(l -> l.name().value()).toList());
        o.put("groups", p.groups().findAll(client.tenantId(), client.groups()).stream()
                .map(g -> g.name().value()).toList());
        return o;
    }

    private static Map<String, Object> address(Address a) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("line1", a.postal().line1());
        a.postal().line2().ifPresent(v -> o.put("line2", v));
        o.put("postalCode", a.postal().postalCode());
        o.put("city", a.postal().city());
        a.postal().region().ifPresent(v -> o.put("region", v));
        o.put("country", a.postal().country().value());
        return o;
    }

    private static Map<String, Object> note(Note n) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("text", n.text().value());
        o.put("author", n.author());
        o.put("createdAt", n.createdAt().toString());
        n.editedAt().ifPresent(at -> o.put("editedAt", at.toString()));
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

    private static Map<String, Object> auditEntry(AuditEntry e) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("at", e.occurredAt().toString());
        o.put("actor", e.actor());
        o.put("action", e.action().name());
        List<Map<String, Object>> changes = new ArrayList<>();
        for (FieldChange c : e.changes()) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("field", c.field());
            c.before().ifPresent(v -> change.put("before", v));
            c.after().ifPresent(v -> change.put("after", v));
            changes.add(change);
        }
        o.put("changes", changes);
        return o;
    }

    private static void requireDistinctNames(List<ExportSection> sections) {
        Set<String> taken = new HashSet<>(RESERVED_NAMES);
        for (ExportSection section : sections) {
            String name = ConfigurationException.requirePort("DataExportService.Ports", "sections[].name",
                    section.name());
            if (!SECTION_NAME.matcher(name).matches()) {
                throw new ConfigurationException("export section name '" + name
                        + "' must be 1 to 64 letters and digits, starting with a letter");
            }
            if (!taken.add(name)) {
                throw new ConfigurationException("export section name '" + name + "' is taken"
                        + (RESERVED_NAMES.contains(name) ? " by the document's own field" : " by another section"));
            }
        }
    }

    /**
     * Refuses a value an encoder need not know: only maps with string keys, lists, strings,
     * booleans and whole or decimal numbers, nested, without nulls.
     */
    private static void requirePlain(String section, String path, Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw notPlain(section, path, "a map key that is not a string");
                }
                requirePlain(section, path + "." + key, entry.getValue());
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requirePlain(section, path + "[" + i + "]", list.get(i));
            }
        } else if (value == null) {
            throw notPlain(section, path, "null (leave the field out instead)");
        } else if (!(value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal)) {
            throw notPlain(section, path, "a value of type " + value.getClass().getName());
        }
    }

    private static ConfigurationException notPlain(String section, String path, String what) {
        return new ConfigurationException("export section '" + section + "' holds " + what + " at " + path
                + "; sections hold maps with string keys, lists, strings, booleans and numbers only");
    }
}
