package io.clientele.testing;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.NoteRepository;
import io.clientele.common.EventPublisher;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.consent.port.ConsentLog;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.credit.port.CreditRepository;
import io.clientele.intake.port.IntakeFormRepository;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.invitation.port.PasswordHashStore;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.mail.port.MailOutbox;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.order.port.OrderRepository;
import io.clientele.payment.port.PaymentMethodRepository;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.mail.model.OutboxMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The stores a {@link TestClientele}'s Clientele is wired on and the runner of their units of
 * work, whichever {@link TestBackend} installed them: {@link TestClientele}'s helpers read through
 * these ports (inside a read-only unit of {@link #transactions()}) rather than through one
 * backend's internals, so a test using them runs on every backend. The ports are the raw stores,
 * without the caching decorators the Clientele may put in front of them. Thread-safe as the ports are.
 */
public interface TestStores {

    /**
     * Sets these stores, their runner and what wraps the host's ports (events after commit, the
     * credential store on these password hashes) on {@code builder}, on which the host's in-memory
     * wiring was installed: a second facade on the same stores (with, say, another mail sender).
     */
    Clientele.Builder installInto(Clientele.Builder builder);

    /** The runner of the stores' units of work (the Clientele's own). */
    TransactionRunner transactions();

    /**
     * The event publisher the Clientele is wired with: the host's ({@code memory.events()}), on a
     * SQL backend behind the wrapper that hands it a unit of work's events once it committed.
     */
    EventPublisher events();

    /** Every entry of the tenant's audit trail, in recorded order (ascending id); call inside a unit of work. */
    List<AuditEntry> auditTrail(TenantId tenant);

    /**
     * Everything every store holds, by store (or table) name, each item (or row) as a string, in a
     * stable order: equal before and after a command exactly when the command changed nothing
     * stored. Runs its own read-only unit of work.
     */
    Map<String, List<String>> storedState();

    /**
     * Every outbox row of the tenant, client-bound and not, oldest first (by creation time, then
     * id), read through {@link MailOutbox}'s reads; call inside a unit of work.
     */
    List<OutboxMessage> outboxMessages(TenantId tenant);

    /** Every stored token of the tenant (live, consumed or revoked), by hash; call inside a unit of work. */
    List<IssuedToken> issuedTokens(TenantId tenant);

    /** Every stored campaign of the tenant, by id; call inside a unit of work. */
    List<Campaign> storedCampaigns(TenantId tenant);

    /** The audit log. */
    AuditLog audit();

    /** The clients. */
    ClientRepository clients();

    /** The label catalog. */
    LabelRepository labels();

    /** The group catalog. */
    GroupRepository groups();

    /** The clients' notes. */
    NoteRepository notes();

    /** The marketing preferences. */
    PreferenceRepository preferences();

    /** The consent log. */
    ConsentLog consents();

    /** The intake forms. */
    IntakeFormRepository intakeForms();

    /** The payment methods. */
    PaymentMethodRepository paymentMethods();

    /** The credits. */
    CreditRepository credits();

    /** The orders. */
    OrderRepository orders();

    /** The membership types. */
    MembershipTypeRepository membershipTypes();

    /** The memberships. */
    MembershipRepository memberships();

    /** The recurring issuance log. */
    IssuanceLog issuanceLog();

    /** The mail outbox. */
    MailOutbox outbox();

    /** The tokens. */
    TokenRepository tokens();

    /** The campaigns. */
    CampaignRepository campaigns();

    /** The password hashes. */
    PasswordHashStore passwordHashes();

    /** The stores of in-memory adapters: the default backend's, read as they always were. */
    static TestStores of(InMemoryAdapters memory) {
        return new TestStores() {
            @Override
            public Clientele.Builder installInto(Clientele.Builder builder) {
                return memory.installInto(builder);
            }

            @Override
            public TransactionRunner transactions() {
                return memory.transactions();
            }

            @Override
            public EventPublisher events() {
                return memory.events();
            }

            @Override
            public List<AuditEntry> auditTrail(TenantId tenant) {
                return memory.audit().all(tenant);
            }

            @Override
            public Map<String, List<String>> storedState() {
                return TestClientele.storedState(memory);
            }

            @Override
            public List<OutboxMessage> outboxMessages(TenantId tenant) {
                return memory.outbox().all().stream().filter(m -> m.tenantId().equals(tenant)).toList();
            }

            @Override
            public List<IssuedToken> issuedTokens(TenantId tenant) {
                return memory.tokens().contents().stream().map(IssuedToken.class::cast)
                        .filter(token -> token.tenantId().equals(tenant))
                        .sorted(Comparator.comparing(IssuedToken::hash)).toList();
            }

            @Override
            public List<Campaign> storedCampaigns(TenantId tenant) {
                return memory.campaigns().contents().stream().map(Campaign.class::cast)
                        .filter(campaign -> campaign.tenantId().equals(tenant))
                        .sorted(Comparator.comparing((Campaign c) -> c.id().value())).toList();
            }

            @Override
            public AuditLog audit() {
                return memory.audit();
            }

            @Override
            public ClientRepository clients() {
                return memory.clients();
            }

            @Override
            public LabelRepository labels() {
                return memory.labels();
            }

            @Override
            public GroupRepository groups() {
                return memory.groups();
            }

            @Override
            public NoteRepository notes() {
                return memory.notes();
            }

            @Override
            public PreferenceRepository preferences() {
                return memory.preferences();
            }

            @Override
            public ConsentLog consents() {
                return memory.consents();
            }

            @Override
            public IntakeFormRepository intakeForms() {
                return memory.intakeForms();
            }

            @Override
            public PaymentMethodRepository paymentMethods() {
                return memory.paymentMethods();
            }

            @Override
            public CreditRepository credits() {
                return memory.credits();
            }

            @Override
            public OrderRepository orders() {
                return memory.orders();
            }

            @Override
            public MembershipTypeRepository membershipTypes() {
                return memory.membershipTypes();
            }

            @Override
            public MembershipRepository memberships() {
                return memory.memberships();
            }

            @Override
            public IssuanceLog issuanceLog() {
                return memory.issuanceLog();
            }

            @Override
            public MailOutbox outbox() {
                return memory.outbox();
            }

            @Override
            public TokenRepository tokens() {
                return memory.tokens();
            }

            @Override
            public CampaignRepository campaigns() {
                return memory.campaigns();
            }

            @Override
            public PasswordHashStore passwordHashes() {
                return memory.passwordHashes();
            }
        };
    }
}
