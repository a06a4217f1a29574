package io.clientele.consent.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentEvents;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.ConsentSource;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.model.PreferenceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import java.util.Set;
import io.clientele.common.ClientId;

class ConsentDecisionsTest {

    private static final Optional<String> IP = Optional.of("2001:db8::7");
    private static final Optional<String> AGENT = Optional.of("Mozilla/5.0 (Macintosh) Safari/605.1.15");

    private final ConsentKit kit = new ConsentKit();
    private final ConsentService consent = kit.consent;
    private final MarketingPreference newsletter = kit.newsletter();
    private final Client ana = kit.client("Ana");

    @Test
    void a_client_never_asked_is_opted_in_to_nothing() {
        List<PreferenceState> state = consent.currentState(OWNER, TENANT, ana.id());

        assertThat(state).extracting(s -> s.preference().key()).containsExactly("invitations", "newsletter");
        assertThat(state).allSatisfy(s -> {
            assertThat(s.latest()).isEmpty();
            assertThat(s.optedIn()).isFalse();
        });
    }

    @Test
    void the_current_state_is_the_latest_record_of_each_preference() {
        MarketingPreference sms = kit.smsOffers();
        consent.optIn(MANAGER, TENANT, ana.id(), newsletter.id());
        kit.later();
        ConsentRecord newsletterOut = consent.optOut(MANAGER, TENANT, ana.id(), newsletter.id());
        kit.later();
        consent.optOut(MANAGER, TENANT, ana.id(), sms.id());
        kit.later();
        ConsentRecord smsIn = consent.optIn(MANAGER, TENANT, ana.id(), sms.id());

        List<PreferenceState> state = consent.currentState(OWNER, TENANT, ana.id());

        assertThat(state).extracting(s -> s.preference().key(), PreferenceState::optedIn, PreferenceState::latest)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("invitations", false, Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple("newsletter", false, Optional.of(newsletterOut)),
                        org.assertj.core.groups.Tuple.tuple("sms-offers", true, Optional.of(smsIn)));
        assertThat(kit.t.<Optional<ConsentRecord>>read(s -> s.consents().latest(TENANT, ana.id(), sms.id())))
                .contains(smsIn);
    }

    @Test
    void a_staff_decision_records_actor_time_source_and_the_wording_shown() {
        ConsentRecord record = consent.optIn(MANAGER, TENANT, ana.id(), newsletter.id());

        assertThat(record.tenantId()).isEqualTo(TENANT);
        assertThat(record.clientId()).isEqualTo(ana.id());
        assertThat(record.preferenceId()).isEqualTo(newsletter.id());
        assertThat(record.decision()).isEqualTo(ConsentDecision.OPT_IN);
        assertThat(record.recordedAt()).isEqualTo(kit.t.clock.instant());
        assertThat(record.actor()).isEqualTo("staff:manager-1");
        assertThat(record.source()).isEqualTo(ConsentSource.STAFF);
        assertThat(record.wordingVersion()).isEqualTo(1);
        assertThat(record.wordingSha256()).isEqualTo(newsletter.wordingHash()).hasSize(64);
        assertThat(record.ipAddress()).isEmpty();
        assertThat(record.userAgent()).isEmpty();
    }

    @Test
    void records_are_appended_and_never_rewritten() {
        ConsentRecord in = consent.optIn(MANAGER, TENANT, ana.id(), newsletter.id());
        kit.later();
        ConsentRecord out = consent.optOut(MANAGER, TENANT, ana.id(), newsletter.id());
        kit.later();
        ConsentRecord inAgain = consent.optIn(OWNER, TENANT, ana.id(), newsletter.id());

        assertThat(kit.stored(ana.id())).containsExactly(in, out, inAgain);
        // the history reads newest first
        assertThat(consent.history(OWNER, TENANT, ana.id(), PageRequest.first()).items())
                .containsExactly(inAgain, out, in);
        assertThat(List.of(in.id(), out.id(), inAgain.id())).doesNotHaveDuplicates();
    }

