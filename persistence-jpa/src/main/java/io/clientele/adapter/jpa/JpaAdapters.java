package io.clientele.adapter.jpa;

import io.clientele.Clientele;
import io.clientele.adapter.cache.CacheSpec;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.NoteRepository;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.EventPublisher;
import io.clientele.consent.port.ConsentLog;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.intake.port.IntakeFormRepository;
import io.clientele.payment.port.PaymentMethodRepository;
import io.clientele.credit.port.CreditRepository;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.order.port.OrderRepository;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.invitation.port.PasswordHashStore;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.mail.port.MailOutbox;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * Clientele's ports on Jakarta Persistence, as {@code InMemoryAdapters} has them in memory: built
 * from a {@link DataSource} in one call (no {@code persistence.xml}), installed into {@link
 * Clientele#builder()} in one more.
 *
 * <pre>{@code
 * ClienteleMigrations.migrate(dataSource);          // or apply the shipped SQL with your own tool
 * JpaAdapters jpa = JpaAdapters.create(dataSource);
 * Clientele clientele = jpa.installInto(Clientele.builder())
 *         .eventPublisher(jpa.eventsAfterCommit(hostPublisher))
 *         ...
 *         .build();
 * }</pre>
 *
 * <p>{@link #create(DataSource)} boots its own {@link EntityManagerFactory} on Hibernate ORM (7.x,
 * or 6.6 for Spring Boot 3 hosts) with JDBC batching (batches of {@value #JDBC_BATCH_SIZE}, inserts
 * and updates ordered), and runs units of work with the resource-local {@link
 * JpaTransactionRunner}. A host that manages its own {@code EntityManagerFactory} adds {@link
 * #entityClasses()} to its persistence unit and calls {@link #create(EntityManagerAccess)} with the
 * way its code reaches the current entity manager (Spring: the shared {@code EntityManager}), and
 * passes its own {@code TransactionRunner} to the builder.
 *
 * <p>Thread-safe; {@link #close()} closes the factory it created (not a host's).
 */
public final class JpaAdapters implements AutoCloseable {

    /**
     * The caches {@link #installInto} turns on (the core's caching of tenant settings and of the
     * label, membership-type and preference catalogs): {@value CacheSpec#DEFAULT_MAXIMUM_TENANTS}
     * tenants, one minute. A write through this instance shows at once; one through another
     * instance of the host within the minute. A host calls {@code caching(...)} after {@code
     * installInto} to choose otherwise.
     */
    public static final CacheSpec CACHES = CacheSpec.defaults().withTimeToLive(Duration.ofMinutes(1));

    /** The JDBC batch size of the factory {@link #create(DataSource)} builds: a whole campaign chunk of 500 rows. */
    public static final int JDBC_BATCH_SIZE = 500;

    private final EntityManagerAccess access;
    private final JpaTransactionRunner transactions;
    private final EntityManagerFactory ownFactory;
    private final JpaConsentLog consentLog;
    private final JpaAuditLog auditLog;
    private final JpaLabelRepository labelRepository;
    private final JpaGroupRepository groupRepository;
    private final JpaNoteRepository noteRepository;
    private final JpaPreferenceRepository preferences;
    private final JpaIntakeFormRepository intakeForms;
    private final JpaPaymentMethodRepository paymentMethods;
    private final JpaCreditRepository creditRepository;
    private final JpaOrderRepository orderRepository;
    private final JpaMembershipTypeRepository membershipTypeRepository;
    private final JpaMembershipRepository membershipRepository;
    private final JpaIssuanceLog issuanceLog;
    private final JpaMailOutbox mailOutbox;
    private final JpaTokenRepository tokenRepository;
    private final JpaCampaignRepository campaignRepository;
    private final JpaPasswordHashStore passwordHashStore;
    private final JpaClientRepository clientRepository;

    private JpaAdapters(EntityManagerAccess access, JpaTransactionRunner transactions, EntityManagerFactory own) {
        this.access = access;
        this.transactions = transactions;
        this.ownFactory = own;
        this.auditLog = new JpaAuditLog(access);
        this.labelRepository = new JpaLabelRepository(access);
        this.groupRepository = new JpaGroupRepository(access);
        this.noteRepository = new JpaNoteRepository(access);
        this.preferences = new JpaPreferenceRepository(access);
        this.consentLog = new JpaConsentLog(access);
        this.intakeForms = new JpaIntakeFormRepository(access);
        this.paymentMethods = new JpaPaymentMethodRepository(access);
        this.creditRepository = new JpaCreditRepository(access);
        this.orderRepository = new JpaOrderRepository(access);
        this.membershipTypeRepository = new JpaMembershipTypeRepository(access);
        this.membershipRepository = new JpaMembershipRepository(access);
        this.issuanceLog = new JpaIssuanceLog(access);
        this.mailOutbox = new JpaMailOutbox(access);
        this.tokenRepository = new JpaTokenRepository(access);
        this.campaignRepository = new JpaCampaignRepository(access);
        this.passwordHashStore = new JpaPasswordHashStore(access);
        this.clientRepository = new JpaClientRepository(access);
    }

    /**
     * Adapters on their own entity manager factory over {@code dataSource}, with a {@link
     * JpaTransactionRunner}. The tables must exist ({@link ClienteleMigrations#migrate}). On
     * PostgreSQL, give the data source the driver property {@code logServerErrorDetail=false}: with
     * the driver's default, a failed statement's values (addresses, mail bodies) reach the logs;
     * this method warns once when it finds the default.
     */
    public static JpaAdapters create(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        ErrorDetailCheck.warnIfValuesReachLogs(dataSource);
        EntityManagerFactory factory = new HibernatePersistenceProvider().createContainerEntityManagerFactory(
                new ClientelePersistenceUnit(dataSource, hibernateProperties()), Map.of());
        JpaTransactionRunner runner = new JpaTransactionRunner(factory);
        return new JpaAdapters(runner, runner, factory);
    }

    /**
     * Adapters on a host's own persistence unit (which lists {@link #entityClasses()}): each port
     * call uses {@code access.current()}, the entity manager of the host's transaction on the
     * calling thread. The host passes its own {@code TransactionRunner} to the builder, and
     * publishes events after its commit itself.
     */
    public static JpaAdapters create(EntityManagerAccess access) {
        return new JpaAdapters(Objects.requireNonNull(access, "access"), null, null);
    }

    /**
     * The entity classes of Clientele's tables, for a host that builds its own persistence unit
     * (add them to it, or scan package {@code io.clientele.adapter.jpa}). No mapping file is
     * needed: the mappings are annotations.
     */
    public static List<Class<?>> entityClasses() {
        List<Class<?>> all = new ArrayList<>();
        all.addAll(AuditTables.ENTITIES);
        all.addAll(CatalogTables.ENTITIES);
        all.addAll(PreferenceTables.ENTITIES);
        all.addAll(IntakeTables.ENTITIES);
        all.addAll(PaymentTables.ENTITIES);
        all.addAll(CreditTables.ENTITIES);
        all.addAll(OrderTables.ENTITIES);
        all.addAll(MembershipTables.ENTITIES);
        all.addAll(MailTables.ENTITIES);
        all.addAll(InvitationTables.ENTITIES);
        all.addAll(ConsentTables.ENTITIES);
        all.addAll(ClientTables.ENTITIES);
        return Collections.unmodifiableList(all);
    }

    /**
     * The Hibernate settings of {@link #create(DataSource)}: JDBC batching with ordered inserts and
     * updates, versioned batches, no schema generation (the migrations own the schema), UTC times.
     */
    public static Properties hibernateProperties() {
        Properties p = new Properties();
        p.setProperty("hibernate.jdbc.batch_size", Integer.toString(JDBC_BATCH_SIZE));
        p.setProperty("hibernate.order_inserts", "true");
        p.setProperty("hibernate.order_updates", "true");
        p.setProperty("hibernate.jdbc.batch_versioned_data", "true");
        p.setProperty("hibernate.hbm2ddl.auto", "none");
        p.setProperty("hibernate.jdbc.time_zone", "UTC");
        p.setProperty("hibernate.query.fail_on_pagination_over_collection_fetch", "true");
        return p;
    }

    /**
     * Installs every JPA-backed port, the {@link JpaTransactionRunner} (when these adapters run
     * their own units of work) and the caches of {@link #CACHES} into {@code builder}; the host
     * still sets what only it has (tenant settings, photo storage, mail, credentials through
     * {@link #passwordHashes()}, its event publisher through {@link #eventsAfterCommit}).
     */
    public Clientele.Builder installInto(Clientele.Builder builder) {
        if (transactions != null) {
            builder.transactionRunner(transactions);
        }
        builder.caching(CACHES);
        builder.labelRepository(labelRepository);
        builder.groupRepository(groupRepository);
        builder.noteRepository(noteRepository);
        builder.preferenceRepository(preferences);
        builder.consentLog(consentLog);
        builder.intakeFormRepository(intakeForms);
        builder.paymentMethodRepository(paymentMethods);
        builder.creditRepository(creditRepository);
        builder.orderRepository(orderRepository);
        builder.membershipTypeRepository(membershipTypeRepository);
        builder.membershipRepository(membershipRepository);
        builder.issuanceLog(issuanceLog);
        builder.mailOutbox(mailOutbox);
        builder.tokenRepository(tokenRepository);
        builder.campaignRepository(campaignRepository);
        builder.clientRepository(clientRepository);
        return builder.auditLog(auditLog);
    }

    /**
     * A publisher that hands {@code host} the events of a unit of work only once it has committed
     * (never those of one rolled back). Only with {@link #create(DataSource)}: a host running its
     * own transactions defers events with its own means (Spring: transactional event listeners).
     */
    public EventPublisher eventsAfterCommit(EventPublisher host) {
        if (transactions == null) {
            throw new IllegalStateException("the host runs the transactions: publish after its commit");
        }
        return transactions.eventsAfterCommit(host);
    }

    /** The runner of these adapters' units of work; only with {@link #create(DataSource)}. */
    public JpaTransactionRunner transactions() {
        if (transactions == null) {
            throw new IllegalStateException("the host runs the transactions");
        }
        return transactions;
    }

    /** How the adapters reach the current entity manager. */
    public EntityManagerAccess entityManagers() {
        return access;
    }

    /** The audit trail ({@code audit_entry}, {@code audit_change}). */
    public AuditLog audit() {
        return auditLog;
    }

    /**
     * The label catalog ({@code label}): names unique per tenant ignoring case among live labels,
     * version-checked renames and deletes, a deleted label kept as a tombstone until purged.
     */
    public LabelRepository labels() {
        return labelRepository;
    }

    /**
     * The client groups ({@code client_group}): named, unique and deleted like labels; membership
     * lives with the clients.
     */
    public GroupRepository groups() {
        return groupRepository;
    }

    /** The staff notes on clients ({@code note}), listed per client newest first. */
    public NoteRepository notes() {
        return noteRepository;
    }

    /**
     * The tenants' marketing preferences ({@code preference}); {@code insertIfAbsent} is {@code
     * INSERT ... ON CONFLICT DO NOTHING} on PostgreSQL and a {@code MERGE} on H2.
     */
    public PreferenceRepository preferences() {
        return preferences;
    }

    /**
     * The consent records ({@code consent}): append-only proof of each opt-in and opt-out; a
     * preference's audience joins the {@code client} table to leave erased clients out.
     */
    public ConsentLog consents() {
        return consentLog;
    }

    /** The clients' intake form submissions ({@code intake_submission}, {@code intake_answer}). */
    public IntakeFormRepository intakeForms() {
        return intakeForms;
    }

    /** The clients' saved payment methods ({@code payment_method}). */
    public PaymentMethodRepository paymentMethods() {
        return paymentMethods;
    }

    /** The credit ledger ({@code credit}, {@code credit_change}, {@code credit_closed_source}). */
    public CreditRepository credits() {
        return creditRepository;
    }

    /** The orders ({@code client_order}, {@code client_order_line}). */
    public OrderRepository orders() {
        return orderRepository;
    }

    /** The membership catalog ({@code membership_type}). */
    public MembershipTypeRepository membershipTypes() {
        return membershipTypeRepository;
    }

    /** The clients' memberships ({@code membership}). */
    public MembershipRepository memberships() {
        return membershipRepository;
    }

    /** The periods whose recurring credits were issued ({@code membership_issuance}). */
    public IssuanceLog issuanceLog() {
        return issuanceLog;
    }

    /**
     * The mail outbox ({@code outbox}): claims with {@code FOR UPDATE SKIP LOCKED}, so several
     * instances dispatch from one database at once; marks apply only under the claim that holds
     * the row.
     */
    public MailOutbox outbox() {
        return mailOutbox;
    }

    /** The tokens of personal links ({@code token}): only their SHA-256 hashes; single-use consume. */
    public TokenRepository tokens() {
        return tokenRepository;
    }

    /** The campaigns ({@code campaign}, and {@code campaign_client} for explicit targets). */
    public CampaignRepository campaigns() {
        return campaignRepository;
    }

    /**
     * The password hashes of the default credential store ({@code password_hash}). Not installed by
     * {@link #installInto}, since the credential store is the host's choice: a host taking the
     * default one passes {@code new HashingCredentialStore(jpa.passwordHashes())} to the builder.
     */
    public PasswordHashStore passwordHashes() {
        return passwordHashStore;
    }

    /**
     * The clients ({@code client}, with {@code client_address}, {@code client_label}, {@code
     * client_in_group} and {@code client_pass}); on PostgreSQL the client list's text search uses a
     * trigram index ({@code pg_trgm}).
     */
    public ClientRepository clients() {
        return clientRepository;
    }

    /** Closes the entity manager factory {@link #create(DataSource)} built; a host's is left alone. */
    @Override
    public void close() {
        if (ownFactory != null) {
            ownFactory.close();
        }
    }
}
