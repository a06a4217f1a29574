package io.clientele;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.lastAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.clientele.client.model.Address;
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
import io.clientele.client.service.AddressService;
import io.clientele.client.service.AuditService;
import io.clientele.client.service.ClientDetails;
import io.clientele.client.service.ClientProfileService;
import io.clientele.client.service.ErasureService;
import io.clientele.client.service.GroupService;
import io.clientele.client.service.LabelService;
import io.clientele.client.service.LockService;
import io.clientele.client.service.NoteService;
import io.clientele.client.service.PassService;
import io.clientele.client.service.PhotoService;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.MembershipId;
import io.clientele.common.NotFoundException;
import io.clientele.common.OrderId;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.service.ConsentService;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.service.CreditIssue;
import io.clientele.credit.service.CreditService;
import io.clientele.export.service.DataExportService;
import io.clientele.intake.service.IntakeFormService;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.service.ActivationService;
import io.clientele.invitation.service.CampaignProgressListener;
import io.clientele.invitation.service.CampaignService;
import io.clientele.invitation.service.InvitationService;
import io.clientele.mail.model.RenderedMail;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.service.MembershipService;
import io.clientele.membership.service.MembershipTypeService;
import io.clientele.order.model.Order;
import io.clientele.order.service.OrderLineInput;
import io.clientele.order.service.OrderService;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodId;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.payment.service.PaymentMethodService;
import io.clientele.profile.service.ProfileService;
import io.clientele.testing.Images;
import io.clientele.testing.TestClientele;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 point 2, "Staff belong to a tenant": the regression sweep. Another tenant is populated
 * with one object of every kind the use cases name; then every use case of every service the
 * facade exposes that takes {@code (Actor, TenantId, ...)} is called by staff of {@link
 * TestClientele#TENANT} naming that other tenant and the ids of its objects. Each call must answer
 * the {@link NotFoundException} an unknown id of the kind it names gets, change nothing, and log
 * one denial. A reflective check keeps the sweep complete: a new use case without a scenario here
 * fails the build.
 */
class StaffTenantBindingTest {

    private static final String DENIAL = "acts for another tenant";

    // what the log must never hold about the populated clients
    private static final String FIRST_NAME = "Ottilie";
    private static final String LAST_NAME = "Brambleworth";
    private static final String EMAIL = "ottilie.brambleworth@example.org";
    private static final String PHONE = "+33 6 98 76 54 32";
    private static final String LOCKED_FIRST_NAME = "Quentin";
    private static final String LOCKED_LAST_NAME = "Marchbanks";
    private static final String LOCKED_EMAIL = "quentin.marchbanks@example.org";
    private static final String PASS = "OTB-PASS-7";
    private static final String BOOKING = "BK-OTHER-1";

    /**
     * Use cases that take {@code (Actor, TenantId, ...)} but cannot meaningfully name another
     * tenant, with the reason; each is asserted on its own below.
     */
    private static final Map<String, String> EXCLUDED = Map.of(
            // refuses every call with a ValidationException before it reads anything (package
            // credits come only from orders), so it cannot tell one tenant from another
            signature(on(CreditService.class, "issuePackageCredits", ClientId.class, CreditIssue.class)),
            "always refused: package credits come from orders");

    private final TestClientele t = new TestClientele();
    private final Clientele c = t.clientele;
    private final Foreign other = populateOtherTenant();
    private final List<Scenario> scenarios = scenarios();

    @Test
    void staff_naming_another_tenant_get_the_not_found_of_an_unknown_id_change_nothing_and_are_logged() {
        Map<String, List<String>> before = t.storedState();
        SoftAssertions softly = new SoftAssertions();
        int calls = 0;
        int notFound = 0;
        int denials = 0;
        StringBuilder sweepLog = new StringBuilder();

        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            for (Scenario s : scenarios) {
                Throwable foreign = catchThrowable(() -> s.call().call(OWNER, OTHER_TENANT,
                        s.named().orElse(null)));
                String foreignLog = drain(log);
                sweepLog.append(foreignLog);
                calls++;
                int logged = denialLines(foreignLog);
                denials += logged;
                softly.assertThat(logged).as("%s: denial lines logged", s.name()).isEqualTo(1);
                softly.assertThat(foreign).as("%s: answer to staff of another tenant", s.name())
                        .isInstanceOf(NotFoundException.class);
                if (!(foreign instanceof NotFoundException found)) {
                    continue;
                }
                notFound++;
                softly.assertThat(found.resource()).as("%s: resource", s.name()).isEqualTo(s.resource());
                softly.assertThat(found.id()).as("%s: id", s.name())
                        .isEqualTo(s.named().map(UUID::toString).orElse(OTHER_TENANT.value()));
                if (s.named().isPresent()) {
                    // exactly as an unknown id does: someone of the other tenant who may make the
                    // call, naming an id of the same kind that does not exist there
                    UUID unknown = UUID.randomUUID();
                    Throwable own = catchThrowable(() -> s.call().call(s.unknownIdActor().apply(unknown), OTHER_TENANT,
                            unknown));
                    String ownLog = drain(log);
                    softly.assertThat(denialLines(ownLog)).as("%s: denial lines for an unknown id", s.name())
                            .isZero();
                    softly.assertThat(own).as("%s: answer to an unknown id", s.name())
                            .isInstanceOf(NotFoundException.class);
                    if (own instanceof NotFoundException unknownFound) {
                        softly.assertThat(unknownFound.resource()).as("%s: resource for an unknown id", s.name())
                                .isEqualTo(found.resource());
                        softly.assertThat(unknownFound.id()).as("%s: id for an unknown id", s.name())
                                .isEqualTo(unknown.toString());
                    }
                }
            }
        } finally {
            System.setErr(originalErr);
        }
        Map<String, List<String>> after = t.storedState();
        long changed = before.keySet().stream().filter(store -> !before.get(store).equals(after.get(store)))
                .count() + after.keySet().stream().filter(store -> !before.containsKey(store)).count();
        System.out.println("RESULT name=staff-tenant-binding calls=" + calls + " not_found=" + notFound
                + " denials_logged=" + denials + " changed=" + changed);

        softly.assertThat(after).as("everything stored, after the whole sweep").isEqualTo(before);
        softly.assertThat(sweepLog.toString()).as("the denial lines")
                .doesNotContain(FIRST_NAME, LAST_NAME, EMAIL, PHONE, LOCKED_FIRST_NAME, LOCKED_LAST_NAME,
                        LOCKED_EMAIL)
                .doesNotContainPattern("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\\.[A-Za-z]");
        softly.assertAll();
        assertThat(calls).as("calls in the sweep").isEqualTo(scenarios.size()).isGreaterThanOrEqualTo(80);
        assertThat(notFound).isEqualTo(calls);
        assertThat(denials).isEqualTo(calls);
        assertThat(changed).isZero();
    }

    @Test
    void the_same_calls_made_inside_the_other_tenant_find_everything_they_name() {
        // the control of the sweep: its not-found comes from the tenant binding, not from an id
        // that was never there or an argument the use case would refuse anyway
        SoftAssertions softly = new SoftAssertions();
        for (Scenario s : scenarios) {
            UUID named = s.named().orElse(null);
            Throwable answer = catchThrowable(() -> s.call().call(s.unknownIdActor().apply(named), OTHER_TENANT,
                    named));
            softly.assertThat(answer).as("%s: answer inside the other tenant", s.name()).isNull();
        }
        softly.assertAll();
    }

    @Test
    void every_use_case_taking_a_tenant_has_a_cross_tenant_scenario_or_a_stated_exclusion() {
        Set<String> useCases = useCasesTakingActorAndTenant();
        Set<String> covered = scenarios.stream().map(Scenario::name).map(n -> n.replaceFirst(" \\[.*]$", ""))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(useCases).as("use cases found on the facade's services").hasSizeGreaterThanOrEqualTo(80);
        assertThat(covered).as("covered and excluded at once").doesNotContainAnyElementsOf(EXCLUDED.keySet());
        Set<String> coveredOrExcluded = new TreeSet<>(covered);
        coveredOrExcluded.addAll(EXCLUDED.keySet());
        assertThat(coveredOrExcluded).as("use cases with a scenario or an exclusion").isEqualTo(useCases);
    }

    @Test
    void issuing_package_credits_is_refused_alike_whatever_tenant_is_named_and_reads_nothing() {
        Map<String, List<String>> before = t.storedState();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        Throwable foreign;
        Throwable own;
        try {
            foreign = catchThrowable(() -> c.credits().issuePackageCredits(OWNER, OTHER_TENANT, other.client.id(),
                CreditIssue.of(2, "ten classes")));
            own = catchThrowable(() -> c.credits().issuePackageCredits(OTHER_OWNER, OTHER_TENANT, other.client.id(),
                CreditIssue.of(2, "ten classes")));
        } finally {
            System.setErr(originalErr);
        }

        for (Throwable answer : List.of(foreign, own)) {
            assertThat(answer).isInstanceOf(ValidationException.class);
            assertThat(((ValidationException) answer).field()).isEqualTo("source");
            assertThat(((ValidationException) answer).rule()).isEqualTo("package_credits_come_from_orders");
        }
        assertThat(denialLines(log.toString(StandardCharsets.UTF_8))).as("nothing was read, so nothing denied")
                .isZero();
        assertThat(t.storedState()).isEqualTo(before);
    }

    @Test
    void the_other_tenants_own_staff_are_refused_a_self_service_decision_whether_the_client_exists_or_not() {
        Map<String, List<String>> before = t.storedState();

        for (UUID client : List.of(other.client.id().value(), UUID.randomUUID())) {
            assertThat(catchThrowable(() -> recordSelfService(OTHER_OWNER, OTHER_TENANT, client)))
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThat(t.storedState()).isEqualTo(before);
    }

    // ---- the other tenant's objects ----

    /** One object of every kind, all in {@link TestClientele#OTHER_TENANT}. */
    private record Foreign(Client client, Client locked, Address address, Note note, Label assignedLabel,
            Label freeLabel, ClientGroup group, MembershipType enabledType, MembershipType disabledType,
            Membership membership, Membership pausedMembership, Credit credit, Order order, PaymentMethod paymentMethod,
            MarketingPreference preference, Campaign campaign) {
    }

    private Foreign populateOtherTenant() {
        Client client = c.clients().create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named(FIRST_NAME, LAST_NAME)
                .withEmail(EMAIL).withPhone(PHONE));
        ClientId id = client.id();
        Address address = lastAddress(c.addresses().add(OTHER_OWNER, OTHER_TENANT, id,
                AddressInput.of("7 Chemin des Saules", "69002", "Lyon", "FR")));
        Note note = c.notes().add(OTHER_OWNER, OTHER_TENANT, id, "Prefers the morning classes");
        c.passes().link(OTHER_OWNER, OTHER_TENANT, id, PASS);
        c.photos().upload(OTHER_OWNER, OTHER_TENANT, id, t.clientVersion(id), new ByteArrayInputStream(Images.png()));
        Label assigned = c.labels().create(OTHER_OWNER, OTHER_TENANT, "Founding member");
        Label free = c.labels().create(OTHER_OWNER, OTHER_TENANT, "Early bird");
        c.labels().assign(OTHER_OWNER, OTHER_TENANT, id, assigned.id());
        ClientGroup group = c.groups().create(OTHER_OWNER, OTHER_TENANT, "Tuesday yoga");
        c.groups().addMember(OTHER_OWNER, OTHER_TENANT, id, group.id());

        LocalDate today = LocalDate.ofInstant(t.clock.instant(), ZoneOffset.UTC);
        MembershipType enabled = c.membershipTypes().createType(OTHER_OWNER, OTHER_TENANT, "Unlimited monthly",
                RecurringCreditRule.of(8, CreditPeriod.MONTHLY, Period.ofMonths(1)));
        MembershipType disabled = c.membershipTypes().createType(OTHER_OWNER, OTHER_TENANT, "Retired weekly",
                RecurringCreditRule.withoutExpiry(2, CreditPeriod.WEEKLY));
        c.membershipTypes().disableType(OTHER_OWNER, OTHER_TENANT, disabled.id());
        Membership membership = c.memberships().addMembership(OTHER_OWNER, OTHER_TENANT, id, enabled.id(), today);

        c.credits().issueMembershipCredits(OTHER_OWNER, OTHER_TENANT, id,
                CreditIssue.of(3, "welcome gift").forMembership(membership.id()));
        c.credits().redeem(OTHER_OWNER, OTHER_TENANT, id, BOOKING);
        Order order = c.orders().place(OTHER_OWNER, OTHER_TENANT, id, List.of(OrderLineInput.packagePurchase(
                "Ten classes", 10, Period.ofMonths(6), "EUR", new BigDecimal("120.00"))));
        PaymentMethod method = c.paymentMethods().add(OTHER_OWNER, OTHER_TENANT, id,
                PaymentMethodInput.card("Visa", "4242", YearMonth.of(2030, 1), "visa-ref-other"));
        MarketingPreference preference = c.consent().definePreference(OTHER_OWNER, OTHER_TENANT, "newsletter",
                "Newsletter", "Monthly news from the studio.", Channel.EMAIL);
        c.consent().optIn(OTHER_OWNER, OTHER_TENANT, id, preference.id());
        c.intakeForms().record(OTHER_OWNER, OTHER_TENANT, id, "Health questionnaire", 1,
                t.clock.instant().minus(Duration.ofDays(1)), Map.of("Any injuries?", "None"));
        c.invitations().invite(OTHER_OWNER, OTHER_TENANT, id);
        c.mailDispatcher().dispatchAll();
        assertThat(c.activation().activate(OTHER_TENANT, activationToken(), "a long enough password"))
                .isInstanceOf(ActivationResult.Activated.class);
        Campaign campaign = c.campaigns().create(OTHER_OWNER, OTHER_TENANT, new CampaignTarget.Group(
                group.id()));

        Client locked = c.clients().create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named(LOCKED_FIRST_NAME,
                LOCKED_LAST_NAME).withEmail(LOCKED_EMAIL));
        Membership paused = c.memberships().addMembership(OTHER_OWNER, OTHER_TENANT, locked.id(), enabled.id(), today);
        paused = c.memberships().pause(OTHER_OWNER, OTHER_TENANT, paused.id(), paused.version());
        locked = c.locks().lock(OTHER_OWNER, OTHER_TENANT, locked.id(), t.clientVersion(locked.id()));

        Credit unredeemed = c.credits().list(OTHER_OWNER, OTHER_TENANT, id, CreditState.REDEEMABLE, PageRequest.first())
                .items()
                .get(0);
        return new Foreign(c.clients().get(OTHER_OWNER, OTHER_TENANT, id), locked, address, note, assigned, free,
                group, enabled, disabled, membership, paused, unredeemed, order, method, preference, campaign);
    }

    private String activationToken() {
        Pattern link = Pattern.compile("activate\\?tenant=" + OTHER_TENANT.value() + "&token=([A-Za-z0-9_-]{43})");
        for (RenderedMail mail : t.memory.mailSender().mails()) {
            Matcher m = link.matcher(mail.textBody());
            if (mail.to().equals(EMAIL) && m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no activation link was mailed to " + EMAIL);
    }

    // ---- the scenarios: one or more per use case ----

    /** A use case called by {@code actor} in {@code tenant}, naming {@code named} (null when it names none). */
    @FunctionalInterface
    private interface Call {
        void call(Actor actor, TenantId tenant, UUID named) throws Exception;
    }

    /**
     * One call: the use case's signature (plus a variant in brackets), the kind of object it names
     * ({@code "tenant"} with no id when it names none), the id of the other tenant's object, and
     * who asks for an unknown id of that kind in the comparison (the other tenant's owner unless
     * only someone else may make the call at all).
     */
    private record Scenario(String name, String resource, Optional<UUID> named, Call call,
            Function<UUID, Actor> unknownIdActor) {
    }

    private List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        Foreign o = other;
        ClientId client = o.client.id();
        UUID clientId = client.value();
        LocalDate today = LocalDate.ofInstant(t.clock.instant(), ZoneOffset.UTC);
        Instant earlier = t.clock.instant().minus(Duration.ofHours(1));
        AddressInput newAddress = AddressInput.of("9 Quai Saint-Antoine", "69002", "Lyon", "FR");

        // clients()
        all.add(tenantWide(on(ClientProfileService.class, "create", ClientDetails.class),
                (a, tn, x) -> c.clients().create(a, tn, ClientDetails.named("Nina", "Newcomer"))));
        all.add(naming(on(ClientProfileService.class, "editDetails", ClientId.class, long.class, ClientDetails.class),
                "client", clientId, (a, tn, x) -> c.clients().editDetails(a, tn, new ClientId(x),
                        t.clientVersion(client), ClientDetails.named(FIRST_NAME, "Bramble").withEmail(EMAIL))));
        all.add(naming(on(ProfileService.class, "view", ClientId.class), "client", clientId,
                (a, tn, x) -> c.profiles().view(a, tn, new ClientId(x))));
        all.add(naming(on(ProfileService.class, "view", ClientId.class, int.class), "client", clientId,
                (a, tn, x) -> c.profiles().view(a, tn, new ClientId(x), 5)));
        all.add(naming(on(ClientProfileService.class, "get", ClientId.class), "client", clientId,
                (a, tn, x) -> c.clients().get(a, tn, new ClientId(x))));
        all.add(tenantWide(on(ClientProfileService.class, "list", ClientQuery.class, PageRequest.class),
                (a, tn, x) -> c.clients().list(a, tn, ClientQuery.all(), PageRequest.first())));
        all.add(tenantWide(on(ClientProfileService.class, "countByStatus", ClientQuery.class),
                (a, tn, x) -> c.clients().countByStatus(a, tn, ClientQuery.all())));

        // photos()
        all.add(naming(on(PhotoService.class, "upload", ClientId.class, long.class, java.io.InputStream.class), "client",
                clientId, (a, tn, x) -> c.photos().upload(a, tn, new ClientId(x), t.clientVersion(new ClientId(x)),
                        new ByteArrayInputStream(Images.png()))));
        all.add(naming(on(PhotoService.class, "remove", ClientId.class, long.class), "client", clientId,
                (a, tn, x) -> c.photos().remove(a, tn, new ClientId(x), t.clientVersion(new ClientId(x)))));
        all.add(naming(on(PhotoService.class, "load", ClientId.class), "client", clientId,
                (a, tn, x) -> c.photos().load(a, tn, new ClientId(x))));

        // passes()
        all.add(naming(on(PassService.class, "link", ClientId.class, String.class), "client", clientId,
                (a, tn, x) -> c.passes().link(a, tn, new ClientId(x), "OTB-PASS-8")));
        all.add(naming(on(PassService.class, "unlink", ClientId.class, String.class), "client", clientId,
                (a, tn, x) -> c.passes().unlink(a, tn, new ClientId(x), PASS)));

        // locks()
        all.add(naming(on(LockService.class, "lock", ClientId.class, long.class), "client", clientId,
                (a, tn, x) -> c.locks().lock(a, tn, new ClientId(x), t.clientVersion(client))));
        all.add(naming(on(LockService.class, "unlock", ClientId.class, long.class), "client", o.locked.id().value(),
                (a, tn, x) -> c.locks().unlock(a, tn, new ClientId(x), t.clientVersion(o.locked.id()))));

        // labels()
        all.add(tenantWide(on(LabelService.class, "create", String.class),
                (a, tn, x) -> c.labels().create(a, tn, "Night owl")));
        all.add(naming(on(LabelService.class, "rename", LabelId.class, long.class, String.class), "label",
                o.assignedLabel.id().value(), (a, tn, x) -> c.labels().rename(a, tn, new LabelId(x),
                        t.labelVersion(o.assignedLabel.id()), "Founder")));
        all.add(tenantWide(on(LabelService.class, "list", PageRequest.class),
                (a, tn, x) -> c.labels().list(a, tn, PageRequest.first())));
        all.add(naming(on(LabelService.class, "assign", ClientId.class, LabelId.class), "client", clientId,
                (a, tn, x) -> c.labels().assign(a, tn, new ClientId(x), o.freeLabel.id())));
        all.add(naming(on(LabelService.class, "unassign", ClientId.class, LabelId.class), "client", clientId,
                (a, tn, x) -> c.labels().unassign(a, tn, new ClientId(x), o.assignedLabel.id())));
        all.add(naming(on(LabelService.class, "delete", LabelId.class, long.class), "label",
                o.freeLabel.id().value(), (a, tn, x) -> c.labels().delete(a, tn, new LabelId(x),
                        t.labelVersion(o.freeLabel.id()))));

        // notes()
        all.add(naming(on(NoteService.class, "add", ClientId.class, String.class), "client", clientId,
                (a, tn, x) -> c.notes().add(a, tn, new ClientId(x), "Asked about the sauna")));
        all.add(naming(on(NoteService.class, "edit", NoteId.class, long.class, String.class), "note",
                o.note.id().value(), (a, tn, x) -> c.notes().edit(a, tn, new NoteId(x), t.noteVersion(o.note.id()),
                        "Prefers the evening classes")));
        all.add(naming(on(NoteService.class, "delete", NoteId.class, long.class), "note", o.note.id().value(),
                (a, tn, x) -> c.notes().delete(a, tn, new NoteId(x), t.noteVersion(o.note.id()))));
        all.add(naming(on(NoteService.class, "list", ClientId.class, PageRequest.class), "client", clientId,
                (a, tn, x) -> c.notes().list(a, tn, new ClientId(x), PageRequest.first())));

        // addresses()
        all.add(naming(on(AddressService.class, "add", ClientId.class, AddressInput.class), "client", clientId,
                (a, tn, x) -> c.addresses().add(a, tn, new ClientId(x), newAddress)));
        all.add(naming(on(AddressService.class, "edit", ClientId.class, AddressId.class, long.class,
                AddressInput.class), "client", clientId, (a, tn, x) -> c.addresses().edit(a, tn, new ClientId(x),
                        o.address.id(), t.clientVersion(client), newAddress)));
        all.add(naming(on(AddressService.class, "remove", ClientId.class, AddressId.class, long.class), "client",
                clientId, (a, tn, x) -> c.addresses().remove(a, tn, new ClientId(x), o.address.id(),
                        t.clientVersion(client))));

        // groups()
        all.add(tenantWide(on(GroupService.class, "create", String.class),
                (a, tn, x) -> c.groups().create(a, tn, "Thursday pilates")));
        all.add(naming(on(GroupService.class, "rename", GroupId.class, long.class, String.class), "group",
                o.group.id().value(), (a, tn, x) -> c.groups().rename(a, tn, new GroupId(x),
                        t.groupVersion(o.group.id()), "Tuesday hatha")));
        all.add(tenantWide(on(GroupService.class, "list", PageRequest.class),
                (a, tn, x) -> c.groups().list(a, tn, PageRequest.first())));
        all.add(naming(on(GroupService.class, "members", GroupId.class, PageRequest.class), "group",
                o.group.id().value(), (a, tn, x) -> c.groups().members(a, tn, new GroupId(x), PageRequest.first())));
        all.add(naming(on(GroupService.class, "addMember", ClientId.class, GroupId.class), "client",
                o.locked.id().value(), (a, tn, x) -> c.groups().addMember(a, tn, new ClientId(x), o.group.id())));
        all.add(naming(on(GroupService.class, "removeMember", ClientId.class, GroupId.class), "client", clientId,
                (a, tn, x) -> c.groups().removeMember(a, tn, new ClientId(x), o.group.id())));

        // audit()
        all.add(naming(on(AuditService.class, "list", ClientId.class, PageRequest.class), "client", clientId,
                (a, tn, x) -> c.audit().list(a, tn, new ClientId(x), PageRequest.first())));

        // invitations()
        all.add(naming(on(InvitationService.class, "invite", ClientId.class), "client", clientId,
                (a, tn, x) -> c.invitations().invite(a, tn, new ClientId(x))));
        all.add(naming(on(InvitationService.class, "invite", ClientId.class, InvitationMessage.class), "client",
                clientId, (a, tn, x) -> c.invitations().invite(a, tn, new ClientId(x), new InvitationMessage(
                        "Join us online", "Book your classes from your phone."))));
        all.add(tenantWide(on(InvitationService.class, "createAndInvite", ClientDetails.class, Optional.class),
                (a, tn, x) -> c.invitations().createAndInvite(a, tn, ClientDetails.named("Nina", "Newcomer")
                        .withEmail("nina.newcomer@example.org"), Optional.empty())));
        all.add(tenantWide(on(InvitationService.class, "defaultMessage", String.class),
                (a, tn, x) -> c.invitations().defaultMessage(a, tn, "en")));
        all.add(naming(on(InvitationService.class, "preview", ClientId.class), "client", clientId,
                (a, tn, x) -> c.invitations().preview(a, tn, new ClientId(x))));
        all.add(naming(on(InvitationService.class, "preview", ClientId.class, InvitationMessage.class), "client",
                clientId, (a, tn, x) -> c.invitations().preview(a, tn, new ClientId(x), new InvitationMessage(
                        "Join us online", "Book your classes from your phone."))));
        all.add(tenantWide(on(InvitationService.class, "previewSamples"),
                (a, tn, x) -> c.invitations().previewSamples(a, tn)));
        all.add(tenantWide(on(InvitationService.class, "previewSamples", InvitationMessage.class),
                (a, tn, x) -> c.invitations().previewSamples(a, tn, new InvitationMessage("Join us online", ""))));

        // campaigns(): every kind of target
        for (String method : List.of("preview", "create", "createWithMessage")) {
            Method m = switch (method) {
                case "preview" -> on(CampaignService.class, "preview", CampaignTarget.class);
                case "create" -> on(CampaignService.class, "create", CampaignTarget.class);
                default -> on(CampaignService.class, "create", CampaignTarget.class, InvitationMessage.class);
            };
            all.add(variant(naming(m, "group", o.group.id().value(),
                    (a, tn, x) -> campaign(method, a, tn, new CampaignTarget.Group(new GroupId(x)))), "group target"));
            all.add(variant(naming(m, "label", o.assignedLabel.id().value(),
                    (a, tn, x) -> campaign(method, a, tn, new CampaignTarget.WithLabel(new LabelId(x)))),
                    "label target"));
            all.add(variant(naming(m, "client", clientId, (a, tn, x) -> campaign(method, a, tn,
                    new CampaignTarget.Clients(Set.of(new ClientId(x))))), "clients target"));
            all.add(variant(tenantWide(m, (a, tn, x) -> campaign(method, a, tn, new CampaignTarget.AllClients())),
                    "all clients"));
            all.add(variant(tenantWide(m, (a, tn, x) -> campaign(method, a, tn,
                    new CampaignTarget.WithStatus(CampaignTarget.TargetStatus.INVITED))), "status target"));
        }
        all.add(naming(on(CampaignService.class, "run", CampaignId.class, CampaignProgressListener.class),
                "campaign", o.campaign.id().value(),
                (a, tn, x) -> c.campaigns().run(a, tn, new CampaignId(x), CampaignProgressListener.NONE)));
        all.add(naming(on(CampaignService.class, "get", CampaignId.class), "campaign", o.campaign.id().value(),
                (a, tn, x) -> c.campaigns().get(a, tn, new CampaignId(x))));

        // activation()
        all.add(naming(on(ActivationService.class, "requestPasswordReset", ClientId.class), "client", clientId,
                (a, tn, x) -> c.activation().requestPasswordReset(a, tn, new ClientId(x))));

        // consent()
        all.add(tenantWide(on(ConsentService.class, "definePreference", String.class, String.class, String.class,
                Channel.class), (a, tn, x) -> c.consent().definePreference(a, tn, "offers", "Offers",
                        "Seasonal offers.", Channel.SMS)));
        all.add(naming(on(ConsentService.class, "changeWording", PreferenceId.class, long.class, String.class),
                "preference", o.preference.id().value(), (a, tn, x) -> c.consent().changeWording(a, tn,
                        new PreferenceId(x),
                        t.preferenceVersion(o.preference.id()), "Monthly news and offers from the studio.")));
        all.add(tenantWide(on(ConsentService.class, "preferences"), (a, tn, x) -> c.consent().preferences(a, tn)));
        all.add(naming(on(ConsentService.class, "optIn", ClientId.class, PreferenceId.class), "client", clientId,
                (a, tn, x) -> c.consent().optIn(a, tn, new ClientId(x), o.preference.id())));
        all.add(naming(on(ConsentService.class, "optOut", ClientId.class, PreferenceId.class), "client", clientId,
                (a, tn, x) -> c.consent().optOut(a, tn, new ClientId(x), o.preference.id())));
        // only the client themself records a self-service decision: the other tenant's own staff
        // are refused it whatever the id (see the test below), so the unknown id is asked for by
        // the client the id would be
        all.add(selfServiceOnly(naming(on(ConsentService.class, "recordSelfService", ClientId.class, PreferenceId.class,
                ConsentDecision.class, ConsentOrigin.class), "client", clientId,
                (a, tn, x) -> recordSelfService(a, tn, x))));
        all.add(naming(on(ConsentService.class, "importDecision", ClientId.class, PreferenceId.class,
                ConsentDecision.class,
                Instant.class), "client", clientId, (a, tn, x) -> c.consent().importDecision(a, tn, new ClientId(x),
                        o.preference.id(), ConsentDecision.OPT_OUT, t.clock.instant())));
        all.add(naming(on(ConsentService.class, "currentState", ClientId.class), "client", clientId,
                (a, tn, x) -> c.consent().currentState(a, tn, new ClientId(x))));
        all.add(naming(on(ConsentService.class, "history", ClientId.class, PageRequest.class), "client", clientId,
                (a, tn, x) -> c.consent().history(a, tn, new ClientId(x), PageRequest.first()).items()));
        all.add(naming(on(ConsentService.class, "audience", PreferenceId.class, PageRequest.class), "preference",
                o.preference.id().value(), (a, tn, x) -> c.consent().audience(a, tn, new PreferenceId(x),
                        PageRequest.first())));

        // credits()
        all.add(variant(naming(on(CreditService.class, "issueMembershipCredits", ClientId.class, CreditIssue.class),
                "client", clientId, (a, tn, x) -> c.credits().issueMembershipCredits(a, tn, new ClientId(x),
                        CreditIssue.of(2, "make-up classes").forMembership(o.membership.id()))), "with membership"));
        all.add(variant(naming(on(CreditService.class, "issueMembershipCredits", ClientId.class, CreditIssue.class),
                "client", clientId, (a, tn, x) -> c.credits().issueMembershipCredits(a, tn, new ClientId(x),
                        CreditIssue.of(2, "make-up classes").expiringAt(t.clock.instant().plus(Duration.ofDays(30))))),
                "without membership"));
        all.add(naming(on(CreditService.class, "revoke", CreditId.class, String.class), "credit",
                o.credit.id().value(), (a, tn, x) -> c.credits().revoke(a, tn, new CreditId(x), "issued by mistake")));
        all.add(naming(on(CreditService.class, "redeem", ClientId.class, String.class), "client", clientId,
                (a, tn, x) -> c.credits().redeem(a, tn, new ClientId(x), "BK-OTHER-2")));
        all.add(tenantWide(on(CreditService.class, "cancelBooking", String.class, String.class),
                (a, tn, x) -> c.credits().cancelBooking(a, tn, BOOKING, "class cancelled")));
        all.add(naming(on(CreditService.class, "list", ClientId.class, PageRequest.class), "client", clientId,
                (a, tn, x) -> c.credits().list(a, tn, new ClientId(x), PageRequest.first()).items()));
        all.add(naming(on(CreditService.class, "list", ClientId.class, CreditState.class, PageRequest.class),
                "client", clientId, (a, tn, x) -> c.credits().list(a, tn, new ClientId(x), CreditState.REDEEMABLE,
                        PageRequest.first()).items()));
        all.add(naming(on(CreditService.class, "balances", ClientId.class), "client", clientId,
                (a, tn, x) -> c.credits().balances(a, tn, new ClientId(x))));
        all.add(naming(on(CreditService.class, "ledger", ClientId.class), "client", clientId,
                (a, tn, x) -> c.credits().ledger(a, tn, new ClientId(x))));

        // orders()
        all.add(naming(on(OrderService.class, "place", ClientId.class, List.class), "client", clientId,
                (a, tn, x) -> c.orders().place(a, tn, new ClientId(x), List.of(OrderLineInput.bookingReference(
                        "BK-OTHER-3", "Massage, 12 March 18:00", "EUR", new BigDecimal("65.00"))))));
        all.add(naming(on(OrderService.class, "cancel", OrderId.class, String.class), "order", o.order.id().value(),
                (a, tn, x) -> c.orders().cancel(a, tn, new OrderId(x), "client changed their mind")));
        all.add(naming(on(OrderService.class, "get", OrderId.class), "order", o.order.id().value(),
                (a, tn, x) -> c.orders().get(a, tn, new OrderId(x))));
        all.add(naming(on(OrderService.class, "listForClient", ClientId.class, PageRequest.class), "client",
                clientId, (a, tn, x) -> c.orders().listForClient(a, tn, new ClientId(x), PageRequest.first())));
        all.add(naming(on(OrderService.class, "count", ClientId.class), "client", clientId,
                (a, tn, x) -> c.orders().count(a, tn, new ClientId(x))));

        // intakeForms()
        all.add(naming(on(IntakeFormService.class, "record", ClientId.class, String.class, int.class, Instant.class,
                Map.class), "client", clientId, (a, tn, x) -> c.intakeForms().record(a, tn, new ClientId(x),
                        "Health questionnaire", 2, earlier, Map.of("Any injuries?", "A sprained ankle"))));
        all.add(naming(on(IntakeFormService.class, "list", ClientId.class, PageRequest.class), "client", clientId,
                (a, tn, x) -> c.intakeForms().list(a, tn, new ClientId(x), PageRequest.first()).items()));

        // memberships()
        all.add(tenantWide(on(MembershipTypeService.class, "createType", String.class, RecurringCreditRule.class),
                (a, tn, x) -> c.membershipTypes().createType(a, tn, "Ten a month",
                        RecurringCreditRule.of(10, CreditPeriod.MONTHLY, Period.ofMonths(2)))));
        all.add(naming(on(MembershipTypeService.class, "renameType", MembershipTypeId.class, long.class, String.class),
                "membership type", o.enabledType.id().value(), (a, tn, x) -> c.membershipTypes().renameType(a, tn,
                        new MembershipTypeId(x),
                        t.membershipTypeVersion(o.enabledType.id()), "Unlimited")));
        all.add(naming(on(MembershipTypeService.class, "enableType", MembershipTypeId.class), "membership type",
                o.disabledType.id().value(),
                (a, tn, x) -> c.membershipTypes().enableType(a, tn, new MembershipTypeId(x))));
        all.add(tenantWide(on(MembershipTypeService.class, "listTypes"),
                (a, tn, x) -> c.membershipTypes().listTypes(a, tn)));
        all.add(naming(on(MembershipService.class, "addMembership", ClientId.class, MembershipTypeId.class,
                LocalDate.class),
                "client", clientId, (a, tn, x) -> c.memberships().addMembership(a, tn, new ClientId(x),
                        o.enabledType.id(), today)));
        all.add(naming(on(MembershipService.class, "addMembership", ClientId.class, MembershipTypeId.class,
                LocalDate.class, LocalDate.class), "client", clientId, (a, tn, x) -> c.memberships().addMembership(a,
                        tn, new ClientId(x), o.enabledType.id(), today, today.plusMonths(6))));
        all.add(naming(on(MembershipTypeService.class, "disableType", MembershipTypeId.class), "membership type",
                o.enabledType.id().value(),
                (a, tn, x) -> c.membershipTypes().disableType(a, tn, new MembershipTypeId(x))));
        all.add(naming(on(MembershipService.class, "pause", MembershipId.class, long.class), "membership",
                o.membership.id().value(), (a, tn, x) -> c.memberships().pause(a, tn, new MembershipId(x),
                        t.membershipVersion(o.membership.id()))));
        all.add(naming(on(MembershipService.class, "resume", MembershipId.class, long.class), "membership",
                o.pausedMembership.id().value(), (a, tn, x) -> c.memberships().resume(a, tn, new MembershipId(x),
                        t.membershipVersion(o.pausedMembership.id()))));
        all.add(naming(on(MembershipService.class, "cancel", MembershipId.class, long.class), "membership",
                o.membership.id().value(), (a, tn, x) -> c.memberships().cancel(a, tn, new MembershipId(x),
                        t.membershipVersion(o.membership.id()))));
        all.add(naming(on(MembershipService.class, "listForClient", ClientId.class, PageRequest.class), "client",
                clientId, (a, tn, x) -> c.memberships().listForClient(a, tn, new ClientId(x), PageRequest.first())));

        // dataExport()
        all.add(naming(on(DataExportService.class, "export", ClientId.class), "client", clientId,
                (a, tn, x) -> c.dataExport().export(a, tn, new ClientId(x))));

        // paymentMethods()
        all.add(naming(on(PaymentMethodService.class, "add", ClientId.class, PaymentMethodInput.class), "client",
                clientId, (a, tn, x) -> c.paymentMethods().add(a, tn, new ClientId(x), PaymentMethodInput.card(
                        "Mastercard", "5454", YearMonth.of(2031, 6), "mc-ref-other"))));
        all.add(naming(on(PaymentMethodService.class, "list", ClientId.class, PageRequest.class), "client", clientId,
                (a, tn, x) -> c.paymentMethods().list(a, tn, new ClientId(x), PageRequest.first()).items()));
        all.add(naming(on(PaymentMethodService.class, "cancel", PaymentMethodId.class, long.class), "payment method",
                o.paymentMethod.id().value(), (a, tn, x) -> c.paymentMethods().cancel(a, tn, new PaymentMethodId(x),
                        t.paymentMethodVersion(o.paymentMethod.id()))));

        // the deletions last (the campaign scenarios name the group): were one to go through, a
        // scenario after it would name something gone
        all.add(naming(on(GroupService.class, "delete", GroupId.class, long.class), "group", o.group.id().value(),
                (a, tn, x) -> c.groups().delete(a, tn, new GroupId(x), t.groupVersion(o.group.id()))));

        // erasure(), last of all
        all.add(naming(on(ErasureService.class, "erase", ClientId.class), "client", clientId,
                (a, tn, x) -> c.erasure().erase(a, tn, new ClientId(x))));
        return all;
    }

    private void recordSelfService(Actor actor, TenantId tenant, UUID client) {
        c.consent().recordSelfService(actor, tenant, new ClientId(client), other.preference.id(),
                ConsentDecision.OPT_OUT,
                        ConsentOrigin.none().withIpAddress("203.0.113.7").withUserAgent("Mozilla/5.0"));
    }

    private void campaign(String method, Actor actor, TenantId tenant, CampaignTarget target) {
        switch (method) {
            case "preview" -> c.campaigns().preview(actor, tenant, target);
            case "create" -> c.campaigns().create(actor, tenant, target);
            default -> c.campaigns().create(actor, tenant, target, new InvitationMessage("Our new app",
                    "Book your classes from your phone."));
        }
    }

    private static Scenario naming(Method method, String resource, UUID existing, Call call) {
        return new Scenario(signature(method), resource, Optional.of(existing), call, unknown -> OTHER_OWNER);
    }

    private static Scenario tenantWide(Method method, Call call) {
        return new Scenario(signature(method), "tenant", Optional.empty(), call, unknown -> OTHER_OWNER);
    }

    private static Scenario selfServiceOnly(Scenario scenario) {
        return new Scenario(scenario.name(), scenario.resource(), scenario.named(), scenario.call(),
                unknown -> new Actor.ClientSelf(new ClientId(unknown)));
    }

    private static Scenario variant(Scenario scenario, String which) {
        return new Scenario(scenario.name() + " [" + which + "]", scenario.resource(), scenario.named(),
                scenario.call(), scenario.unknownIdActor());
    }

    // ---- reflection ----

    /** The public method {@code name(Actor, TenantId, rest...)} of {@code service}; fails when there is none. */
    private static Method on(Class<?> service, String name, Class<?>... rest) {
        Class<?>[] parameters = Stream.concat(Stream.of(Actor.class, TenantId.class), Arrays.stream(rest))
                .toArray(Class<?>[]::new);
        try {
            return service.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new AssertionError("no use case " + service.getSimpleName() + "." + name
                    + Arrays.toString(parameters), e);
        }
    }

    private static String signature(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName() + Arrays.stream(m.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Every public method taking {@code (Actor, TenantId, ...)} of every service the facade exposes. */
    private static Set<String> useCasesTakingActorAndTenant() {
        Set<Class<?>> services = Arrays.stream(Clientele.class.getMethods())
                .filter(m -> m.getDeclaringClass() == Clientele.class && !Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == 0)
                .map(Method::getReturnType).collect(Collectors.toSet());
        assertThat(services).as("the facade's services").contains(ClientProfileService.class, PhotoService.class,
                PassService.class, LockService.class, ErasureService.class, LabelService.class, NoteService.class,
                AddressService.class, GroupService.class, AuditService.class, InvitationService.class,
                CampaignService.class, ActivationService.class, ConsentService.class, CreditService.class,
                OrderService.class, IntakeFormService.class, MembershipService.class, DataExportService.class,
                PaymentMethodService.class);
        return services.stream().flatMap(s -> Arrays.stream(s.getMethods()))
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge())
                .filter(m -> m.getParameterCount() >= 2 && m.getParameterTypes()[0] == Actor.class
                        && m.getParameterTypes()[1] == TenantId.class)
                .map(StaffTenantBindingTest::signature).collect(Collectors.toCollection(TreeSet::new));
    }

    // ---- the log ----

    private static String drain(ByteArrayOutputStream log) {
        String text = log.toString(StandardCharsets.UTF_8);
        log.reset();
        return text;
    }

    private static int denialLines(String log) {
        return (int) log.lines().filter(line -> line.contains("access denied:") && line.contains(DENIAL)).count();
    }
}
