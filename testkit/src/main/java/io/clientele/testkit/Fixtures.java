package io.clientele.testkit;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.GroupId;
import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.client.model.Note;
import io.clientele.client.model.NoteId;
import io.clientele.client.model.NoteText;
import io.clientele.client.model.PassNumber;
import io.clientele.client.model.PersonName;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.model.PhoneNumber;
import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.DisplayName;
import io.clientele.common.Ids;
import io.clientele.common.MembershipId;
import io.clientele.common.OrderId;
import io.clientele.common.TenantId;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.ConsentSource;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.order.model.Money;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderLine;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodId;
import io.clientele.payment.model.PaymentMethodInput;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Fixture builders for the domain objects the contract suites store: valid objects with sensible
 * defaults, stamped with the time of a {@link MutableClock} and UUIDv7 ids of an {@link Ids} on
 * that clock, so that ids sort in creation order, in Java as in SQL, as Clientele's own ids do.
 * Objects with many knobs have a builder ({@link #aClient}, {@link #aCredit}, {@link #aToken},
 * {@link #anInvitationMail}); the others a factory method. Move the clock between two objects to
 * give them distinct times.
 *
 * <p>Each test makes its own tenants with {@link #newTenant()}, so a contract suite also runs
 * against a store that other tests have written to. Thread-safe: the clock and the id generator
 * are, and the builders are used on one thread.
 */
public final class Fixtures {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ACTOR = "staff:testkit";

    private final MutableClock clock;
    private final Ids ids;

    /** Fixtures on {@code clock}, whose ids come from an {@link Ids} on the same clock. */
    public Fixtures(MutableClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = new Ids(clock);
    }

    /** Fixtures on a new {@link MutableClock#standard()} clock. */
    public static Fixtures standard() {
        return new Fixtures(MutableClock.standard());
    }

    /** The clock every fixture is stamped with. */
    public MutableClock clock() {
        return clock;
    }

    /** The clock's instant. */
    public Instant now() {
        return clock.instant();
    }

    /** Moves the clock forward by {@code by} and answers the new instant. */
    public Instant advance(Duration by) {
        clock.advance(by);
        return clock.instant();
    }

    /** A new UUIDv7, greater than every id these fixtures made before. */
    public UUID nextId() {
        return ids.next();
    }

    /** A tenant id no other test uses ({@code t-} and 16 random hex digits). */
    public TenantId newTenant() {
        return TenantId.of("t-" + randomHex(8));
    }

    /** A new client id (no client is stored under it until a test stores one). */
    public ClientId newClientId() {
        return new ClientId(ids.next());
    }

    /**
     * A random payment provider reference, {@code pm_} and 16 lower-case letters: unique in
     * practice, and never holding a run of digits (random hex can hold 13 or more digits in a row,
     * which payment methods refuse as a possible card number).
     */
    public static String providerReference() {
        StringBuilder ref = new StringBuilder("pm_");
        for (int i = 0; i < 16; i++) {
            ref.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return ref.toString();
    }

    /** A random lower-case hex string of {@code bytes} bytes, for hashes. */
    public static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }

    // ---------------------------------------------------------------- client context

    /** A client of {@code tenant}: "Ana Client", no email, status {@code ADDED}, until the builder says otherwise. */
    public ClientBuilder aClient(TenantId tenant) {
        return new ClientBuilder(Objects.requireNonNull(tenant, "tenant"));
    }

    /** A label of {@code tenant} named {@code name}, version 0. */
    public Label label(TenantId tenant, String name) {
        return new Label(new LabelId(ids.next()), tenant, new DisplayName(name), 0);
    }

    /** A client group of {@code tenant} named {@code name}, created now, version 0. */
    public ClientGroup group(TenantId tenant, String name) {
        return new ClientGroup(new GroupId(ids.next()), tenant, new DisplayName(name), clock.instant(), 0);
    }

    /** A note on {@code client} by {@value #ACTOR}, written now, never edited, version 0. */
    public Note note(TenantId tenant, ClientId client, String text) {
        return new Note(new NoteId(ids.next()), tenant, client, new NoteText(text), ACTOR, clock.instant(),
                Optional.empty(), Optional.empty(), 0);
    }

    /**
     * An audit entry on {@code client} recorded now by {@value #ACTOR}: a details change with one
     * personal value ({@code email}, before and after, already masked) and one plain value
     * ({@code status}).
     */
    public AuditEntry auditEntry(TenantId tenant, ClientId client) {
        return new AuditEntry(ids.next(), tenant, client, ACTOR, AuditAction.DETAILS_CHANGED, clock.instant(),
                List.of(new FieldChange("email", Optional.of("a***@example.com"), Optional.of("b***@example.com"),
                                true),
                        new FieldChange("status", Optional.of("ADDED"), Optional.of("INVITED"))));
    }

    // ---------------------------------------------------------------- invitation and mail contexts

    /** A pending invitation mail to {@code client}, created and due now, outside any campaign. */
    public MailBuilder anInvitationMail(TenantId tenant, ClientId client) {
        return new MailBuilder(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(client, "client"));
    }

    /** A password-reset request for {@code recipient} not yet matched to a client, created and due now. */
    public OutboxMessage resetRequest(TenantId tenant, String recipient) {
        return OutboxMessage.resetRequest(ids.next(), tenant, recipient, "en", clock.instant());
    }

    /** An activation token of {@code client} issued now, valid 14 days, with a random hash. */
    public TokenBuilder aToken(TenantId tenant, ClientId client) {
        return new TokenBuilder(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(client, "client"));
    }

    /** A campaign of {@code tenant} over every client, with the tenant's template text, created now. */
    public Campaign campaignForAll(TenantId tenant) {
        return Campaign.create(new CampaignId(ids.next()), tenant, new CampaignTarget.AllClients(), ACTOR,
                clock.instant());
    }

    /** A campaign of {@code tenant} over every client, with a custom subject and message, created now. */
    public Campaign campaignForAllWithMessage(TenantId tenant) {
        return Campaign.create(new CampaignId(ids.next()), tenant, new CampaignTarget.AllClients(),
                new InvitationMessage("Spring at the studio", "A message for everyone."), ACTOR, clock.instant());
    }

    /** A campaign of {@code tenant} over the chosen {@code clients}, with a custom subject and message, created now. */
    public Campaign campaignFor(TenantId tenant, Set<ClientId> clients) {
        return Campaign.create(new CampaignId(ids.next()), tenant, new CampaignTarget.Clients(clients),
                new InvitationMessage("Join us, Ana", "A message written for these clients."), ACTOR, clock.instant());
    }

    // ---------------------------------------------------------------- consent context

    /** A marketing preference of {@code tenant} with this key, wording version 1, by email. */
    public MarketingPreference preference(TenantId tenant, String key) {
        return new MarketingPreference(new PreferenceId(ids.next()), tenant, key, "Preference " + key,
                "May we write to you about " + key + "?", 1, Channel.EMAIL);
    }

    /**
     * The client's decision for the preference, recorded now by the client in self-service, with
     * an IP address and a user agent as proof.
     */
    public ConsentRecord consent(ClientId client, MarketingPreference preference, ConsentDecision decision) {
        return new ConsentRecord(ids.next(), preference.tenantId(), client, preference.id(), decision,
                clock.instant(), "client:" + client, ConsentSource.CLIENT_SELF_SERVICE, preference.version(),
                preference.wordingHash(), Optional.of("203.0.113.7"), Optional.of("Mozilla/5.0 (testkit)"));
    }

    // ---------------------------------------------------------------- credit context

    /** A redeemable membership credit of {@code client}, issued now, without expiry, until the builder says otherwise. */
    public CreditBuilder aCredit(TenantId tenant, ClientId client) {
        return new CreditBuilder(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(client, "client"));
    }

    /** The ledger line of the credit's issue, recorded now with {@code reason}. */
    public CreditChange issueLine(Credit credit, String reason) {
        return new CreditChange(ids.next(), credit.tenantId(), credit.clientId(), credit.id(), Optional.empty(),
                CreditState.REDEEMABLE, clock.instant(), ACTOR, reason);
    }

    // ---------------------------------------------------------------- membership context

    /** An enabled membership type of {@code tenant}: 4 credits every month, valid 1 month, version 0. */
    public MembershipType membershipType(TenantId tenant, String name) {
        return MembershipType.create(new MembershipTypeId(ids.next()), tenant, new DisplayName(name),
                RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1)));
    }

    /** An active membership of {@code client} of {@code type} from {@code startDate}, without end, version 0. */
    public Membership membership(ClientId client, MembershipType type, LocalDate startDate) {
        return Membership.start(new MembershipId(ids.next()), type.tenantId(), client, type, startDate, ACTOR,
                clock.instant());
    }

    /**
     * An active membership of {@code client} of {@code type} from {@code startDate} until {@code
     * endDate} (inclusive), version 0.
     */
    public Membership membership(ClientId client, MembershipType type, LocalDate startDate, LocalDate endDate) {
        return Membership.start(new MembershipId(ids.next()), type.tenantId(), client, type, startDate, endDate,
                ACTOR, clock.instant());
    }

    // ---------------------------------------------------------------- order, intake and payment contexts

    /**
     * A placed order of {@code leadBooker}, created now: a package of 5 credits valid 3 months
     * (EUR 50.00) and a booking reference {@code bk-<random>} described "Yoga, Monday 18:00"
     * (EUR 12.50). Version 0.
     */
    public Order order(TenantId tenant, ClientId leadBooker) {
        List<OrderLine> lines = List.of(
                new OrderLine.PackagePurchase("5 classes", 5, Optional.of(Period.ofMonths(3)),
                        Money.of("EUR", new BigDecimal("50.00"))),
                new OrderLine.BookingReference("bk-" + randomHex(6), "Yoga, Monday 18:00",
                        Money.of("EUR", new BigDecimal("12.50"))));
        return Order.place(new OrderId(ids.next()), tenant, leadBooker, lines, ACTOR, clock.instant());
    }

    /** A health questionnaire (version 1) the client submitted now, with two answers. */
    public IntakeSubmission intakeForm(TenantId tenant, ClientId client) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("Any injuries?", "Left knee, 2024");
        answers.put("Pregnant?", "No");
        return new IntakeSubmission(ids.next(), tenant, client, "Health questionnaire", 1, clock.instant(), answers);
    }

    /** An active Visa card of {@code client} ending 4242, expiring 12/2030, with the provider's {@code providerRef}, added now. */
    public PaymentMethod paymentMethod(TenantId tenant, ClientId client, String providerRef) {
        return PaymentMethod.add(new PaymentMethodId(ids.next()), tenant, client,
                PaymentMethodInput.card("Visa", "4242", YearMonth.of(2030, 12), providerRef), clock.instant());
    }

    // ---------------------------------------------------------------- builders

    /** Builds a {@link Client}; see {@link Fixtures#aClient}. Not thread-safe. */
    public final class ClientBuilder {

        private final TenantId tenant;
        private PersonName name = new PersonName("Ana", "Client");
        private Optional<EmailAddress> email = Optional.empty();
        private Optional<PhoneNumber> phone = Optional.empty();
        private final List<UnaryOperator<Client>> changes = new ArrayList<>();

        private ClientBuilder(TenantId tenant) {
            this.tenant = tenant;
        }

        /** The client's first and last name. */
        public ClientBuilder named(String firstName, String lastName) {
            this.name = new PersonName(firstName, lastName);
            return this;
        }

        /** The client's email address (normalized as {@link EmailAddress} does). */
        public ClientBuilder withEmail(String address) {
            this.email = Optional.of(EmailAddress.of(address));
            return this;
        }

        /** The client's phone number, in E.164 form. */
        public ClientBuilder withPhone(String e164) {
            this.phone = Optional.of(new PhoneNumber(e164));
            return this;
        }

        /** A pass linked to the client. */
        public ClientBuilder withPass(String passNumber) {
            PassNumber pass = PassNumber.of(passNumber);
            changes.add(c -> c.withPass(pass, true, clock.instant()));
            return this;
        }

        /** A label assigned to the client. */
        public ClientBuilder withLabel(LabelId label) {
            changes.add(c -> c.withLabel(label, true, clock.instant()));
            return this;
        }

        /** The client a member of the group. */
        public ClientBuilder inGroup(GroupId group) {
            changes.add(c -> c.withGroup(group, true, clock.instant()));
            return this;
        }

        /** Status {@code INVITED}. */
        public ClientBuilder invited() {
            changes.add(c -> c.markInvited(clock.instant()));
            return this;
        }

        /** Status {@code ACCEPTED}. */
        public ClientBuilder accepted() {
            changes.add(c -> c.accept(clock.instant()));
            return this;
        }

        /** The client's email address flagged as rejected by the mail provider. */
        public ClientBuilder bounced() {
            changes.add(c -> c.withEmailRejected(clock.instant()));
            return this;
        }

        /** The client locked. */
        public ClientBuilder locked() {
            changes.add(c -> c.withLocked(true, clock.instant()));
            return this;
        }

        /** The client erased (anonymized); apply last, an erased client is read-only. */
        public ClientBuilder erased() {
            changes.add(c -> c.erase(clock.instant()));
            return this;
        }

        /** The client, created now at version 0, with every change asked for applied in order. */
        public Client build() {
            PersonalDetails details = new PersonalDetails(name, email, phone, Optional.empty(), Optional.empty());
            Client client = Client.create(new ClientId(ids.next()), tenant, details, clock.instant());
            for (UnaryOperator<Client> change : changes) {
                client = change.apply(client);
            }
            return client;
        }
    }

    /** Builds an invitation {@link OutboxMessage}; see {@link Fixtures#anInvitationMail}. Not thread-safe. */
    public final class MailBuilder {

        private final TenantId tenant;
        private final ClientId client;
        private MailKind kind = MailKind.INVITATION;
        private Optional<CampaignId> campaign = Optional.empty();
        private String recipient = "ana@example.com";

        private MailBuilder(TenantId tenant, ClientId client) {
            this.tenant = tenant;
            this.client = client;
        }

        /** Part of the campaign with this id. */
        public MailBuilder inCampaign(CampaignId campaignId) {
            this.campaign = Optional.of(Objects.requireNonNull(campaignId, "campaignId"));
            return this;
        }

        /** A password-reset mail resolved to the client instead of an invitation. */
        public MailBuilder passwordReset() {
            this.kind = MailKind.PASSWORD_RESET;
            return this;
        }

        /** Sent to {@code address} (default {@code ana@example.com}). */
        public MailBuilder to(String address) {
            this.recipient = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The pending message, created and due now, with a subject and message. */
        public OutboxMessage build() {
            return OutboxMessage.pending(ids.next(), tenant, client, kind, campaign, recipient, "en",
                    "Your account at the studio", "Come and see us.", clock.instant());
        }
    }

    /** Builds an {@link IssuedToken}; see {@link Fixtures#aToken}. Not thread-safe. */
    public final class TokenBuilder {

        private final TenantId tenant;
        private final ClientId client;
        private String hash = randomHex(32);
        private TokenPurpose purpose = TokenPurpose.ACTIVATION;
        private Optional<String> category = Optional.empty();
        private Duration lifetime = Duration.ofDays(14);

        private TokenBuilder(TenantId tenant, ClientId client) {
            this.tenant = tenant;
            this.client = client;
        }

        /** With this hash instead of a random one. */
        public TokenBuilder withHash(String value) {
            this.hash = Objects.requireNonNull(value, "hash");
            return this;
        }

        /** For this purpose (an unsubscribe token gets the {@code invitations} category). */
        public TokenBuilder forPurpose(TokenPurpose value) {
            this.purpose = Objects.requireNonNull(value, "purpose");
            this.category = value == TokenPurpose.UNSUBSCRIBE ? Optional.of(MarketingPreference.INVITATIONS)
                    : Optional.empty();
            return this;
        }

        /** Expiring {@code value} after it is issued. */
        public TokenBuilder validFor(Duration value) {
            this.lifetime = Objects.requireNonNull(value, "lifetime");
            return this;
        }

        /** The token, issued now, neither used nor revoked. */
        public IssuedToken build() {
            Instant now = clock.instant();
            return new IssuedToken(hash, tenant, client, purpose, category, now, now.plus(lifetime), Optional.empty(),
                    Optional.empty());
        }
    }

    /** Builds a {@link Credit}; see {@link Fixtures#aCredit}. Not thread-safe. */
    public final class CreditBuilder {

        private final TenantId tenant;
        private final ClientId client;
        private CreditSource source = CreditSource.membership();
        private Optional<Instant> expiresAt = Optional.empty();
        private Optional<String> redeemedFor = Optional.empty();
        private String reason = "goodwill";

        private CreditBuilder(TenantId tenant, ClientId client) {
            this.tenant = tenant;
            this.client = client;
        }

        /** From this source (default: membership credits of no particular membership). */
        public CreditBuilder from(CreditSource value) {
            this.source = Objects.requireNonNull(value, "source");
            return this;
        }

        /** Expiring at {@code value}. */
        public CreditBuilder expiringAt(Instant value) {
            this.expiresAt = Optional.of(Objects.requireNonNull(value, "expiresAt"));
            return this;
        }

        /** Issued for {@code value} as the staff's reason (default {@code goodwill}). */
        public CreditBuilder because(String value) {
            this.reason = Objects.requireNonNull(value, "reason");
            return this;
        }

        /** Redeemed now for the booking {@code bookingRef} (it must not be past its expiry). */
        public CreditBuilder redeemedFor(String bookingRef) {
            this.redeemedFor = Optional.of(Objects.requireNonNull(bookingRef, "bookingRef"));
            return this;
        }

        /** The credit, issued now, version 0. */
        public Credit build() {
            Instant now = clock.instant();
            CreditId id = new CreditId(ids.next());
            Credit credit = expiresAt.isPresent()
                    ? Credit.issue(id, tenant, client, source, now, expiresAt.get(), ACTOR, reason)
                    : Credit.issue(id, tenant, client, source, now, ACTOR, reason);
            if (redeemedFor.isPresent()) {
                credit = credit.redeem(redeemedFor.get(), ACTOR, "booked", now);
            }
            return credit;
        }
    }
}
