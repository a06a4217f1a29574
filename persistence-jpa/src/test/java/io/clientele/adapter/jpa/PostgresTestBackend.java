package io.clientele.adapter.jpa;

import io.clientele.Clientele;
import io.clientele.adapter.credentials.HashingCredentialStore;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.NoteRepository;
import io.clientele.common.ClientId;
import io.clientele.common.EventPublisher;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.consent.port.ConsentLog;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.credit.port.CreditRepository;
import io.clientele.intake.port.IntakeFormRepository;
import io.clientele.common.CampaignId;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.invitation.port.PasswordHashStore;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.port.MailOutbox;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.order.port.OrderRepository;
import io.clientele.payment.port.PaymentMethodRepository;
import io.clientele.testing.MutableClock;
import io.clientele.testing.TestBackend;
import io.clientele.testing.TestClientele;
import io.clientele.testing.TestStores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Core's {@link TestClientele} on the JPA adapters of the test JVM's embedded PostgreSQL
 * ({@code -Dclientele.test.backend=postgres}), wired as {@link JpaClientele} wires a host: every
 * store and the runner from {@link JpaAdapters}, events after commit to the host's publisher, the
 * default credential store on the JPA password hashes, the host-owned ports in memory. Core's tests
 * use the fixed tenants {@code studio-a} and {@code studio-b}, so each {@link #install} first empties
 * every Clientele table in one {@code TRUNCATE} (tests run one after another in one JVM). The
 * {@link TestStores} it answers are the JPA adapters' own ports.
 */
public final class PostgresTestBackend implements TestBackend {

    private static List<String> tables;

    /** Found by {@link java.util.ServiceLoader}. */
    public PostgresTestBackend() {
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public TestStores install(Clientele.Builder builder, InMemoryAdapters host, MutableClock clock) {
        JpaAdapters jpa = Databases.postgresAdapters();
        List<String> tables = tables(jpa);
        String truncate = tables.stream().collect(Collectors.joining(", ", "TRUNCATE ", ""));
        jpa.transactions().run(() -> jpa.entityManagers().current().createNativeQuery(truncate).executeUpdate());
        Stores stores = new Stores(jpa, jpa.eventsAfterCommit(host.events()), tables);
        stores.installInto(builder);
        return stores;
    }

    /** Every table the migrations created (their history excepted), by name, found once. */
    private static synchronized List<String> tables(JpaAdapters jpa) {
        if (tables == null) {
            List<?> names = jpa.transactions().inReadOnlyTransaction(() -> jpa.entityManagers().current().createNativeQuery(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> ?1"
                            + " ORDER BY tablename")
                    .setParameter(1, ClienteleMigrations.HISTORY_TABLE).getResultList());
            tables = names.stream().map(String::valueOf).toList();
        }
        return tables;
    }

    /**
     * The JPA adapters' stores; the audit trail of a tenant is read through {@link AuditLog#listForClient}
     * for each client the trail names, the state as every table's rows in their text form. The
     * listings no port offers (a tenant's outbox rows, tokens, campaigns) select the keys of the
     * tenant's rows, then read the rows through the port's own look-ups, so the tests see what
     * the adapter maps.
     */
    private record Stores(JpaAdapters jpa, EventPublisher events, List<String> tables) implements TestStores {

        @Override
        public Clientele.Builder installInto(Clientele.Builder builder) {
            return jpa.installInto(builder)
                    .eventPublisher(events)
                    .credentialStore(new HashingCredentialStore(jpa.passwordHashes(), TestClientele.CHEAP_ARGON2));
        }

        @Override
        public TransactionRunner transactions() {
            return jpa.transactions();
        }

        @Override
        public List<AuditEntry> auditTrail(TenantId tenant) {
            List<?> clients = jpa.entityManagers().current().createNativeQuery(
                            "SELECT DISTINCT client_id FROM audit_entry WHERE tenant_id = ?1")
                    .setParameter(1, tenant.value()).getResultList();
            List<AuditEntry> trail = new ArrayList<>();
            for (Object client : clients) {
                PageRequest page = PageRequest.first(PageRequest.MAX_SIZE);
                while (true) {
                    Page<AuditEntry> entries = jpa.audit().listForClient(tenant, new ClientId((UUID) client), page);
                    trail.addAll(entries.items());
                    if (entries.next().isEmpty()) {
                        break;
                    }
                    page = PageRequest.after(entries.next().get(), PageRequest.MAX_SIZE);
                }
            }
            // the database's unsigned order of the ids, which the time-ordered ids share with Java's
            trail.sort(Comparator.comparing(AuditEntry::id));
            return trail;
        }

        @Override
        public List<OutboxMessage> outboxMessages(TenantId tenant) {
            List<UUID> ids = keys("SELECT id FROM outbox WHERE tenant_id = ?1", tenant).stream()
                    .map(UUID.class::cast).toList();
            return jpa.outbox().findAll(tenant, ids).stream()
                    .sorted(Comparator.comparing(OutboxMessage::createdAt).thenComparing(OutboxMessage::id)).toList();
        }

        @Override
        public List<IssuedToken> issuedTokens(TenantId tenant) {
            return keys("SELECT hash FROM token WHERE tenant_id = ?1 ORDER BY hash", tenant).stream()
                    .map(hash -> jpa.tokens().findByHash(tenant, (String) hash)).flatMap(Optional::stream).toList();
        }

        @Override
        public List<Campaign> storedCampaigns(TenantId tenant) {
            return keys("SELECT id FROM campaign WHERE tenant_id = ?1 ORDER BY id", tenant).stream()
                    .map(id -> jpa.campaigns().find(tenant, new CampaignId((UUID) id))).flatMap(Optional::stream)
                    .toList();
        }

        private List<?> keys(String select, TenantId tenant) {
            return jpa.entityManagers().current().createNativeQuery(select).setParameter(1, tenant.value())
                    .getResultList();
        }

        @Override
        public Map<String, List<String>> storedState() {
            return jpa.transactions().inReadOnlyTransaction(() -> {
                Map<String, List<String>> state = new TreeMap<>();
                for (String table : tables) {
                    List<?> rows = jpa.entityManagers().current()
                            .createNativeQuery("SELECT CAST(t AS text) FROM " + table + " t ORDER BY 1").getResultList();
                    state.put(table, rows.stream().map(String::valueOf).toList());
                }
                return state;
            });
        }

        @Override
        public AuditLog audit() {
            return jpa.audit();
        }

        @Override
        public ClientRepository clients() {
            return jpa.clients();
        }

        @Override
        public LabelRepository labels() {
            return jpa.labels();
        }

        @Override
        public GroupRepository groups() {
            return jpa.groups();
        }

        @Override
        public NoteRepository notes() {
            return jpa.notes();
        }

        @Override
        public PreferenceRepository preferences() {
            return jpa.preferences();
        }

        @Override
        public ConsentLog consents() {
            return jpa.consents();
        }

        @Override
        public IntakeFormRepository intakeForms() {
            return jpa.intakeForms();
        }

        @Override
        public PaymentMethodRepository paymentMethods() {
            return jpa.paymentMethods();
        }

        @Override
        public CreditRepository credits() {
            return jpa.credits();
        }

        @Override
        public OrderRepository orders() {
            return jpa.orders();
        }

        @Override
        public MembershipTypeRepository membershipTypes() {
            return jpa.membershipTypes();
        }

        @Override
        public MembershipRepository memberships() {
            return jpa.memberships();
        }

        @Override
        public IssuanceLog issuanceLog() {
            return jpa.issuanceLog();
        }

        @Override
        public MailOutbox outbox() {
            return jpa.outbox();
        }

        @Override
        public TokenRepository tokens() {
            return jpa.tokens();
        }

        @Override
        public CampaignRepository campaigns() {
            return jpa.campaigns();
        }

        @Override
        public PasswordHashStore passwordHashes() {
            return jpa.passwordHashes();
        }
    }
}
