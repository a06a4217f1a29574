package io.clientele.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
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
import io.clientele.mail.model.RenderedMail;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.payment.model.PaymentMethod;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.Ids;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Clientele on in-memory adapters and a {@link MutableClock}, with two tenants and ready-made
 * actors. One per test.
 *
 * <p>When the system property {@value TestBackend#PROPERTY} names another backend than
 * {@value TestBackend#MEMORY}, that {@link TestBackend} (found by {@link ServiceLoader}) replaces
 * the stores and the transaction runner; {@link #memory} still holds the host-owned ports the tests
 * read (mail sender, events, tenant settings, photos...).
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
        this.memory = InMemoryAdapters.create(CHEAP_ARGON2, transactions);
        Clientele.Builder builder = memory.installInto(Clientele.builder());
        String backend = System.getProperty(TestBackend.PROPERTY, TestBackend.MEMORY);
        if (!backend.equals(TestBackend.MEMORY)) {
            backend(backend).install(builder, memory, clock);
        }
        this.clientele = builder.clock(clock).ids(ids).invitations(INVITATIONS).pacer(clock::advance).build();
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

    /** The stored client. */
    public Client reload(ClientId id) {
        return clientele.clients().get(OWNER, TENANT, id);
    }

    /**
     * Everything every in-memory store holds, by store name, each item as its sorted string form:
     * compare a value taken before a command with one taken after to show that it changed nothing.
     */
    public Map<String, List<String>> storedState() {
        return storedState(memory);
    }

    /** {@link #storedState()} for in-memory adapters wired outside a {@code TestClientele}. */
    public static Map<String, List<String>> storedState(InMemoryAdapters memory) {
        return memory.stores().stream().collect(Collectors.toMap(InspectableStore::storeName,
                s -> s.contents().stream().map(String::valueOf).sorted().toList()));
    }

    /**
     * The stored version of the client, whichever tenant holds it (0 when none does): what a staff
     * member's screen shows before an edit that takes an expected version.
     */
    public long clientVersion(ClientId id) {
        return storedVersion(Client.class, c -> c.id().equals(id), Client::version);
    }

    /** The stored version of the label, whichever tenant holds it (0 when none does). */
    public long labelVersion(LabelId id) {
        return storedVersion(Label.class, l -> l.id().equals(id), Label::version);
    }

    /** The stored version of the group, whichever tenant holds it (0 when none does). */
    public long groupVersion(GroupId id) {
        return storedVersion(ClientGroup.class, g -> g.id().equals(id), ClientGroup::version);
    }

    /** The stored version of the note, whichever tenant holds it (0 when none does). */
    public long noteVersion(NoteId id) {
        return storedVersion(Note.class, n -> n.id().equals(id), Note::version);
    }

    /** The stored version of the membership, whichever tenant holds it (0 when none does). */
    public long membershipVersion(MembershipId id) {
        return storedVersion(Membership.class, m -> m.id().equals(id), Membership::version);
    }

    /** The stored version of the membership type, whichever tenant holds it (0 when none does). */
    public long membershipTypeVersion(MembershipTypeId id) {
        return storedVersion(MembershipType.class, m -> m.id().equals(id), MembershipType::version);
    }

    /** The stored version of the payment method, whichever tenant holds it (0 when none does). */
    public long paymentMethodVersion(PaymentMethodId id) {
        return storedVersion(PaymentMethod.class, m -> m.id().equals(id), PaymentMethod::version);
    }

    /** The stored wording version of the preference, whichever tenant holds it (0 when none does). */
    public long preferenceVersion(PreferenceId id) {
        return storedVersion(MarketingPreference.class, p -> p.id().equals(id), MarketingPreference::version);
    }

    private <T> long storedVersion(Class<T> type, Predicate<T> which, ToLongFunction<T> version) {
        return memory.stores().stream().flatMap(s -> s.contents().stream()).filter(type::isInstance).map(type::cast)
                .filter(which).mapToLong(version).findFirst().orElse(0L);
    }

    /** The audit entries of {@link #TENANT} with this action, in recorded order. */
    public List<AuditEntry> auditEntries(AuditAction action) {
        return auditEntries(TENANT, action);
    }

    /** The audit entries of {@code tenant} with this action, in recorded order. */
    public List<AuditEntry> auditEntries(TenantId tenant, AuditAction action) {
        return memory.audit().all(tenant).stream().filter(e -> e.action() == action).toList();
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
