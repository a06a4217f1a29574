package io.clientele.reliability;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.Clientele;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.client.model.AddressId;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.GroupId;
import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.client.model.Note;
import io.clientele.client.model.NoteId;
import io.clientele.client.service.AddressInput;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.MembershipId;
import io.clientele.common.NotFoundException;
import io.clientele.common.OrderId;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.service.CreditIssue;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.service.CampaignProgressListener;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.order.model.Order;
import io.clientele.order.service.OrderLineInput;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodId;
import io.clientele.payment.model.PaymentMethodInput;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation on PostgreSQL: every public use case of the facade that names an object is
 * called by tenant B's owner (holding every permission) with tenant B as the tenant and the objects
 * of tenant A, and must answer {@link NotFoundException} and leave the database as it was. The use
 * cases are found by reflection over the services {@link Clientele}'s accessors return, so one added
 * later is either probed or must be listed in {@link #NOT_PROBED} with the reason it takes no other
 * tenant's object.
 */
class TenantIsolationTest {

    /** The object ids a use case can be handed; a method taking one of them is probed. */
    private static final Set<Class<?>> OBJECT_IDS = Set.of(ClientId.class, AddressId.class, GroupId.class,
            LabelId.class, NoteId.class, CampaignId.class, MembershipId.class, MembershipTypeId.class, OrderId.class,
            PreferenceId.class, CreditId.class, PaymentMethodId.class, CampaignTarget.class);

    /** Public methods that are not probed, each with the reason (service accessor.method). */
    private static final Map<String, String> NOT_PROBED = Map.ofEntries(
            entry("clients.create", "creates a client in the caller's tenant; names no existing object"),
            entry("clients.list", "searches the caller's tenant; names no object"),
            entry("clients.countByStatus", "counts the caller's tenant; names no object"),
            entry("labels.create", "creates in the caller's tenant; names no existing object"),
            entry("labels.list", "lists the caller's tenant; names no object"),
            entry("groups.create", "creates in the caller's tenant; names no existing object"),
            entry("groups.list", "lists the caller's tenant; names no object"),
            entry("invitations.createAndInvite", "creates the client it invites; names no existing object"),
            entry("invitations.defaultMessage", "reads the caller's tenant's template; names no object"),
            entry("invitations.previewSamples", "renders sample mails; names no object"),
            entry("activation.activate", "addressed by a secret token, not an object id; a token is looked up"
                    + " by its tenant and hash"),
            entry("activation.inspect", "addressed by a secret token, not an object id"),
            entry("activation.unsubscribe", "addressed by a secret token, not an object id"),
            entry("activation.inspectUnsubscribe", "addressed by a secret token, not an object id"),
            entry("activation.forgotPassword", "addressed by an email address typed by the public, answers the"
                    + " same whoever holds it"),
            entry("mailDispatcher.dispatchDue", "the host's job over every tenant; takes no tenant"),
            entry("mailDispatcher.dispatchAll", "the host's job over every tenant; takes no tenant"),
            entry("membershipIssuance.issueDueCredits", "the host's job over every tenant; takes no tenant"),
            entry("credits.expireDue", "the host's job over every tenant; takes no tenant"),
            entry("credits.cancelBooking", "names a booking by the host's reference, not one of Clientele's objects"),
            entry("credits.issuePackageCredits", "refused for every caller before any look-up: package credits"
                    + " come from orders"),
            entry("credits.eraser", "wiring for the erasure: returns a participant, takes no tenant"),
            entry("consent.eraser", "wiring for the erasure: returns a participant, takes no tenant"),
            entry("orders.eraser", "wiring for the erasure: returns a participant, takes no tenant"),
            entry("intakeForms.eraser", "wiring for the erasure: returns a participant, takes no tenant"),
            entry("paymentMethods.eraser", "wiring for the erasure: returns a participant, takes no tenant"),
            entry("memberships.standings", "wiring for the credit context: returns a port, takes no tenant"),
            entry("consent.preferences", "lists the caller's tenant; names no object"),
            entry("consent.definePreference", "creates in the caller's tenant; names no existing object"),
            entry("membershipTypes.createType", "creates in the caller's tenant; names no existing object"),
            entry("membershipTypes.listTypes", "lists the caller's tenant; names no object"));

    /**
     * Use cases only the client themself may call: probed by tenant A's client, its session pointed
     * at tenant B (the tenant a host takes from a request), rather than by B's staff.
     */
    private static final Set<String> SELF_SERVICE = Set.of("consent.recordSelfService");

    private static final TenantId TENANT_A = TenantId.of("isolation-a");
    private static final TenantId TENANT_B = TenantId.of("isolation-b");

    @Test
    void every_use_case_called_by_another_tenants_staff_with_tenant_a_objects_answers_not_found_and_changes_nothing()
            throws Exception {
        PostgresStack postgres = PostgresStack.shared();
        postgres.truncateAll();
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
        try (HikariDataSource pool = postgres.pool(2);
                JpaStudio studio = JpaStudio.on(pool, TenantIsolationTest::acceptAll,
                        MustacheMailComposer.withDefaults(), clock, c -> c)) {
            Clientele clientele = studio.clientele();
            Map<Class<?>, Object> objectsOfA = new HashMap<>();
            Map<Class<?>, Long> versions = new HashMap<>();
            createTenantA(clientele, clock, objectsOfA, versions);
            // tenant B exists too, with a client of its own, so "not found" is not an empty tenant's answer
            Actor.Staff ownerB = JpaStudio.owner(TENANT_B);
            clientele.clients().create(ownerB, TENANT_B, ClientDetails.named("Bea", "Other").withEmail("bea@b.example"));

            String stored = dump(pool);
            objectsOfA.forEach((type, id) -> {
                if (type != CampaignTarget.class) {
                    assertThat(stored).as("tenant A's %s is stored", type.getSimpleName()).contains(uuidOf(id));
                }
            });

            List<String> leaks = new ArrayList<>();
            Set<String> unlisted = new TreeSet<>();
            int useCases = 0;
            for (Method accessor : services()) {
                Object service = accessor.invoke(clientele);
                for (Method method : publicMethods(service.getClass())) {
                    String name = accessor.getName() + "." + method.getName();
                    boolean takesObject = Arrays.stream(method.getParameterTypes()).anyMatch(OBJECT_IDS::contains)
                            && Arrays.asList(method.getParameterTypes()).contains(TenantId.class);
                    if (NOT_PROBED.containsKey(name)) {
                        continue;
                    }
                    if (!takesObject) {
                        unlisted.add(name);
                        continue;
                    }
                    useCases++;
                    Actor caller = SELF_SERVICE.contains(name)
                            ? new Actor.ClientSelf((ClientId) objectsOfA.get(ClientId.class)) : ownerB;
                    Object[] args = arguments(method, caller, objectsOfA, versions);
                    String before = dump(pool);
                    Optional<String> outcome = probe(service, method, args);
                    String after = dump(pool);
                    outcome.ifPresent(o -> leaks.add(signature(accessor, method) + ": " + o));
                    if (!before.equals(after)) {
                        leaks.add(signature(accessor, method) + ": changed the database");
                    }
                }
            }

            assertThat(unlisted).as("public methods neither probed nor listed in NOT_PROBED with a reason").isEmpty();
            assertThat(useCases).as("use cases probed").isGreaterThanOrEqualTo(60);
            assertThat(leaks).isEmpty();
            System.out.println("RESULT name=tenant-isolation use_cases=" + useCases + " leaks=" + leaks.size());
        }
    }

    @Test
    void the_list_of_methods_not_probed_names_only_methods_that_exist_and_take_no_object() {
        Map<String, Boolean> takesObject = new HashMap<>();
        for (Method accessor : services()) {
            for (Method method : publicMethods(accessor.getReturnType())) {
                boolean object = Arrays.stream(method.getParameterTypes()).anyMatch(OBJECT_IDS::contains);
                takesObject.merge(accessor.getName() + "." + method.getName(), object, Boolean::logicalOr);
            }
        }
        assertThat(takesObject).containsKeys(NOT_PROBED.keySet().toArray(String[]::new));
        // the exceptions: a method that names an object yet is refused before any look-up
        Set<String> namingObjects = NOT_PROBED.keySet().stream().filter(takesObject::get).collect(Collectors.toSet());
        assertThat(namingObjects).containsExactly("credits.issuePackageCredits");
    }

    /** Tenant A with one object of every kind a use case names, its ids and versions recorded. */
    private static void createTenantA(Clientele c, Clock clock, Map<Class<?>, Object> ids,
            Map<Class<?>, Long> versions) {
        Actor.Staff owner = JpaStudio.owner(TENANT_A);
        Client client = c.clients().create(owner, TENANT_A, ClientDetails.named("Ana", "First")
                .withEmail("ana@a.example"));
        client = c.addresses().add(owner, TENANT_A, client.id(), AddressInput.of("Main Street 1", "1000", "Town", "BE"));
        ClientGroup group = c.groups().create(owner, TENANT_A, "Morning");
        c.groups().addMember(owner, TENANT_A, client.id(), group.id());
        Label label = c.labels().create(owner, TENANT_A, "Regular");
        client = c.labels().assign(owner, TENANT_A, client.id(), label.id());
        Note note = c.notes().add(owner, TENANT_A, client.id(), "Prefers mornings");
        MarketingPreference preference = c.consent().definePreference(owner, TENANT_A, "news", "News",
                "Send me the studio's news", Channel.EMAIL);
        c.consent().optIn(owner, TENANT_A, client.id(), preference.id());
        MembershipType type = c.membershipTypes().createType(owner, TENANT_A, "Monthly",
                RecurringCreditRule.withoutExpiry(4, CreditPeriod.MONTHLY));
        Membership membership = c.memberships().addMembership(owner, TENANT_A, client.id(), type.id(),
                LocalDate.now(clock));
        Order order = c.orders().place(owner, TENANT_A, client.id(),
                List.of(OrderLineInput.packageWithoutExpiry("Ten classes", 10, "EUR", new BigDecimal("90.00"))));
        Credit credit = c.credits().list(owner, TENANT_A, client.id(), PageRequest.first()).items().get(0);
        PaymentMethod method = c.paymentMethods().add(owner, TENANT_A, client.id(),
                PaymentMethodInput.card("visa", "4242", YearMonth.of(2030, 1), "pm_isolation"));
        Campaign campaign = c.campaigns().create(owner, TENANT_A, new CampaignTarget.Group(group.id()));
        client = c.clients().get(owner, TENANT_A, client.id());

        ids.put(ClientId.class, client.id());
        versions.put(ClientId.class, client.version());
        ids.put(AddressId.class, client.addresses().get(0).id());
        versions.put(AddressId.class, client.version());
        ids.put(GroupId.class, group.id());
        versions.put(GroupId.class, group.version());
        ids.put(LabelId.class, label.id());
        versions.put(LabelId.class, label.version());
        ids.put(NoteId.class, note.id());
        versions.put(NoteId.class, note.version());
        ids.put(PreferenceId.class, preference.id());
        versions.put(PreferenceId.class, (long) preference.version());
        ids.put(MembershipTypeId.class, type.id());
        versions.put(MembershipTypeId.class, type.version());
        ids.put(MembershipId.class, membership.id());
        versions.put(MembershipId.class, membership.version());
        ids.put(OrderId.class, order.id());
        versions.put(OrderId.class, order.version());
        ids.put(CreditId.class, credit.id());
        versions.put(CreditId.class, credit.version());
        ids.put(PaymentMethodId.class, method.id());
        versions.put(PaymentMethodId.class, method.version());
        ids.put(CampaignId.class, campaign.id());
        versions.put(CampaignId.class, campaign.version());
        ids.put(CampaignTarget.class, new CampaignTarget.Group(group.id()));
    }

    /**
     * The arguments of a probe: the caller (B's owner), A's object for every id, the version A's
     * object has for an expected version (the one of the id before it), a valid value otherwise.
     */
    private static Object[] arguments(Method method, Actor caller, Map<Class<?>, Object> objectsOfA,
            Map<Class<?>, Long> versions) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        Class<?> lastId = ClientId.class;
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i];
            if (objectsOfA.containsKey(type)) {
                args[i] = objectsOfA.get(type);
                lastId = type;
            } else if (type == long.class) {
                args[i] = versions.get(lastId);
            } else {
                args[i] = sample(type, caller);
            }
        }
        return args;
    }

    /** A valid value of {@code type} for a probe. */
    private static Object sample(Class<?> type, Actor caller) {
        if (type == Actor.class) {
            return caller;
        } else if (type == TenantId.class) {
            return TENANT_B;
        } else if (type == int.class) {
            return 10;
        } else if (type == String.class) {
            return "Probe";
        } else if (type == PageRequest.class) {
            return PageRequest.first();
        } else if (type == ClientQuery.class) {
            return ClientQuery.all();
        } else if (type == ClientDetails.class) {
            return ClientDetails.named("Mallory", "Probe").withEmail("mallory@b.example");
        } else if (type == AddressInput.class) {
            return AddressInput.of("Other Street 2", "2000", "City", "NL");
        } else if (type == InvitationMessage.class) {
            return new InvitationMessage("Hello", "Welcome to the studio");
        } else if (type == CampaignProgressListener.class) {
            return CampaignProgressListener.NONE;
        } else if (type == CreditIssue.class) {
            return CreditIssue.of(1, "probe");
        } else if (type == CreditState.class) {
            return CreditState.REDEEMABLE;
        } else if (type == ConsentDecision.class) {
            return ConsentDecision.OPT_IN;
        } else if (type == ConsentOrigin.class) {
            return ConsentOrigin.none();
        } else if (type == Instant.class) {
            return Instant.parse("2026-03-01T10:00:00Z");
        } else if (type == LocalDate.class) {
            return LocalDate.parse("2026-03-01");
        } else if (type == Map.class) {
            return Map.of("question", "answer");
        } else if (type == List.class) {
            return List.of(OrderLineInput.packageWithoutExpiry("Five classes", 5, "EUR", new BigDecimal("50.00")));
        } else if (type == InputStream.class) {
            return new ByteArrayInputStream(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        } else if (type == PaymentMethodInput.class) {
            return PaymentMethodInput.card("visa", "1111", YearMonth.of(2031, 1), "pm_probe");
        }
        throw new AssertionError("no sample value for " + type.getName() + ": add one to probe the use case");
    }

    /** Empty when the call answered not-found; else what it did instead. */
    private static Optional<String> probe(Object service, Method method, Object[] args) {
        try {
            Object result = method.invoke(service, args);
            return Optional.of("answered " + (result == null ? "normally" : result.getClass().getSimpleName()));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            return cause instanceof NotFoundException ? Optional.empty()
                    : Optional.of("threw " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** Clientele's accessors to its services, in name order. */
    private static List<Method> services() {
        return Arrays.stream(Clientele.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == 0)
                .sorted(Comparator.comparing(Method::getName)).toList();
    }

    /** The public instance methods a service declares, in a stable order. */
    private static List<Method> publicMethods(Class<?> service) {
        return Arrays.stream(service.getMethods())
                .filter(m -> m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers()))
                .sorted(Comparator.comparing(Method::toGenericString)).toList();
    }

    private static String signature(Method accessor, Method method) {
        return accessor.getName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String uuidOf(Object id) {
        try {
            return id.getClass().getMethod("value").invoke(id).toString();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Every row of every Clientele table as text, in a stable order. */
    private static String dump(DataSource database) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename <> 'clientele_schema_history' ORDER BY tablename")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                out.append(table).append('\n');
                try (ResultSet r = s.executeQuery("SELECT t::text FROM " + table + " t ORDER BY 1")) {
                    while (r.next()) {
                        out.append(r.getString(1)).append('\n');
                    }
                }
            }
            c.rollback();
        }
        return out.toString();
    }

    /** A mail sender that accepts every mail (no mail is meant to go out in this test). */
    private static List<SendResult> acceptAll(List<RenderedMail> batch) {
        List<SendResult> results = new ArrayList<>();
        batch.forEach(m -> results.add(new SendResult.Sent(m.id())));
        return results;
    }
}