    @Test
    void a_self_service_decision_keeps_the_ip_address_and_user_agent() {
        ConsentRecord record = consent.recordSelfService(ConsentKit.self(ana), TENANT, ana.id(), newsletter.id(),
                ConsentDecision.OPT_IN, new ConsentOrigin(IP, AGENT));

        assertThat(record.source()).isEqualTo(ConsentSource.CLIENT_SELF_SERVICE);
        assertThat(record.actor()).isEqualTo("client:" + ana.id().value());
        assertThat(record.ipAddress()).isEqualTo(IP);
        assertThat(record.userAgent()).isEqualTo(AGENT);
        assertThat(consent.currentState(ConsentKit.self(ana), TENANT, ana.id()))
                .filteredOn(s -> s.preference().equals(newsletter)).singleElement()
                .satisfies(s -> assertThat(s.optedIn()).isTrue());
    }

    @Test
    void each_decision_is_audited_and_published_without_personal_data() {
        Client bea = kit.t.create(ClientDetails.named("Beatriz", "Quintanilla").withEmail("bea.q@example.com"));

        ConsentRecord record = consent.recordSelfService(ConsentKit.self(bea), TENANT, bea.id(), newsletter.id(),
                ConsentDecision.OPT_IN, new ConsentOrigin(IP, AGENT));

        List<AuditEntry> entries = kit.t.auditTrail(TENANT).stream()
                .filter(e -> e.action() == AuditAction.CONSENT_RECORDED).toList();
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.clientId()).isEqualTo(bea.id());
            assertThat(entry.actor()).isEqualTo("client:" + bea.id().value());
            assertThat(entry.occurredAt()).isEqualTo(kit.t.clock.instant());
            assertThat(entry.changes()).containsExactly(
                    new FieldChange("newsletter", Optional.empty(), Optional.of("OPT_IN")));
            assertThat(entry.toString()).doesNotContain("2001:db8", "Mozilla", "Safari", "Beatriz", "Quintanilla",
                    "bea.q");
        });
        List<ConsentEvents.ConsentRecorded> events = kit.t.memory.events().events(ConsentEvents.ConsentRecorded.class);
        assertThat(events).containsExactly(new ConsentEvents.ConsentRecorded(TENANT, bea.id(), newsletter.id(),
                record.id(), kit.t.clock.instant()));
        assertThat(events.get(0).toString()).doesNotContain("2001:db8", "Mozilla", "Beatriz", "bea.q");
    }

    @Test
    void self_service_is_only_for_the_clients_own_profile() {
        Client bo = kit.client("Bo");
        Actor system = new Actor.SystemActor("sync");

        for (Actor notAna : List.of(ConsentKit.self(bo), OWNER, system)) {
            assertThatThrownBy(() -> consent.recordSelfService(notAna, TENANT, ana.id(), newsletter.id(),
                    ConsentDecision.OPT_IN,
                        ConsentOrigin.none()))
                    .isInstanceOf(io.clientele.common.AccessDeniedException.class);
        }
        assertThat(kit.stored(ana.id())).isEmpty();
    }

    @Test
    void an_import_keeps_the_time_of_the_original_decision() {
        Instant decidedAt = kit.t.clock.instant().minus(Duration.ofDays(400));
        Actor importer = new Actor.SystemActor("import");

        ConsentRecord record = consent.importDecision(importer, TENANT, ana.id(), newsletter.id(),
                ConsentDecision.OPT_IN, decidedAt);
        ConsentRecord byStaff = consent.importDecision(MANAGER, TENANT, ana.id(), newsletter.id(),
                ConsentDecision.OPT_OUT, decidedAt.plus(Duration.ofDays(1)));

        assertThat(record.recordedAt()).isEqualTo(decidedAt);
        assertThat(record.source()).isEqualTo(ConsentSource.IMPORT);
        assertThat(record.actor()).isEqualTo("system:import");
        assertThat(record.wordingVersion()).isEqualTo(1);
        assertThat(record.wordingSha256()).isEqualTo(newsletter.wordingHash());
        assertThat(byStaff.actor()).isEqualTo("staff:manager-1");
        assertThat(kit.t.<Optional<ConsentRecord>>read(s -> s.consents().latest(TENANT, ana.id(), newsletter.id())))
                .contains(byStaff);
    }

    @Test
    void an_import_dated_in_the_future_is_refused() {
        Instant tomorrow = kit.t.clock.instant().plus(Duration.ofDays(1));

        assertThatThrownBy(() -> consent.importDecision(OWNER, TENANT, ana.id(), newsletter.id(),
                ConsentDecision.OPT_IN, tomorrow))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("decidedAt");
                    assertThat(e.rule()).isEqualTo("not_in_future");
                });
        assertThat(kit.stored(ana.id())).isEmpty();
    }

    @Test
    void an_import_older_than_the_latest_decision_does_not_override_it() {
        ConsentRecord current = consent.optOut(MANAGER, TENANT, ana.id(), newsletter.id());

        assertThatThrownBy(() -> consent.importDecision(OWNER, TENANT, ana.id(), newsletter.id(),
                ConsentDecision.OPT_IN, current.recordedAt().minusSeconds(1)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        assertThat(kit.stored(ana.id())).containsExactly(current);
    }

    @Test
    void no_decision_is_recorded_for_an_erased_client() {
        kit.erase(ana);
        Actor.ClientSelf anaHerself = ConsentKit.self(ana);
        Instant earlier = kit.t.clock.instant().minusSeconds(60);

        List<Runnable> attempts = List.of(
                () -> consent.optIn(OWNER, TENANT, ana.id(), newsletter.id()),
                () -> consent.optOut(OWNER, TENANT, ana.id(), newsletter.id()),
                () -> consent.recordSelfService(anaHerself, TENANT, ana.id(), newsletter.id(), ConsentDecision.OPT_IN,
                        ConsentOrigin.none()),
                () -> consent.importDecision(OWNER, TENANT, ana.id(), newsletter.id(), ConsentDecision.OPT_IN,
                        earlier));
        for (Runnable attempt : attempts) {
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        }
        assertThat(kit.stored(ana.id())).isEmpty();
        assertThat(kit.t.memory.events().events(ConsentEvents.ConsentRecorded.class)).isEmpty();
        assertThat(consent.currentState(OWNER, TENANT, ana.id())).noneMatch(PreferenceState::optedIn);
    }

    @Test
    void another_tenants_client_or_preference_is_not_found() {
        Client theirs = kit.t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Zoe", "Other"));
        MarketingPreference theirPreference = consent.definePreference(OTHER_OWNER, OTHER_TENANT, "newsletter", "News",
                "News from studio B.", Channel.EMAIL);
        Actor.ClientSelf zoe = ConsentKit.self(theirs);

        List<Runnable> attempts = List.of(
                () -> consent.optIn(OWNER, TENANT, theirs.id(), newsletter.id()),
                () -> consent.optIn(OWNER, TENANT, ana.id(), theirPreference.id()),
                () -> consent.optOut(OWNER, TENANT, ana.id(), new PreferenceId(UUID.randomUUID())),
                () -> consent.recordSelfService(zoe, TENANT, theirs.id(), newsletter.id(), ConsentDecision.OPT_IN,
                        ConsentOrigin.none()),
                () -> consent.currentState(OWNER, TENANT, theirs.id()),
                () -> consent.currentState(zoe, TENANT, theirs.id()),
                () -> consent.history(OWNER, TENANT, theirs.id(), PageRequest.first()).items());
        for (Runnable attempt : attempts) {
            assertThatThrownBy(attempt::run).isInstanceOf(NotFoundException.class);
        }
        assertThat(kit.stored(ana.id())).isEmpty();
        assertThat(kit.t.<List<ConsentRecord>>read(s -> s.consents().history(OTHER_TENANT, theirs.id()))).isEmpty();
    }

    @Test
    void staff_can_opt_a_client_out_of_the_built_in_invitations_category() {
        MarketingPreference invitations = consent.preferences(OWNER, TENANT).stream()
                .filter(p -> p.key().equals(MarketingPreference.INVITATIONS)).findFirst().orElseThrow();

        ConsentRecord out = consent.optOut(MANAGER, TENANT, ana.id(), invitations.id());

        assertThat(kit.t.<Set<ClientId>>read(s -> s.consents().optedOut(TENANT, invitations.id(), Set.of(ana.id()))))
                .containsExactly(ana.id());
        assertThat(out.wordingSha256()).isEqualTo(invitations.wordingHash());
    }

    @Test
    void history_is_for_staff_who_manage_marketing_or_read_the_audit() {
        ConsentRecord in = consent.optIn(MANAGER, TENANT, ana.id(), newsletter.id());
        Actor auditor = Actor.Staff.of("auditor-1", TENANT, Permission.VIEW_AUDIT);
        Actor marketer = Actor.Staff.of("marketer-1", TENANT, Permission.MANAGE_MARKETING);

        assertThat(consent.history(auditor, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(in);
        assertThat(consent.history(marketer, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(in);
    }
}
