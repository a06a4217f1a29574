package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clientele.audit.model.AuditAction;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.GroupId;
import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.LockPolicy;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignProgress;
import io.clientele.invitation.model.CampaignStatus;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.PreviewCounts;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MessageTemplate;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CampaignServiceTest {

    private final InviteKit kit = new InviteKit(InvitationFixture.CONFIG.withCampaignChunkSize(3));
    private final CampaignService campaigns = kit.campaigns;

    /**
     * Twelve clients, one or two in every situation a campaign meets. Everyone but the outsider is
     * in the group and has the label (erasure then drops the erased ones from both).
     */
    private final class Population {
        final ClientGroup group = kit.t.clientele.groups().create(OWNER, TENANT, "Morning yoga");
        final Label label = kit.t.clientele.labels().create(OWNER, TENANT, "VIP");
        final Client sendAdded = member(kit.added("Sendadded"));
        final Client sendInvited = member(kit.invitedLongAgo("Sendinvited"));
        final Client accepted = member(kit.accepted("Accepted"));
        final Client unsubscribedAdded = kit.unsubscribed(member(kit.added("Unsubadded")));
        final Client unsubscribedInvited = kit.unsubscribed(member(kit.invitedLongAgo("Unsubinvited")));
        final Client noEmail = member(kit.withoutEmail("Noemail"));
        final Client rejectedEmail = kit.emailRejected(member(kit.invitedLongAgo("Rejected")));
        final Client erasedAdded = kit.erased(member(kit.added("Erasedadded")));
        final Client erasedInvited = kit.erased(member(kit.invitedLongAgo("Erasedinvited")));
        final Client cooldownAdded = kit.invitedJustNow(member(kit.added("Cooldownadded")));
        final Client cooldownInvited = kit.invitedJustNow(member(kit.invitedLongAgo("Cooldowninvited")));
        final Client outsider = kit.added("Outsider");

        private Client member(Client client) {
            kit.inGroup(client, group);
            return kit.labelled(client, label);
        }

        List<Client> everyone() {
            return List.of(sendAdded, sendInvited, accepted, unsubscribedAdded, unsubscribedInvited, noEmail,
                    rejectedEmail, erasedAdded, erasedInvited, cooldownAdded, cooldownInvited, outsider);
        }

        CampaignTarget target(TargetKind kind) {
            return switch (kind) {
                case ALL_CLIENTS -> new CampaignTarget.AllClients();
                case GROUP -> new CampaignTarget.Group(group.id());
                case LABEL -> new CampaignTarget.WithLabel(label.id());
                case STATUS_ADDED -> new CampaignTarget.WithStatus(CampaignTarget.TargetStatus.ADDED);
                case STATUS_INVITED -> new CampaignTarget.WithStatus(CampaignTarget.TargetStatus.INVITED);
                case EXPLICIT_CLIENTS -> new CampaignTarget.Clients(everyone().stream()
                        .filter(c -> c != outsider).map(Client::id).collect(Collectors.toSet()));
            };
        }
    }

    /** Each target type with what it must count on the {@link Population}. */
    enum TargetKind {
        //                                  send acc unsub noEmail bounced erased cooldown
        ALL_CLIENTS(new PreviewCounts(3, 1, 2, 1, 1, 2, 2)),
        GROUP(new PreviewCounts(2, 1, 2, 1, 1, 0, 2)),
        LABEL(new PreviewCounts(2, 1, 2, 1, 1, 0, 2)),
        STATUS_ADDED(new PreviewCounts(2, 0, 1, 1, 0, 1, 1)),
        STATUS_INVITED(new PreviewCounts(1, 0, 1, 0, 1, 1, 1)),
        EXPLICIT_CLIENTS(new PreviewCounts(2, 1, 2, 1, 1, 2, 2));

        final PreviewCounts expected;

        TargetKind(PreviewCounts expected) {
            this.expected = expected;
        }
    }

    @Nested
    class PreviewMatchesRun {

        @ParameterizedTest
        @EnumSource(TargetKind.class)
        void preview_counts_equal_the_outcome_counts_of_the_run(TargetKind kind) {
            Population p = new Population();
            CampaignTarget target = p.target(kind);

            PreviewCounts preview = campaigns.preview(MANAGER, TENANT, target);
            Campaign created = campaigns.create(MANAGER, TENANT, target);
            Campaign done = campaigns.run(MANAGER, TENANT, created.id(), CampaignProgressListener.NONE);

            assertThat(preview).isEqualTo(kind.expected);
            assertThat(InviteKit.asPreview(done.progress())).isEqualTo(preview);
            assertThat(done.progress().considered()).isEqualTo(preview.total());
            assertThat(done.progress().skippedAlreadyInCampaign()).isZero();
            assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
            assertThat(done.completedAt()).contains(kit.t.clock.instant());
            assertThat(kit.invitationRows()).filteredOn(m -> m.campaignId().equals(Optional.of(created.id())))
                    .hasSize((int) preview.willSend());
        }

        @Test
        void a_campaign_to_all_clients_mails_exactly_the_eligible_ones() {
            Population p = new Population();
            Campaign created = campaigns.create(MANAGER, TENANT, new CampaignTarget.AllClients());

            campaigns.run(MANAGER, TENANT, created.id(), CampaignProgressListener.NONE);

            assertThat(kit.invitationRows()).filteredOn(m -> m.campaignId().isPresent())
                    .extracting(m -> m.clientId().orElseThrow())
                    .containsExactlyInAnyOrder(p.sendAdded.id(), p.sendInvited.id(), p.outsider.id());
        }

        @Test
        void a_chunk_larger_than_a_page_of_the_client_list_considers_every_client_once() {
            InviteKit big = new InviteKit(InvitationFixture.CONFIG);
            IntStream.range(0, 205).forEach(i -> big.added("Client" + (char) ('a' + i / 26) + (char) ('a' + i % 26)));

            PreviewCounts preview = big.campaigns.preview(OWNER, TENANT, new CampaignTarget.AllClients());
            Campaign created = big.campaigns.create(OWNER, TENANT, new CampaignTarget.AllClients());
            Campaign done = big.campaigns.run(OWNER, TENANT, created.id(), CampaignProgressListener.NONE);

            assertThat(preview.willSend()).isEqualTo(205);
            assertThat(done.progress().enqueued()).isEqualTo(205);
            assertThat(big.rowsPerClient()).hasSize(205).allSatisfy((id, rows) -> assertThat(rows).isEqualTo(1));
        }
    }

    @Nested
    class Progress {

        @Test
        void the_listener_hears_after_every_chunk_and_last_of_the_completion() {
            new Population();
            Campaign created = campaigns.create(MANAGER, TENANT, new CampaignTarget.AllClients());
            InviteKit.Recording listener = new InviteKit.Recording();

            Campaign done = campaigns.run(MANAGER, TENANT, created.id(), listener);

            assertThat(listener.seen).extracting(c -> c.progress().considered()).containsExactly(3L, 6L, 9L, 12L);
            assertThat(listener.seen).extracting(Campaign::status).containsExactly(CampaignStatus.RUNNING,
                    CampaignStatus.RUNNING, CampaignStatus.RUNNING, CampaignStatus.COMPLETED);
            assertThat(listener.seen).extracting(Campaign::position).doesNotHaveDuplicates()
                    .allSatisfy(position -> assertThat(position).isPresent());
            assertThat(listener.seen.get(3)).isEqualTo(done);
            assertThat(campaigns.get(VIEWER_WHO_INVITES, TENANT, created.id())).isEqualTo(done);
        }

        @Test
        void a_campaign_with_nothing_to_do_completes_in_one_step() {
            Campaign created = campaigns.create(MANAGER, TENANT, new CampaignTarget.AllClients());
            InviteKit.Recording listener = new InviteKit.Recording();

            Campaign done = campaigns.run(MANAGER, TENANT, created.id(), listener);

            assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
            assertThat(done.progress()).isEqualTo(CampaignProgress.NONE);
            assertThat(listener.seen).containsExactly(done);
        }

        @Test
        void each_enqueued_invitation_is_audited_and_published_with_the_campaign() {
            Client ana = kit.added("Ana");
            Campaign created = campaigns.create(MANAGER, TENANT, new CampaignTarget.AllClients());

            campaigns.run(MANAGER, TENANT, created.id(), CampaignProgressListener.NONE);

            assertThat(kit.t.memory.events().events(InvitationEvents.InvitationEnqueued.class))
                    .containsExactly(new InvitationEvents.InvitationEnqueued(TENANT, ana.id(),
                            Optional.of(created.id()), kit.t.clock.instant()));
            assertThat(kit.t.auditTrail(TENANT))
                    .filteredOn(e -> e.action() == AuditAction.INVITATION_ENQUEUED)
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.clientId()).isEqualTo(ana.id());
                        assertThat(e.actor()).isEqualTo(MANAGER.describe());
                    });
        }
    }

    /** Staff who may invite but do nothing else. */
    private static final Actor.Staff VIEWER_WHO_INVITES = Actor.Staff.of("inviter-1", TENANT, Permission.INVITE_CLIENTS);

    @Nested
    class Cooldown {

        private final List<Client> clients = new ArrayList<>();

        private Campaign runAll(InviteKit k) {
            Campaign created = k.campaigns.create(OWNER, TENANT, new CampaignTarget.AllClients());
            return k.campaigns.run(OWNER, TENANT, created.id(), CampaignProgressListener.NONE);
        }

        private void threeClients(InviteKit k) {
            clients.add(k.added("Ana"));
            clients.add(k.added("Bea"));
            clients.add(k.invitedLongAgo("Cleo"));
        }

        @Test
        void a_second_campaign_within_the_cooldown_enqueues_nothing() {
            threeClients(kit);
            runAll(kit);
            kit.t.clock.advance(Duration.ofHours(23).plusMinutes(59));

            PreviewCounts preview = campaigns.preview(OWNER, TENANT, new CampaignTarget.AllClients());
            Campaign second = runAll(kit);

            assertThat(preview).isEqualTo(new PreviewCounts(0, 0, 0, 0, 0, 0, 3));
            assertThat(second.progress().skippedInCooldown()).isEqualTo(3);
            assertThat(kit.invitationRows()).hasSize(3);
        }

        @Test
        void by_default_the_cooldown_lasts_24_hours() {
            threeClients(kit);
            runAll(kit);
            kit.dispatchAll();
            kit.t.clock.advance(Duration.ofHours(24).minusSeconds(1));
            assertThat(campaigns.preview(OWNER, TENANT, new CampaignTarget.AllClients()).inCooldown()).isEqualTo(3);

            kit.t.clock.advance(Duration.ofSeconds(1));
            PreviewCounts preview = campaigns.preview(OWNER, TENANT, new CampaignTarget.AllClients());
            Campaign again = runAll(kit);

            assertThat(preview.willSend()).isEqualTo(3);
            assertThat(again.progress().enqueued()).isEqualTo(3);
            assertThat(kit.rowsPerClient().values()).containsOnly(2L);
        }

        @Test
        void the_cooldown_is_configurable() {
            InviteKit hourly = new InviteKit(InvitationFixture.CONFIG.withResendCooldown(Duration.ofHours(1)));
            threeClients(hourly);
            runAll(hourly);
            hourly.dispatchAll();
            hourly.t.clock.advance(Duration.ofMinutes(59));
            assertThat(runAll(hourly).progress().enqueued()).isZero();

            hourly.t.clock.advance(Duration.ofMinutes(1));

            assertThat(runAll(hourly).progress().enqueued()).isEqualTo(3);
        }

        @Test
        void an_individual_invite_puts_the_client_in_cooldown_for_campaigns() {
            threeClients(kit);
            kit.invitations.invite(OWNER, TENANT, clients.get(0).id());
            kit.t.clock.advance(Duration.ofHours(2));

            Campaign campaign = runAll(kit);

            assertThat(campaign.progress().skippedInCooldown()).isEqualTo(1);
            assertThat(kit.rowsFor(clients.get(0).id())).hasSize(1);
        }

        @Test
        void a_cancelled_invitation_does_not_count_for_the_cooldown() {
            threeClients(kit);
            runAll(kit);
            clients.forEach(c -> kit.t.write(s -> s.outbox().cancelPending(TENANT, c.id(), MailKind.INVITATION)));

            Campaign again = runAll(kit);

            assertThat(again.progress().enqueued()).isEqualTo(3);
        }
    }

    @Nested
    class Creation {

        @Test
        void a_new_campaign_records_target_text_creator_and_time_and_is_not_started() {
            kit.t.clock.advance(Duration.ofHours(3));
            InvitationMessage custom = new InvitationMessage("Our new app", "Book classes from your phone.");
            CampaignTarget target = new CampaignTarget.WithStatus(CampaignTarget.TargetStatus.ADDED);

            Campaign created = campaigns.create(MANAGER, TENANT, target, custom);

            assertThat(created.tenantId()).isEqualTo(TENANT);
            assertThat(created.target()).isEqualTo(target);
            assertThat(created.customMessage()).contains(custom);
            assertThat(created.createdBy()).isEqualTo("staff:manager-1");
            assertThat(created.createdAt()).isEqualTo(kit.t.clock.instant());
            assertThat(created.status()).isEqualTo(CampaignStatus.CREATED);
            assertThat(created.progress()).isEqualTo(CampaignProgress.NONE);
            assertThat(created.position()).isEmpty();
            assertThat(campaigns.get(MANAGER, TENANT, created.id())).isEqualTo(created);
            assertThat(kit.invitationRows()).isEmpty();
        }

        @Test
        void a_custom_text_goes_to_every_mail_of_the_campaign() {
            kit.added("Ana");
            kit.added("Bea");
            InvitationMessage custom = new InvitationMessage("Our new app", "Book classes\nfrom your phone.");
            Campaign created = campaigns.create(MANAGER, TENANT, new CampaignTarget.AllClients(), custom);

            campaigns.run(MANAGER, TENANT, created.id(), CampaignProgressListener.NONE);

            assertThat(kit.invitationRows()).hasSize(2).allSatisfy(m -> {
                assertThat(m.subject()).isEqualTo("Our new app");
                assertThat(m.message()).isEqualTo("Book classes\nfrom your phone.");
            });
        }

        @Test
        void without_custom_text_each_client_gets_the_template_in_their_language() {
            InviteKit localized = new InviteKit(InvitationFixture.CONFIG, (tenant, kind, lang) -> new MessageTemplate(
                    "Subject in " + lang, "Message in " + lang));
            localized.t.memory.tenantSettings().put(TENANT, new TenantSettings(CountryCode.of("FR"),
                    List.of(LanguageTag.of("en"), LanguageTag.of("fr")), LockPolicy.DEFAULT));
            Client ana = localized.t.create(ClientDetails.named("Ana", "Lopez").withEmail("ana@example.com")
                    .withPreferredLanguage("fr"));
            Client bea = localized.added("Bea");
            Campaign created = localized.campaigns.create(OWNER, TENANT, new CampaignTarget.AllClients());

            localized.campaigns.run(OWNER, TENANT, created.id(), CampaignProgressListener.NONE);

            assertThat(localized.rowsFor(ana.id())).singleElement().satisfies(m -> {
                assertThat(m.subject()).isEqualTo("Subject in fr");
                assertThat(m.language()).isEqualTo("fr");
            });
            assertThat(localized.rowsFor(bea.id())).singleElement()
                    .satisfies(m -> assertThat(m.subject()).isEqualTo("Subject in en"));
        }

        @Test
        void the_outbox_rows_hold_the_text_and_recipient_but_no_link_or_token() {
            Client ana = kit.added("Ana");
            Campaign created = campaigns.create(MANAGER, TENANT, new CampaignTarget.AllClients());

            campaigns.run(MANAGER, TENANT, created.id(), CampaignProgressListener.NONE);

            OutboxMessage row = kit.rowsFor(ana.id()).get(0);
            assertThat(row.subject()).isEqualTo(InviteKit.TEMPLATE.subject());
            assertThat(row.message()).isEqualTo(InviteKit.TEMPLATE.message());
            assertThat(row.recipient()).isEqualTo(InviteKit.emailOf("Ana"));
            assertThat(row.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(row.toString()).doesNotContain("https://", "token", "studio.example");
            assertThat(kit.t.allIssuedTokens()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Hello\rBcc: x@evil.example", "Hello\nBcc: x@evil.example", "Hello\u0085there",
                "Hello\u2028there", "Hello\u2029there"})
        void a_subject_with_a_line_break_is_refused_and_no_campaign_is_created(String subject) {
            kit.added("Ana");

            ValidationException refused = catchThrowableOfType(() -> campaigns.create(MANAGER, TENANT,
                    new CampaignTarget.AllClients(), new InvitationMessage(subject, "Hi")),
                    ValidationException.class);

            assertThat(refused.field()).isEqualTo("subject");
            assertThat(refused.rule()).isEqualTo("line_break");
            assertThat(kit.t.allStoredCampaigns()).isEmpty();
            assertThat(kit.invitationRows()).isEmpty();
        }

        @Test
        void a_too_long_message_or_blank_subject_is_refused() {
            assertThatThrownBy(() -> campaigns.create(MANAGER, TENANT, new CampaignTarget.AllClients(),
                    new InvitationMessage("Hi", "x".repeat(InvitationMessage.MAX_MESSAGE + 1))))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("message");
                        assertThat(e.rule()).isEqualTo("max_length");
                    });
            assertThatThrownBy(() -> campaigns.create(MANAGER, TENANT, new CampaignTarget.AllClients(),
                    new InvitationMessage(" ", "Hi")))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("subject");
                        assertThat(e.rule()).isEqualTo("required");
                    });
            assertThat(kit.t.allStoredCampaigns()).isEmpty();
        }

        @Test
        void an_unsubscribed_client_is_skipped_by_campaigns() {
            Client ana = kit.unsubscribed(kit.added("Ana"));
            Client bea = kit.added("Bea");
            Campaign created = campaigns.create(MANAGER, TENANT, new CampaignTarget.AllClients());

            Campaign done = campaigns.run(MANAGER, TENANT, created.id(), CampaignProgressListener.NONE);

            assertThat(done.progress().skippedUnsubscribed()).isEqualTo(1);
            assertThat(kit.rowsFor(ana.id())).isEmpty();
            assertThat(kit.rowsFor(bea.id())).hasSize(1);
        }
    }

    @Nested
    class TenancyAndTargets {

        @Test
        void a_group_or_label_that_does_not_exist_in_the_tenant_is_not_found() {
            ClientGroup otherGroup = kit.t.clientele.groups().create(OTHER_OWNER, OTHER_TENANT, "Yoga");
            Label otherLabel = kit.t.clientele.labels().create(OTHER_OWNER, OTHER_TENANT, "VIP");
            List<CampaignTarget> targets = List.of(new CampaignTarget.Group(otherGroup.id()),
                    new CampaignTarget.WithLabel(otherLabel.id()),
                    new CampaignTarget.Group(new GroupId(UUID.randomUUID())),
                    new CampaignTarget.WithLabel(new LabelId(UUID.randomUUID())));

            for (CampaignTarget target : targets) {
                assertThatThrownBy(() -> campaigns.preview(OWNER, TENANT, target))
                        .isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> campaigns.create(OWNER, TENANT, target))
                        .isInstanceOf(NotFoundException.class);
            }
            assertThat(kit.t.allStoredCampaigns()).isEmpty();
        }

        @Test
        void explicit_clients_of_another_tenant_are_not_found() {
            Client ana = kit.added("Ana");
            Client foreign = kit.t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT,
                    ClientDetails.named("Zoe", "Other").withEmail("zoe@example.com"));
            CampaignTarget target = new CampaignTarget.Clients(Set.of(ana.id(), foreign.id()));

            NotFoundException notFound = catchThrowableOfType(
                    () -> campaigns.create(OWNER, TENANT, target), NotFoundException.class);

            assertThat(notFound.resource()).isEqualTo("client");
            assertThat(notFound.id()).isEqualTo(foreign.id().toString());
            assertThatThrownBy(() -> campaigns.preview(OWNER, TENANT, target)).isInstanceOf(NotFoundException.class);
            assertThat(kit.t.allStoredCampaigns()).isEmpty();
        }

        @Test
        void another_tenants_campaign_is_not_found() {
            kit.added("Ana");
            Campaign created = campaigns.create(OWNER, TENANT, new CampaignTarget.AllClients());

            assertThatThrownBy(() -> campaigns.get(OTHER_OWNER, OTHER_TENANT, created.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> campaigns.run(OTHER_OWNER, OTHER_TENANT, created.id(), CampaignProgressListener.NONE))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> campaigns.get(OWNER, TENANT, new CampaignId(UUID.randomUUID())))
                    .isInstanceOf(NotFoundException.class);
            assertThat(kit.invitationRows()).isEmpty();
            assertThat(campaigns.get(OWNER, TENANT, created.id()).status()).isEqualTo(CampaignStatus.CREATED);
        }

        @Test
        void a_campaign_only_reaches_clients_of_its_own_tenant() {
            Client ana = kit.added("Ana");
            kit.t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT,
                    ClientDetails.named("Zoe", "Other").withEmail("zoe@example.com"));
            Campaign created = campaigns.create(OWNER, TENANT, new CampaignTarget.AllClients());

            campaigns.run(OWNER, TENANT, created.id(), CampaignProgressListener.NONE);

            assertThat(kit.invitationRows()).extracting(OutboxMessage::clientId).containsExactly(Optional.of(ana.id()));
        }

        @Test
        void explicit_clients_are_walked_in_id_order_in_chunks() {
            List<ClientId> ids = IntStream.range(0, 7).mapToObj(i -> kit.added("Client" + (char) ('a' + i)).id())
                    .toList();
            Campaign created = campaigns.create(OWNER, TENANT, new CampaignTarget.Clients(Set.copyOf(ids)));
            InviteKit.Recording listener = new InviteKit.Recording();

            Campaign done = campaigns.run(OWNER, TENANT, created.id(), listener);

            List<ClientId> sorted = ids.stream().sorted(Comparator.comparing(ClientId::value)).toList();
            assertThat(listener.seen).extracting(c -> c.position().orElseThrow())
                    .containsExactly(sorted.get(2), sorted.get(5), sorted.get(6));
            assertThat(done.progress().enqueued()).isEqualTo(7);
        }
    }

    @Nested
    class Permissions {

        static Stream<Actor> deniedActors() {
            return Stream.of(VIEWER, NOBODY, TestClientele.staffWithout("no-invite", Permission.INVITE_CLIENTS),
                    new Actor.ClientSelf(new ClientId(UUID.randomUUID())));
        }

        @ParameterizedTest
        @MethodSource("deniedActors")
        void every_campaign_operation_needs_the_invite_permission(Actor actor) {
            Client ana = kit.added("Ana");
            Campaign created = campaigns.create(OWNER, TENANT, new CampaignTarget.AllClients());
            CampaignTarget target = new CampaignTarget.Clients(Set.of(ana.id()));

            assertThatThrownBy(() -> campaigns.preview(actor, TENANT, target))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> campaigns.create(actor, TENANT, target))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> campaigns.run(actor, TENANT, created.id(), CampaignProgressListener.NONE))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> campaigns.get(actor, TENANT, created.id()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThat(kit.t.allStoredCampaigns()).hasSize(1);
            assertThat(campaigns.get(OWNER, TENANT, created.id())).isEqualTo(created);
            assertThat(kit.invitationRows()).isEmpty();
        }

        @Test
        void the_system_may_run_a_campaign_a_staff_member_created() {
            kit.added("Ana");
            Campaign created = campaigns.create(MANAGER, TENANT, new CampaignTarget.AllClients());

            Campaign done = campaigns.run(new Actor.SystemActor("campaign-resumer"), TENANT, created.id(),
                    CampaignProgressListener.NONE);

            assertThat(done.progress().enqueued()).isEqualTo(1);
            assertThat(done.createdBy()).isEqualTo(MANAGER.describe());
        }
    }
}
