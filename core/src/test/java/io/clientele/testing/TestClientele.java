package io.clientele.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.adapter.credentials.HashingCredentialStore;
import io.clientele.adapter.credentials.HashingCredentialStore.Argon2Parameters;
import io.clientele.client.model.Address;
import io.clientele.common.MembershipId;
import io.clientele.consent.model.PreferenceId;
import io.clientele.invitation.service.InvitationConfig;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.payment.model.PaymentMethodId;
import java.net.URI;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.adapter.memory.InspectableStore;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.GroupId;
import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.client.model.Note;
import io.clientele.client.model.NoteId;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.RenderedMail;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.payment.model.PaymentMethod;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.Ids;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Clientele on in-memory adapters and a {@link MutableClock}, with two tenants and ready-made
 * actors. One per test.
 *
 * <p>When the system property {@value TestBackend#PROPERTY} names another backend than
 * {@value TestBackend#MEMORY}, that {@link TestBackend} (found by {@link ServiceLoader}) replaces
 * the stores and the transaction runner; {@link #memory} still holds the host-owned ports the tests
 * read (mail sender, events, tenant settings, photos...), and {@link #stores} the stores the
 * Clientele is wired on, which the helpers here ({@link #auditEntries}, the {@code *Version}
 * helpers, {@link #storedState()}) read through, so tests using them run on every backend.
 */
public final class TestClientele {

    /** The tenant most tests act in. */
    public static final TenantId TENANT = TenantId.of("studio-a");
    /** Another tenant, for cross-tenant not-found checks. */
    public static final TenantId OTHER_TENANT = TenantId.of("studio-b");

    /** Staff of {@link #TENANT} with every permission. */
    public static final Actor.Staff OWNER = Actor.Staff.owner("owner-1", TENANT);
    /** Staff of {@link #OTHER_TENANT} with every permission. */
    public static final Actor.Staff OTHER_OWNER = Actor.Staff.owner("owner-2", OTHER_TENANT);
    /** Staff of {@link #TENANT} with every permission but EDIT_LOCKED_CLIENTS. */
    public static final Actor.Staff MANAGER = staffWithout("manager-1", Permission.EDIT_LOCKED_CLIENTS);
    /** Staff of {@link #TENANT} who may only view clients. */
    public static final Actor.Staff VIEWER = Actor.Staff.of("viewer-1", TENANT, Permission.VIEW_CLIENTS);
    /** Staff of {@link #TENANT} with no permission at all. */
    public static final Actor.Staff NOBODY = new Actor.Staff("nobody-1", TENANT, Set.of());

    public final MutableClock clock = MutableClock.standard();
    public final InMemoryAdapters memory;
    /**
     * The stores the Clientele is wired on ({@link #memory}'s, or the {@link TestBackend}'s): read
     * them through {@link #read}, which every backend supports.
     */
    public final TestStores stores;
    public final Ids ids = new Ids(clock);
    public final Clientele clientele;
    /** Invitation settings with the studio's example links and the defaults. */
    public static final InvitationConfig INVITATIONS = InvitationConfig.withLinks(
            URI.create("https://studio.example/activate"), URI.create("https://studio.example/reset-password"),
            URI.create("https://studio.example/unsubscribe"));
    /** Argon2id parameters cheap enough for tests (production ones cost tens of milliseconds). */
    public static final Argon2Parameters CHEAP_ARGON2 = new Argon2Parameters(1024, 1, 1);


    /** On serializable in-memory units of work. */
    public TestClientele() {
        this(new MemoryTransactions());
    }

    /** On the given in-memory units of work ({@link MemoryTransactions#interleaved()} for race tests). */
    public TestClientele(MemoryTransactions transactions) {
        this(transactions, System.getProperty(TestBackend.PROPERTY, TestBackend.MEMORY));
    }

    private TestClientele(MemoryTransactions transactions, String backend) {
        this.memory = InMemoryAdapters.create(CHEAP_ARGON2, transactions);
        Clientele.Builder builder = memory.installInto(Clientele.builder());
        this.stores = backend.equals(TestBackend.MEMORY) ? TestStores.of(memory)
                : backend(backend).install(builder, memory, clock);
        this.clientele = builder.clock(clock).ids(ids).invitations(INVITATIONS).pacer(clock::advance).build();
    }

    /**
     * On the in-memory adapters whatever {@value TestBackend#PROPERTY} says: for kits that wire
     * services on {@link #memory}'s ports by hand, so the Clientele and the helpers read the same
     * stores as those services.
     */
    public static TestClientele inMemory() {
        return new TestClientele(new MemoryTransactions(), TestBackend.MEMORY);
    }

    private static TestBackend backend(String name) {
        return ServiceLoader.load(TestBackend.class).stream().map(ServiceLoader.Provider::get)
                .filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no TestBackend named " + name + " on the class path"));
    }

    /**
     * The token of the mail's link to {@code https://studio.example/<path>} for {@link #TENANT}
     * ({@code "activate"}, {@code "unsubscribe"}, ...); fails when the mail has none.
     */
    public static String linkToken(RenderedMail mail, String path) {
        Matcher link = Pattern.compile("https://studio\\.example/" + Pattern.quote(path) + "\\?tenant="
                + Pattern.quote(TENANT.value()) + "&token=([A-Za-z0-9_-]{43})").matcher(mail.textBody());
        assertThat(link.find()).as("a %s link in the mail", path).isTrue();
        return link.group(1);
    }

    /** Staff of {@link #TENANT} holding every permission except {@code missing}. */
    public static Actor.Staff staffWithout(String id, Permission... missing) {
        EnumSet<Permission> permissions = EnumSet.allOf(Permission.class);
        for (Permission p : missing) {
            permissions.remove(p);
        }
        return new Actor.Staff(id, TENANT, permissions);
    }

    /** An owner of {@code tenant}: {@link #OWNER}, {@link #OTHER_OWNER}, or a new one for any other tenant. */
    public static Actor.Staff ownerOf(TenantId tenant) {
        if (tenant.equals(TENANT)) {
            return OWNER;
        }
        return tenant.equals(OTHER_TENANT) ? OTHER_OWNER : Actor.Staff.owner("owner-of-" + tenant.value(), tenant);
    }

    /** Creates a client in {@link #TENANT} as {@link #OWNER}. */
    public Client create(ClientDetails details) {
        return clientele.clients().create(OWNER, TENANT, details);
    }

    /** Creates "Ana López" with email and phone in {@link #TENANT}. */
    public Client ana() {
        return create(ClientDetails.named("Ana", "López").withEmail("ana.lopez@example.com")
                .withPhone("+33 6 12 34 56 78"));
    }

    /**
     * What {@code query} reads from {@link #stores}, inside one read-only unit of work of the
     * Clientele's runner (a SQL backend's ports need one; the in-memory ones join it).
     */
    public <T> T read(Function<TestStores, T> query) {
        return stores.transactions().inReadOnlyTransaction(() -> query.apply(stores));
    }

    /**
     * What {@code change} does to {@link #stores}, inside one unit of work of the Clientele's runner:
     * a test's direct write to a store (a state the services reach otherwise), committed as a
     * use case's would be.
     */
    public <T> T write(Function<TestStores, T> change) {
        return stores.transactions().inTransaction(() -> change.apply(stores));
    }

    /** {@link #write} for a change that answers nothing. */
    public void change(Consumer<TestStores> change) {
        stores.transactions().run(() -> change.accept(stores));
    }

    /**
     * True when {@code password} is the client's password, checked as the Clientele's default
     * credential store checks a login: Argon2id on {@link #CHEAP_ARGON2} over {@link #stores}'
     * password hashes, in a read-only unit of work.
     */
    public boolean verifiesPassword(TenantId tenant, ClientId client, String password) {
        return read(s -> new HashingCredentialStore(s.passwordHashes(), CHEAP_ARGON2).verify(tenant, client, password));
    }

    /** Every outbox row of {@code tenant}, oldest first, read from {@link #stores}. */
    public List<OutboxMessage> outboxMessages(TenantId tenant) {
        return read(s -> s.outboxMessages(tenant));
    }

    /** Every stored token of {@code tenant} (live or not), by hash, read from {@link #stores}. */
    public List<IssuedToken> issuedTokens(TenantId tenant) {
        return read(s -> s.issuedTokens(tenant));
    }

    /** Every stored campaign of {@code tenant}, by id, read from {@link #stores}. */
    public List<Campaign> storedCampaigns(TenantId tenant) {
        return read(s -> s.storedCampaigns(tenant));
    }

    /**
     * Every outbox row of {@link #TENANT} and {@link #OTHER_TENANT} (the whole outbox of a test
     * that acts in no other tenant), oldest first (by creation time, then id).
     */
    public List<OutboxMessage> allOutboxMessages() {
        return read(s -> Stream.concat(s.outboxMessages(TENANT).stream(), s.outboxMessages(OTHER_TENANT).stream())
                .sorted(Comparator.comparing(OutboxMessage::createdAt).thenComparing(OutboxMessage::id)).toList());
    }

    /** Every stored token of {@link #TENANT}, then of {@link #OTHER_TENANT}, each by hash. */
    public List<IssuedToken> allIssuedTokens() {
        return read(s -> Stream.concat(s.issuedTokens(TENANT).stream(), s.issuedTokens(OTHER_TENANT).stream())
                .toList());
    }

    /** Every stored campaign of {@link #TENANT}, then of {@link #OTHER_TENANT}, each by id. */
    public List<Campaign> allStoredCampaigns() {
        return read(s -> Stream.concat(s.storedCampaigns(TENANT).stream(), s.storedCampaigns(OTHER_TENANT).stream())
                .toList());
    }

    /**
     * A builder wired as {@link #clientele} is (the host's in-memory ports, {@link #stores} and
     * their runner), without clock, ids or invitation settings: for a second facade on the same
     * stores with some port replaced.
     */
    public Clientele.Builder builder() {
        return stores.installInto(memory.installInto(Clientele.builder()));
    }

    /** The stored client. */
    public Client reload(ClientId id) {
        return clientele.clients().get(OWNER, TENANT, id);
    }

    /**
     * Everything every store holds, by store name, each item as its sorted string form (on a SQL
     * backend: every table's rows): compare a value taken before a command with one taken after to
     * show that it changed nothing.
     */
    public Map<String, List<String>> storedState() {
        return stores.storedState();
    }

    /** {@link #storedState()} for in-memory adapters wired outside a {@code TestClientele}. */
    public static Map<String, List<String>> storedState(InMemoryAdapters memory) {
        return memory.stores().stream().collect(Collectors.toMap(InspectableStore::storeName,
                s -> s.contents().stream().map(String::valueOf).sorted().toList()));
    }

    /**
     * The stored version of the client in {@link #TENANT} or {@link #OTHER_TENANT} (0 when neither
     * holds it): what a staff member's screen shows before an edit that takes an expected version.
     */
    public long clientVersion(ClientId id) {
        return storedVersion(id, s -> tenant -> s.clients().find(tenant, id), Client::version);
    }

    /** The stored version of the label (a deleted one's tombstone too) in either tenant (0 when none). */
    public long labelVersion(LabelId id) {
        return storedVersion(id, s -> tenant -> s.labels().find(tenant, id).or(() -> s.labels().findDeleted(tenant, id)),
                Label::version);
    }

    /** The stored version of the group (a deleted one's tombstone too) in either tenant (0 when none). */
    public long groupVersion(GroupId id) {
        return storedVersion(id, s -> tenant -> s.groups().find(tenant, id).or(() -> s.groups().findDeleted(tenant, id)),
                ClientGroup::version);
    }

    /** The stored version of the note in either tenant (0 when none holds it). */
    public long noteVersion(NoteId id) {
        return storedVersion(id, s -> tenant -> s.notes().find(tenant, id), Note::version);
    }

    /** The stored version of the membership in either tenant (0 when none holds it). */
    public long membershipVersion(MembershipId id) {
        return storedVersion(id, s -> tenant -> s.memberships().find(tenant, id), Membership::version);
    }

    /** The stored version of the membership type in either tenant (0 when none holds it). */
    public long membershipTypeVersion(MembershipTypeId id) {
        return storedVersion(id, s -> tenant -> s.membershipTypes().find(tenant, id), MembershipType::version);
    }

    /** The stored version of the payment method in either tenant (0 when none holds it). */
    public long paymentMethodVersion(PaymentMethodId id) {
        return storedVersion(id, s -> tenant -> s.paymentMethods().find(tenant, id), PaymentMethod::version);
    }

    /** The stored wording version of the preference in either tenant (0 when none holds it). */
    public long preferenceVersion(PreferenceId id) {
        return storedVersion(id, s -> tenant -> s.preferences().find(tenant, id), MarketingPreference::version);
    }

    /**
     * Looks in {@link #TENANT}, then {@link #OTHER_TENANT}, through the stores' find methods; no id
     * (a test of a command without one) is held by none.
     */
    private <T> long storedVersion(Object id, Function<TestStores, Function<TenantId, Optional<T>>> find,
            ToLongFunction<T> version) {
        if (id == null) {
            return 0L;
        }
        return read(s -> {
            Function<TenantId, Optional<T>> in = find.apply(s);
            return in.apply(TENANT).or(() -> in.apply(OTHER_TENANT)).map(version::applyAsLong).orElse(0L);
        });
    }

    /** Every audit entry of {@code tenant}, in recorded order (ascending id), read from {@link #stores}. */
    public List<AuditEntry> auditTrail(TenantId tenant) {
        return read(s -> s.auditTrail(tenant));
    }

    /** The audit entries of {@link #TENANT} with this action, in recorded order. */
    public List<AuditEntry> auditEntries(AuditAction action) {
        return auditEntries(TENANT, action);
    }

    /** The audit entries of {@code tenant} with this action, in recorded order. */
    public List<AuditEntry> auditEntries(TenantId tenant, AuditAction action) {
        return auditTrail(tenant).stream().filter(e -> e.action() == action).toList();
    }

    /** The latest audit entry of {@link #TENANT} with this action; fails if there is none. */
    public AuditEntry lastAudit(AuditAction action) {
        List<AuditEntry> matching = auditEntries(action);
        assertThat(matching).as("audit entries " + action).isNotEmpty();
        return matching.get(matching.size() - 1);
    }

    /** The address {@code addresses().add} appended: the last of the returned client's addresses. */
    public static Address lastAddress(Client client) {
        List<Address> addresses = client.addresses();
        assertThat(addresses).as("the client's addresses").isNotEmpty();
        return addresses.get(addresses.size() - 1);
    }
}
