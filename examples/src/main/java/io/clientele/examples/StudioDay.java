package io.clientele.examples;

import io.clientele.Clientele;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.GroupId;
import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.model.StatusCounts;
import io.clientele.client.service.AddressInput;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ClienteleException;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceState;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.service.CreditIssue;
import io.clientele.examples.MailArchive.SavedMail;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignProgress;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.PreviewCounts;
import io.clientele.invitation.model.TokenInspection;
import io.clientele.invitation.service.DispatchReport;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.service.IssuanceReport;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderLine;
import io.clientele.order.service.OrderLineInput;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.profile.model.Section;
import io.clientele.profile.service.ProfileView;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A studio's day, as the two help articles (inviting clients; the client profile) tell it, played
 * through the public API on a {@link DemoEnvironment} and printed as tables, one titled step at a
 * time: the studio and its clients, the invitation campaign and its re-invitations, an activation
 * and a password reset taken from the mails the SMTP server received, a lock, credits, a membership,
 * an order, marketing consent, the whole profile, the audit trail and an erasure.
 *
 * <p>Every call is one a host would make; the mails go out through {@code
 * clientele.mailDispatcher()} (a host's scheduled job), and each batch is saved by {@link
 * MailArchive#saveNew()} right after. Links are printed with their token shortened, except where
 * the demo hands one to the reader on purpose ({@link Outcome#pendingActivation()}).
 *
 * <p>Plays once per environment (a second play finds its clients already there and fails); not
 * thread-safe.
 */
public final class StudioDay {

    /** The headings of the steps, in the order they are printed. */
    public static final List<String> STEPS = List.of(
            "The studio and its clients",
            "Preview: invite all clients",
            "Invite all clients",
            "Status counts",
            "Re-invite the clients still \"Invited\"",
            "Two walk-ins register, then re-invite \"Added\"",
            "Nobody got two mails",
            "A client follows her activation link",
            "A staff password reset",
            "Lock a profile, and an edit refused",
            "A membership with recurring credits",
            "+Issue and revoke a credit",
            "An order with a package and its credits",
            "Marketing preference: opt in, then out",
            "The whole profile",
            "The audit trail",
            "Erase a client",
            "The mails, saved");

    /**
     * Every time the day prints is the studio's local time with its UTC offset ({@code +01:00}):
     * zone abbreviations differ between JDKs (CET on 17, GMT+01:00 on 25), offsets do not.
     */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);
    private static final String FIRST_PASSWORD = "sun salutation at seven";
    private static final String NEW_PASSWORD = "evening stretch and tea";

    /**
     * What the day left behind, for the reader and for tests: the client who activated her account,
     * the erased client and the personal values they had, the status counts after the invitations,
     * and a client who has not activated yet with her activation link (a local demo link, printed
     * on purpose when the pages are served).
     */
    public record Outcome(Client activated, Client erased, List<String> erasedValues, StatusCounts afterInvitations,
            Client pendingClient, URI pendingActivation, int mailsReceived) {
    }

    /** One client of the studio as the day starts. */
    private record Person(String first, String last, String language, Optional<String> phone, boolean email) {

        static Person of(String first, String last, String language) {
            return new Person(first, last, language, Optional.empty(), true);
        }

        Person phone(String number) {
            return new Person(first, last, language, Optional.of(number), email);
        }

        Person withoutEmail() {
            return new Person(first, last, language, phone, false);
        }

        /** {@code firstname.lastname@example.<tld>}, in ASCII. */
        String address() {
            String local = (ascii(first) + "." + ascii(last)).replaceAll("[^a-z.]", "");
            return local + "@example." + switch (language) {
                case "en" -> "com";
                case "fr", "it" -> "org";
                default -> "net";
            };
        }

        private static String ascii(String name) {
            return Normalizer.normalize(name.toLowerCase(Locale.ROOT).replace("ß", "ss"), Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "");
        }

        ClientDetails details() {
            ClientDetails d = ClientDetails.named(first, last).withPreferredLanguage(language);
            d = email ? d.withEmail(address()) : d;
            return phone.map(d::withPhone).orElse(d);
        }
    }

    private static final Person ANA = Person.of("Ana", "López", "es").phone("+34 612 34 56 78");
    private static final Person MARGAUX = Person.of("Margaux", "Lefèvre", "fr");
    private static final Person CHIARA = Person.of("Chiara", "Conti", "it").phone("+39 312 345 6789").withoutEmail();
    private static final Person JONAS = Person.of("Jonas", "Becker", "de").phone("+49 151 23456789");
    private static final Person SANNE = Person.of("Sanne", "de Vries", "nl").phone("+31 6 12345678");
    private static final List<Person> CLIENTS = List.of(
            Person.of("Olivia", "Bennett", "en"), Person.of("James", "O'Connor", "en"),
            Person.of("Priya", "Sharma", "en").phone("+44 7400 123456"), Person.of("Ethan", "Walker", "en"),
            Person.of("Grace", "Thompson", "en"),
            MARGAUX, Person.of("Étienne", "Dubois", "fr").phone("06 12 34 56 78"), Person.of("Camille", "Rousseau", "fr"),
            Person.of("Théo", "Martin", "fr"), Person.of("Chloé", "Girard", "fr"),
            JONAS, Person.of("Lena", "Schröder", "de"), Person.of("Lukas", "Müller", "de"), Person.of("Anna", "Weiß", "de"),
            Person.of("Felix", "Hoffmann", "de"),
            ANA, Person.of("Javier", "Fernández", "es"), Person.of("Lucía", "Martínez", "es"),
            Person.of("Sofía", "Ruiz", "es"), Person.of("Mateo", "García", "es"),
            Person.of("Giulia", "Romano", "it"), Person.of("Lorenzo", "Bianchi", "it"), CHIARA,
            Person.of("Matteo", "Ricci", "it"), Person.of("Francesca", "Esposito", "it"),
            SANNE, Person.of("Daan", "Jansen", "nl"), Person.of("Femke", "Bakker", "nl"), Person.of("Lars", "Visser", "nl"),
            Person.of("Noor", "van Dijk", "nl"));
    private static final List<Person> WALK_INS = List.of(Person.of("Yuki", "Tanaka", "en"),
            Person.of("Amira", "Haddad", "fr"));

    private final DemoEnvironment environment;
    private final Clientele clientele;
    private final TenantId studio = DemoEnvironment.STUDIO;
    private final ZoneId zone = ZoneId.of("Europe/Paris");
    private final PrintStream out;
    private final Actor.Staff owner = Actor.Staff.owner("lea.owner", DemoEnvironment.STUDIO);
    /** The front desk edits clients but may not edit a locked profile. */
    private final Actor.Staff frontDesk = Actor.Staff.of("tom.frontdesk", DemoEnvironment.STUDIO,
            Permission.VIEW_CLIENTS, Permission.EDIT_CLIENTS, Permission.INVITE_CLIENTS);
    private final Map<String, Client> byName = new LinkedHashMap<>();
    private final Map<LabelId, String> labelNames = new LinkedHashMap<>();
    private int step;

    private StudioDay(DemoEnvironment environment, PrintStream out) {
        this.environment = environment;
        this.clientele = environment.clientele();
        this.out = out;
    }

    /**
     * Plays the day on {@code environment} (freshly started), printing each step to {@code out}, and
     * answers what it left behind. A failure of any step is thrown as it is: the day is a
     * demonstration, not a job to resume.
     */
    public static Outcome play(DemoEnvironment environment, PrintStream out) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(out, "out");
        return new StudioDay(environment, out).play();
    }

    private Outcome play() {
        studioAndClients();
        long total = previewInviteAll();
        inviteAll(total);
        StatusCounts counts = statusCounts();
        reinviteInvited();
        walkInsAndReinviteAdded();
        nobodyGotTwoMails();
        Client ana = activation();
        passwordReset(ana);
        lockAndRefusedEdit(ana);
        Membership membership = membershipWithRecurringCredits(ana);
        issueAndRevoke(ana, membership);
        orderWithPackage(ana);
        marketingPreference(ana);
        wholeProfile(ana);
        auditTrail(ana);
        Client jonas = byName.get(JONAS.first());
        List<String> jonasValues = List.of(JONAS.first(), JONAS.last(), JONAS.address(), "+4915123456789",
                JONAS.phone().orElseThrow());
        erase(jonas, jonasValues);
        Client sanne = byName.get(SANNE.first());
        URI pending = environment.mails().to(SANNE.address()).get(0).link("/activate").orElseThrow();
        int received = savedMails();
        return new Outcome(clientele.clients().get(owner, studio, ana.id()), clientele.clients().get(owner, studio,
                jonas.id()), jonasValues, counts, clientele.clients().get(owner, studio, sanne.id()), pending, received);
    }

    // ---- the steps ----

    private void studioAndClients() {
        heading();
        out.println("  " + DemoEnvironment.STUDIO_NAME + " (tenant " + studio + "), languages "
                + String.join(", ", DemoEnvironment.LANGUAGES) + ", staff: " + owner.staffId() + " (owner), "
                + frontDesk.staffId() + " (front desk)");
        ClientGroup morning = clientele.groups().create(owner, studio, "Morning flow");
        ClientGroup spa = clientele.groups().create(owner, studio, "Spa circle");
        Label vip = label("VIP");
        Label prenatal = label("Prenatal");
        Label founding = label("Founding member");
        for (Person person : CLIENTS) {
            byName.put(person.first(), clientele.clients().create(owner, studio, person.details()));
        }
        // the studio's old booking tool had recorded that Margaux asked not to be sent invitations
        MarketingPreference invitations = clientele.consent().preferences(owner, studio).stream()
                .filter(p -> p.key().equals(MarketingPreference.INVITATIONS)).findFirst().orElseThrow();
        clientele.consent().importDecision(owner, studio, byName.get(MARGAUX.first()).id(), invitations.id(),
                ConsentDecision.OPT_OUT, Instant.now().minus(Period.ofDays(40)));
        int i = 0;
        for (Client client : List.copyOf(byName.values())) {
            GroupId group = i % 3 == 0 ? spa.id() : morning.id();
            Client updated = clientele.groups().addMember(owner, studio, client.id(), group);
            if (i % 7 == 0) {
                updated = clientele.labels().assign(owner, studio, client.id(), vip.id());
            }
            if (i % 11 == 4) {
                updated = clientele.labels().assign(owner, studio, client.id(), prenatal.id());
            }
            if (i % 5 == 1) {
                updated = clientele.labels().assign(owner, studio, client.id(), founding.id());
            }
            byName.put(client.details().name().firstName(), updated);
            i++;
        }
        Map<GroupId, String> groupNames = Map.of(morning.id(), morning.name().value(), spa.id(), spa.name().value());
        TextTable table = TextTable.of("#", "client", "language", "email", "phone", "group", "labels");
        int n = 1;
        for (Client c : byName.values()) {
            PersonalDetails d = c.details();
            table.row(n++, d.name().fullName(), d.preferredLanguage().map(Object::toString).orElse(""),
                    d.email().map(e -> e.value()).orElse("(none)"), d.phone().map(p -> p.e164()).orElse(""),
                    c.groups().stream().map(groupNames::get).collect(Collectors.joining(", ")),
                    labels(c.labels()));
        }
        table.print(out);
        out.println("  " + byName.size() + " clients, 2 groups, " + labelNames.size() + " labels. "
                + CHIARA.first() + " " + CHIARA.last() + " has no email; " + MARGAUX.first() + " " + MARGAUX.last()
                + " unsubscribed from invitations before (imported); " + JONAS.first() + " " + JONAS.last()
                + " will ask to be erased.");
    }

    private long previewInviteAll() {
        heading();
        PreviewCounts preview = clientele.campaigns().preview(owner, studio, new CampaignTarget.AllClients());
        previewTable(preview);
        return preview.total();
    }

    private void inviteAll(long total) {
        heading();
        Campaign campaign = clientele.campaigns().create(owner, studio, new CampaignTarget.AllClients());
        Campaign done = clientele.campaigns().run(owner, studio, campaign.id(), new ProgressBar(out, total));
        out.println("  campaign " + done.status() + ": " + done.progress().enqueued() + " invitations queued in the outbox");
        dispatch();
    }

    private StatusCounts statusCounts() {
        heading();
        StatusCounts counts = clientele.clients().countByStatus(owner, studio, ClientQuery.all());
        TextTable.of("Added", "Invited", "Accepted").row(counts.added(), counts.invited(), counts.accepted()).print(out);
        return counts;
    }

    private void reinviteInvited() {
        heading();
        CampaignTarget invited = new CampaignTarget.WithStatus(CampaignTarget.TargetStatus.INVITED);
        previewTable(clientele.campaigns().preview(owner, studio, invited));
        CampaignProgress progress = runQuietly(invited);
        out.println("  " + progress.enqueued() + " queued, " + progress.skippedInCooldown()
                + " skipped: invited less than 24 hours ago (the resend cooldown)");
        dispatch();
    }

    private void walkInsAndReinviteAdded() {
        heading();
        for (Person person : WALK_INS) {
            Client client = clientele.clients().create(frontDesk, studio, person.details());
            byName.put(person.first(), client);
            out.println("  front desk added " + client.details().name().fullName() + " <"
                    + person.address() + ">");
        }
        CampaignTarget added = new CampaignTarget.WithStatus(CampaignTarget.TargetStatus.ADDED);
        previewTable(clientele.campaigns().preview(owner, studio, added));
        CampaignProgress progress = runQuietly(added);
        out.println("  " + progress.enqueued() + " queued; skipped: " + progress.skippedNoEmail() + " without email, "
                + progress.skippedUnsubscribed() + " unsubscribed");
        dispatch();
        StatusCounts counts = clientele.clients().countByStatus(owner, studio, ClientQuery.all());
        TextTable.of("Added", "Invited", "Accepted").row(counts.added(), counts.invited(), counts.accepted()).print(out);
    }

    private void nobodyGotTwoMails() {
        heading();
        List<SavedMail> mails = environment.mails().all();
        Map<String, Long> perRecipient = mails.stream()
                .collect(Collectors.groupingBy(SavedMail::to, TreeMap::new, Collectors.counting()));
        Map<Long, Long> histogram = perRecipient.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        TextTable table = TextTable.of("mails per recipient", "recipients");
        histogram.forEach(table::row);
        table.print(out);
        out.println("  the mail server received " + mails.size() + " mails for " + perRecipient.size()
                + " addresses, after three campaigns (all, \"Invited\", \"Added\")");
    }

    private Client activation() {
        heading();
        Client ana = byName.get(ANA.first());
        SavedMail mail = environment.mails().to(ANA.address()).get(0);
        URI link = mail.link("/activate").orElseThrow();
        String token = query(link, "token");
        out.println("  the mail to " + mail.to() + " (" + mail.eml().getFileName() + "): \"" + mail.subject() + "\"");
        out.println("  link " + shortened(link));
        TextTable table = TextTable.of("action", "answer");
        TokenInspection inspection = clientele.activation().inspect(studio, token);
        table.row("inspect the link (the page's GET)", describe(inspection));
        try {
            clientele.activation().activate(studio, token, "short");
            table.row("activate with \"short\"", "accepted?!");
        } catch (ValidationException e) {
            table.row("activate with \"short\"", "refused: field " + e.field() + ", rule " + e.rule());
        }
        ActivationResult result = clientele.activation().activate(studio, token, FIRST_PASSWORD);
        table.row("activate with a good password", describe(result));
        table.row("inspect the link again", describe(clientele.activation().inspect(studio, token)));
        Client now = clientele.clients().get(owner, studio, ana.id());
        table.row("status through the API", now.invitationStatus());
        table.print(out);
        return now;
    }

    private void passwordReset(Client ana) {
        heading();
        clientele.activation().requestPasswordReset(owner, studio, ana.id());
        out.println("  " + owner.staffId() + " sends " + ana.details().name().fullName() + " a password reset");
        dispatch();
        List<SavedMail> mails = environment.mails().to(ANA.address());
        SavedMail mail = mails.get(mails.size() - 1);
        URI link = mail.link("/reset-password").orElseThrow();
        String token = query(link, "token");
        out.println("  the mail to " + mail.to() + " (" + mail.eml().getFileName() + "): \"" + mail.subject() + "\"");
        out.println("  link " + shortened(link));
        TextTable table = TextTable.of("action", "answer");
        table.row("inspect the link", describe(clientele.activation().inspect(studio, token)));
        table.row("set a new password", describe(clientele.activation().activate(studio, token, NEW_PASSWORD)));
        table.row("use the link a second time", describe(clientele.activation().activate(studio, token, NEW_PASSWORD)));
        table.print(out);
    }

    private void lockAndRefusedEdit(Client ana) {
        heading();
        Client current = clientele.clients().get(owner, studio, ana.id());
        Client locked = clientele.locks().lock(owner, studio, ana.id(), current.version());
        out.println("  " + owner.staffId() + " locks " + locked.details().name().fullName() + "'s profile (locked: "
                + locked.locked() + ")");
        TextTable table = TextTable.of("attempt", "by", "outcome", "code", "field / permission", "rule");
        attempt(table, "change the phone number", frontDesk, () -> clientele.clients().editDetails(frontDesk, studio,
                ana.id(), locked.version(), ClientDetails.from(locked).withPhone("+34 699 99 99 99")));
        attempt(table, "change the email to \"ana@\"", owner, () -> clientele.clients().editDetails(owner, studio,
                ana.id(), locked.version(), ClientDetails.from(locked).withEmail("ana@")));
        attempt(table, "add a note (not covered by the lock)", frontDesk,
                () -> clientele.notes().add(frontDesk, studio, ana.id(), "Asked for a quieter mat spot."));
        table.print(out);
        Client after = clientele.clients().get(owner, studio, ana.id());
        out.println("  phone still " + after.details().phone().map(p -> p.e164()).orElse("(none)")
                + ", email still " + after.details().email().map(e -> e.value()).orElse("(none)"));
    }

    private Membership membershipWithRecurringCredits(Client ana) {
        heading();
        MembershipType type = clientele.membershipTypes().createType(owner, studio, "Flow monthly",
                RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(3)));
        LocalDate start = LocalDate.now(zone).minusMonths(2);
        Membership membership = clientele.memberships().addMembership(owner, studio, ana.id(), type.id(), start);
        TextTable.of("membership", "rule", "start", "status")
                .row(type.name().value(), type.rule().creditsPerPeriod() + " credits " + type.rule().period()
                        + ", each valid " + type.rule().validity().map(StudioDay::period).orElse("forever"),
                        membership.startDate(), membership.status())
                .print(out);
        IssuanceReport report = clientele.membershipIssuance().issueDueCredits();
        out.println("  issuance job: " + report.credits() + " credits for " + report.memberships()
                + " membership(s), " + report.failures() + " failures (periods started since "
                + start + ")");
        creditsTable(ana);
        return clientele.memberships().listForClient(owner, studio, ana.id(), PageRequest.first()).items().get(0);
    }

    private void issueAndRevoke(Client ana, Membership membership) {
        heading();
        List<Credit> issued = clientele.credits().issueMembershipCredits(owner, studio, ana.id(),
                CreditIssue.of(2, "Class cancelled by the studio").forMembership(membership.id()));
        out.println("  +Issue: " + issued.size() + " credits, reason \"" + issued.get(0).reason() + "\"");
        Credit revoked = clientele.credits().revoke(owner, studio, issued.get(1).id(), "Issued twice by mistake");
        out.println("  revoke: credit " + shortId(revoked.id().toString()) + " is " + revoked.state());
        TextTable table = TextTable.of("when", "credit", "from", "to", "by", "reason");
        List<CreditChange> ledger = clientele.credits().ledger(owner, studio, ana.id());
        for (CreditChange change : ledger.subList(Math.max(0, ledger.size() - 4), ledger.size())) {
            table.row(time(change.at()), shortId(change.creditId().toString()),
                    change.from().map(Object::toString).orElse("-"), change.to(), change.actor(), change.reason());
        }
        out.println("  the ledger's last changes:");
        table.print(out);
        balances(ana);
    }

    private void orderWithPackage(Client ana) {
        heading();
        Order order = clientele.orders().place(owner, studio, ana.id(), List.of(
                OrderLineInput.packagePurchase("10-class pack", 10, Period.ofMonths(6), "EUR", new BigDecimal("150.00")),
                OrderLineInput.bookingReference("bk-2291", "Hot stone massage, 60 min", "EUR", new BigDecimal("85.00"))));
        TextTable table = TextTable.of("order line", "credits", "price");
        for (OrderLine line : order.lines()) {
            if (line instanceof OrderLine.PackagePurchase p) {
                table.row(p.name(), p.credits(), p.price());
            } else if (line instanceof OrderLine.BookingReference b) {
                table.row(b.description() + " (" + b.bookingRef() + ")", "", b.price());
            }
        }
        table.row("total", "", order.total());
        table.print(out);
        long fromOrder = clientele.credits().list(owner, studio, ana.id(), PageRequest.first(200)).items().stream()
                .filter(c -> c.source().orderId().equals(Optional.of(order.id()))).count();
        out.println("  order " + order.status() + ": " + fromOrder + " credits issued from its package");
        balances(ana);
    }

    private void marketingPreference(Client ana) {
        heading();
        MarketingPreference news = clientele.consent().definePreference(owner, studio, "newsletter",
                "Monthly newsletter", "May we email you our monthly newsletter with new classes and offers?",
                Channel.EMAIL);
        clientele.consent().optIn(owner, studio, ana.id(), news.id());
        clientele.consent().optOut(owner, studio, ana.id(), news.id());
        TextTable table = TextTable.of("recorded", "preference", "decision", "source", "by", "wording");
        // the history comes newest first; the step tells it in the order it happened
        List<ConsentRecord> oldestFirst = new ArrayList<>(clientele.consent().history(owner, studio, ana.id(),
                PageRequest.first()).items());
        Collections.reverse(oldestFirst);
        for (ConsentRecord r : oldestFirst) {
            if (r.preferenceId().equals(news.id())) {
                table.row(time(r.recordedAt()), news.key(), r.decision(), r.source(), r.actor(),
                        "v" + r.wordingVersion() + " sha256 " + r.wordingSha256().substring(0, 12) + "…");
            }
        }
        table.print(out);
    }

    private void wholeProfile(Client ana) {
        heading();
        // what the profile page shows beyond the day's steps: a pass, an address, an intake form, a card
        clientele.passes().link(owner, studio, ana.id(), "LUMEN-0042");
        clientele.addresses().add(owner, studio, ana.id(), AddressInput.of("12 rue des Lilas", "75011", "Paris", "FR"));
        clientele.intakeForms().record(owner, studio, ana.id(), "Health questionnaire", 1, Instant.now(),
                Map.of("Injuries", "Left knee, 2022", "Pregnant", "No"));
        clientele.paymentMethods().add(owner, studio, ana.id(), PaymentMethodInput.card("Visa", "4242",
                YearMonth.now(zone).plusYears(3), "pm_demo_ana"));
        ProfileView p = clientele.profiles().view(owner, studio, ana.id());
        int auditEntries = clientele.audit().list(owner, studio, ana.id(), PageRequest.first(200)).items().size();
        PersonalDetails d = p.details();
        TextTable table = TextTable.of("section", "content");
        table.row("name", d.name().fullName());
        table.row("email", d.email().map(e -> e.value()).orElse("-"));
        table.row("phone", d.phone().map(ph -> ph.e164()).orElse("-"));
        table.row("language", d.preferredLanguage().map(Object::toString).orElse("-"));
        table.row("status", p.invitationStatus() + (p.locked() ? ", locked" : ""));
        table.row("photo", p.photo().isPresent() ? "yes" : "none");
        table.row("passes", p.passes().stream().map(Object::toString).collect(Collectors.joining(", ")));
        table.row("addresses", p.addresses().stream().map(a -> a.postal().line1() + ", " + a.postal().postalCode()
                + " " + a.postal().city() + ", " + a.postal().country()).collect(Collectors.joining("; ")));
        table.row("labels", section(p.labels(), l -> l.stream().map(x -> x.name().value())
                .collect(Collectors.joining(", "))));
        table.row("groups", section(p.groups(), g -> g.stream().map(x -> x.name().value())
                .collect(Collectors.joining(", "))));
        table.row("notes", section(p.notes(), s -> s.total() + ": " + s.items().stream()
                .map(n -> "\"" + n.text().value() + "\"").collect(Collectors.joining(", "))));
        table.row("audit", section(p.audit(), a -> a.items().size() + " newest of " + auditEntries + " entries"));
        table.row("memberships", section(p.memberships(), m -> m.stream().map(x -> x.status() + " since "
                + x.startDate()).collect(Collectors.joining(", "))));
        table.row("orders", section(p.orders(), o -> o.total() + ": " + o.items().stream()
                .map(x -> x.status() + " " + x.total()).collect(Collectors.joining(", "))));
        table.row("intake forms", section(p.intakeForms(), f -> f.stream().map(x -> x.formName() + " v"
                + x.formVersion() + " (" + x.answers().size() + " answers)").collect(Collectors.joining(", "))));
        table.row("payment methods", section(p.paymentMethods(), m -> m.stream().map(x -> x.brand() + " ••••"
                + x.last4() + " " + x.status()).collect(Collectors.joining(", "))));
        table.row("credits", section(p.credits(), c -> balanceText(c.balances())));
        table.row("marketing", section(p.marketing(), m -> m.stream().map(StudioDay::preferenceText)
                .collect(Collectors.joining(", "))));
        table.print(out);
    }

    private void auditTrail(Client ana) {
        heading();
        List<AuditEntry> entries = clientele.audit().list(owner, studio, ana.id(), PageRequest.first(200)).items();
        TextTable table = TextTable.of("when", "by", "action", "changes");
        List<AuditEntry> oldestFirst = new ArrayList<>(entries);
        Collections.reverse(oldestFirst);
        for (AuditEntry e : oldestFirst) {
            table.row(time(e.occurredAt()), e.actor(), e.action(), e.changes().stream().map(this::changeText)
                    .collect(Collectors.joining("; ")));
        }
        table.print(out);
        out.println("  " + entries.size() + " entries, oldest first; personal values are masked in the trail");
    }

    private void erase(Client jonas, List<String> values) {
        heading();
        String name = jonas.details().name().fullName();
        String before = clientele.dataExport().export(owner, studio, jonas.id());
        clientele.erasure().erase(owner, studio, jonas.id());
        out.println("  " + owner.staffId() + " erases " + name + " (he asked the studio to)");
        ProfileView profile = clientele.profiles().view(owner, studio, jonas.id());
        Optional<ClientSummary> listed = clientele.clients().list(owner, studio, ClientQuery.all().includingErased(),
                PageRequest.first(200)).items().stream().filter(s -> s.id().equals(jonas.id())).findFirst();
        long found = clientele.clients().list(owner, studio, ClientQuery.all().withText(JONAS.last()),
                PageRequest.first()).items().size();
        String after = clientele.dataExport().export(owner, studio, jonas.id());
        TextTable table = TextTable.of("where", "shows", "holds his name, email or phone");
        PersonalDetails d = profile.details();
        table.row("profile", d.name().fullName() + ", email " + d.email().map(e -> e.value()).orElse("none")
                + ", phone " + d.phone().map(ph -> ph.e164()).orElse("none"), holds(profileText(profile), values));
        table.row("client list (erased included)", listed.map(s -> s.name().fullName() + (s.erased() ? " (erased)" : ""))
                .orElse("-"), holds(listed.map(Object::toString).orElse(""), values));
        table.row("search \"" + JONAS.last() + "\"", found + " clients", found > 0 ? "yes" : "no");
        table.row("export before", before.length() + " characters", holds(before, values));
        table.row("export after", after.length() + " characters", holds(after, values));
        table.print(out);
        // the demo's /mails page still shows them: a mailbox is not the studio's to erase
        out.println("  the mails already sent to " + name + " are outside Clientele: they stay in his mailbox, and the"
                + " demo's saved copies in " + environment.mails().folder().getFileName() + "/ remain");
    }

    private int savedMails() {
        heading();
        List<SavedMail> mails = environment.mails().all();
        Map<String, Long> bySubject = mails.stream().collect(Collectors.groupingBy(m -> kind(m), TreeMap::new,
                Collectors.counting()));
        TextTable table = TextTable.of("mail", "count");
        bySubject.forEach(table::row);
        table.print(out);
        out.println("  " + mails.size() + " mails saved as " + mails.size() + " .eml and " + mails.size()
                + " .html files in " + environment.mails().folder().toAbsolutePath());
        out.println("  open a .html file in a browser, or a .eml file in a mail program, to read it as the client did");
        return mails.size();
    }

    // ---- helpers ----

    private void heading() {
        String title = STEPS.get(step++);
        out.println();
        out.println(step + ". " + title);
        out.println("=".repeat(String.valueOf(step).length() + 2 + title.length()));
    }

    private Label label(String name) {
        Label label = clientele.labels().create(owner, studio, name);
        labelNames.put(label.id(), name);
        return label;
    }

    private String labels(Set<LabelId> ids) {
        return labelNames.entrySet().stream().filter(e -> ids.contains(e.getKey())).map(Map.Entry::getValue)
                .collect(Collectors.joining(", "));
    }

    private void previewTable(PreviewCounts preview) {
        TextTable.of("will send", "accepted", "unsubscribed", "no email", "bounced", "erased", "in cooldown", "total")
                .row(preview.willSend(), preview.accepted(), preview.unsubscribed(), preview.noEmail(), preview.bounced(),
                        preview.erased(), preview.inCooldown(), preview.total())
                .print(out);
    }

    private CampaignProgress runQuietly(CampaignTarget target) {
        Campaign campaign = clientele.campaigns().create(owner, studio, target);
        return clientele.campaigns().run(owner, studio, campaign.id(), c -> {
        }).progress();
    }

    /** Sends what the outbox holds, as a host's scheduled job would, and saves what the server received. */
    private void dispatch() {
        DispatchReport report = clientele.mailDispatcher().dispatchAll();
        List<SavedMail> fresh = environment.mails().saveNew();
        out.println("  mail dispatcher: " + report.sent() + " sent, " + report.retried() + " to retry, "
                + report.failed() + " failed; the SMTP server received " + fresh.size());
    }

    private void attempt(TextTable table, String what, Actor.Staff by, Runnable action) {
        try {
            action.run();
            table.row(what, by.staffId(), "done", "", "", "");
        } catch (ValidationException e) {
            table.row(what, by.staffId(), "refused", e.code(), e.field(), e.rule());
        } catch (AccessDeniedException e) {
            table.row(what, by.staffId(), "refused", e.code(), e.permission().map(Object::toString).orElse(""), "");
        } catch (ClienteleException e) {
            table.row(what, by.staffId(), "refused", e.code(), "", "");
        }
    }

    private void creditsTable(Client client) {
        TextTable table = TextTable.of("credit", "source", "state", "issued", "expires", "reason");
        for (Credit c : clientele.credits().list(owner, studio, client.id(), PageRequest.first(200)).items()) {
            table.row(shortId(c.id().toString()), source(c.source()), c.state(), time(c.issuedAt()),
                    c.expiresAt().map(this::time).orElse("never"), c.reason());
        }
        table.print(out);
    }

    private void balances(Client client) {
        out.println("  balances: " + balanceText(clientele.credits().balances(owner, studio, client.id())));
    }

    private static String balanceText(Map<CreditState, Long> balances) {
        List<String> parts = new ArrayList<>();
        for (CreditState state : CreditState.values()) {
            parts.add(state.name().toLowerCase(Locale.ROOT) + " " + balances.getOrDefault(state, 0L));
        }
        return String.join(", ", parts);
    }

    private static String source(CreditSource source) {
        return source.kind().name().toLowerCase(Locale.ROOT);
    }

    private static String preferenceText(PreferenceState state) {
        return state.preference().key() + ": " + state.latest().map(r -> r.decision().toString()).orElse("no decision");
    }

    private String changeText(FieldChange change) {
        return change.field() + " " + change.before().map(this::value).orElse("-") + " → "
                + change.after().map(this::value).orElse("-");
    }

    /** A value of the audit trail as the day prints it: an instant in the studio's time, like every other time. */
    private String value(String recorded) {
        try {
            return time(Instant.parse(recorded));
        } catch (DateTimeParseException e) {
            return recorded;
        }
    }

    /** A period in words: {@code P3M} is "3 months". */
    static String period(Period period) {
        List<String> parts = new ArrayList<>();
        unit(parts, period.getYears(), "year");
        unit(parts, period.getMonths(), "month");
        unit(parts, period.getDays(), "day");
        return parts.isEmpty() ? "0 days" : String.join(" ", parts);
    }

    private static void unit(List<String> parts, int count, String unit) {
        if (count != 0) {
            parts.add(count + " " + unit + (Math.abs(count) == 1 ? "" : "s"));
        }
    }

    private static <T> String section(Section<T> section, Function<T, String> text) {
        return section.content().map(text).orElseGet(() -> "withheld");
    }

    private static String profileText(ProfileView profile) {
        return profile.client().toString();
    }

    private static String holds(String text, List<String> values) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> held = values.stream().filter(v -> lower.contains(v.toLowerCase(Locale.ROOT))).toList();
        return held.isEmpty() ? "no" : "yes: " + String.join(", ", held);
    }

    private static String kind(SavedMail mail) {
        if (mail.link("/reset-password").isPresent()) {
            return "password reset";
        }
        return mail.link("/activate").isPresent() ? "invitation" : "other";
    }

    private static String describe(TokenInspection inspection) {
        if (inspection instanceof TokenInspection.Valid v) {
            return "valid " + v.purpose() + " link";
        }
        if (inspection instanceof TokenInspection.Expired e) {
            return "expired " + e.purpose() + " link";
        }
        return inspection instanceof TokenInspection.AlreadyUsed ? "already used" : "unknown";
    }

    private static String describe(ActivationResult result) {
        if (result instanceof ActivationResult.Activated a) {
            return "activated (" + a.purpose() + ")";
        }
        if (result instanceof ActivationResult.Expired) {
            return "expired";
        }
        return result instanceof ActivationResult.AlreadyUsed ? "already used" : "unknown";
    }

    /** A query parameter of a link the templates wrote ({@code ?tenant=..&token=..}). */
    static String query(URI link, String name) {
        for (String pair : link.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("the link has no " + name);
    }

    /** The link with its token cut to six characters: enough to tell links apart, useless to anyone reading. */
    private static String shortened(URI link) {
        String token = query(link, "token");
        return link.toString().replace(token, token.substring(0, 6) + "…");
    }

    private static String shortId(String id) {
        return id.substring(id.length() - 8);
    }

    private String time(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }
}
