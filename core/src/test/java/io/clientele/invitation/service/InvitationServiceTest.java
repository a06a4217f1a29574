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
import static org.assertj.core.api.Assertions.tuple;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.invitation.model.SkipReason;
import io.clientele.invitation.service.InvitationService.CreatedAndInvited;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.MessageTemplate;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import io.clientele.common.Page;

class InvitationServiceTest {

    private final InviteKit kit = new InviteKit();
    private final InvitationService invitations = kit.invitations;

    private InviteOutcome invite(Client client) {
        return invitations.invite(MANAGER, TENANT, client.id());
    }

    private long clientsInTenant() {
        return kit.t.read(s -> s.clients().search(TENANT, ClientQuery.all().includingErased(), PageRequest.first(200)))
                .items().size();
    }

    /** A client in each situation an individual invite meets, with the outcome it must get. */
    enum Situation {
        ADDED(k -> k.added("Ana"), Optional.empty()),
        INVITED(k -> k.invitedLongAgo("Ana"), Optional.empty()),
        ACCEPTED(k -> k.accepted("Ana"), Optional.of(SkipReason.ACCEPTED)),
        UNSUBSCRIBED(k -> k.unsubscribed(k.added("Ana")), Optional.of(SkipReason.UNSUBSCRIBED)),
        UNSUBSCRIBED_AFTER_AN_INVITATION(k -> k.unsubscribed(k.invitedLongAgo("Ana")),
                Optional.of(SkipReason.UNSUBSCRIBED)),
        NO_EMAIL(k -> k.withoutEmail("Ana"), Optional.of(SkipReason.NO_EMAIL)),
        EMAIL_REJECTED(k -> k.emailRejected(k.invitedLongAgo("Ana")), Optional.of(SkipReason.BOUNCED)),
        ERASED(k -> k.erased(k.added("Ana")), Optional.of(SkipReason.ERASED)),
        ERASED_AFTER_ACCEPTING(k -> k.erased(k.accepted("Ana")), Optional.of(SkipReason.ERASED));

        final Function<InviteKit, Client> make;
        final Optional<SkipReason> skipped;

        Situation(Function<InviteKit, Client> make, Optional<SkipReason> skipped) {
            this.make = make;
            this.skipped = skipped;
        }
    }

    @Nested
    class Invite {

        @ParameterizedTest
        @EnumSource(Situation.class)
        void an_individual_invite_mails_added_and_invited_clients_and_skips_every_other_situation(Situation s) {
            Client client = s.make.apply(kit);

            InviteOutcome outcome = invite(client);

            if (s.skipped.isPresent()) {
                assertThat(outcome).isEqualTo(new InviteOutcome.Skipped(client.id(), s.skipped.get()));
                assertThat(kit.rowsFor(client.id())).isEmpty();
            } else {
                assertThat(outcome).isEqualTo(new InviteOutcome.Enqueued(client.id()));
                assertThat(kit.rowsFor(client.id())).hasSize(1);
            }
        }

        @Test
        void an_invitation_goes_to_the_outbox_with_the_template_and_is_audited_and_published() {
            kit.t.clock.advance(Duration.ofHours(1));
            Client ana = kit.added("Ana");

            invite(ana);

            assertThat(kit.rowsFor(ana.id())).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(MailKind.INVITATION);
                assertThat(m.campaignId()).isEmpty();
                assertThat(m.recipient()).isEqualTo(InviteKit.emailOf("Ana"));
                assertThat(m.language()).isEqualTo("en");
                assertThat(m.subject()).isEqualTo(InviteKit.TEMPLATE.subject());
                assertThat(m.message()).isEqualTo(InviteKit.TEMPLATE.message());
                assertThat(m.status()).isEqualTo(OutboxStatus.PENDING);
                assertThat(m.createdAt()).isEqualTo(kit.t.clock.instant());
            });
            assertThat(kit.t.auditTrail(TENANT)).filteredOn(e -> e.action() == AuditAction.INVITATION_ENQUEUED)
                    .extracting(AuditEntry::clientId, AuditEntry::actor)
                    .containsExactly(tuple(ana.id(), MANAGER.describe()));
            assertThat(kit.t.memory.events().events(InvitationEvents.InvitationEnqueued.class)).containsExactly(
                    new InvitationEvents.InvitationEnqueued(TENANT, ana.id(), Optional.empty(), kit.t.clock.instant()));
        }

        @Test
        void an_invite_does_not_change_the_invitation_status_until_the_mail_is_sent() {
            Client ana = kit.added("Ana");

            invite(ana);

            assertThat(kit.reload(ana.id()).invitationStatus()).isEqualTo(InvitationStatus.ADDED);
            assertThat(kit.reload(ana.id()).version()).isEqualTo(ana.version());
        }

        @Test
        void a_custom_text_replaces_the_template() {
            Client ana = kit.added("Ana");
            InvitationMessage custom = new InvitationMessage("Hi Ana!", "Book <b>online</b> now.");

            invitations.invite(MANAGER, TENANT, ana.id(), custom);

            assertThat(kit.rowsFor(ana.id())).singleElement().satisfies(m -> {
                assertThat(m.subject()).isEqualTo("Hi Ana!");
                assertThat(m.message()).isEqualTo("Book <b>online</b> now.");
            });
        }

        @Test
        void the_outbox_row_holds_the_text_but_no_link_or_token() {
            Client ana = kit.added("Ana");

            invite(ana);

            OutboxMessage row = kit.rowsFor(ana.id()).get(0);
            assertThat(row.toString()).doesNotContain("https://", "token", "studio.example");
            assertThat(List.of(row.subject(), row.message())).containsExactly(InviteKit.TEMPLATE.subject(),
                    InviteKit.TEMPLATE.message());
            assertThat(kit.t.allIssuedTokens()).isEmpty();
        }

        @Test
        void an_unsubscribed_client_is_refused_and_nothing_is_written() {
            Client ana = kit.unsubscribed(kit.added("Ana"));
            int auditBefore = kit.t.auditTrail(TENANT).size();

            InviteOutcome outcome = invitations.invite(OWNER, TENANT, ana.id(),
                    new InvitationMessage("Please come back", "We miss you."));

            assertThat(outcome).isEqualTo(new InviteOutcome.Skipped(ana.id(), SkipReason.UNSUBSCRIBED));
            assertThat(kit.t.allOutboxMessages()).isEmpty();
            assertThat(kit.t.auditTrail(TENANT)).hasSize(auditBefore);
            assertThat(kit.t.memory.events().events(InvitationEvents.InvitationEnqueued.class)).isEmpty();
        }
    }

    @Nested
    class Resend {

        @Test
        void an_individual_resend_is_not_held_back_by_the_campaign_cooldown() {
            Client ana = kit.added("Ana");
            invite(ana);
            kit.dispatchAll();
            kit.t.clock.advance(Duration.ofMinutes(5));

            InviteOutcome resend = invite(ana);

            assertThat(resend).isEqualTo(new InviteOutcome.Enqueued(ana.id()));
            assertThat(kit.rowsFor(ana.id())).hasSize(2);
        }

        @Test
        void a_second_invite_within_a_minute_is_taken_for_a_double_submit() {
            Client ana = kit.added("Ana");
            invite(ana);
            kit.t.clock.advance(Duration.ofSeconds(InvitationService.DOUBLE_SUBMIT_GUARD_SECONDS - 1));

            InviteOutcome twice = invite(ana);

            assertThat(twice).isEqualTo(new InviteOutcome.Skipped(ana.id(), SkipReason.IN_COOLDOWN));
            assertThat(kit.rowsFor(ana.id())).hasSize(1);
        }

        @Test
        void a_minute_after_an_invite_was_sent_the_next_one_is_sent() {
            Client ana = kit.added("Ana");
            invite(ana);
            kit.dispatchAll();
            kit.t.clock.advance(Duration.ofSeconds(InvitationService.DOUBLE_SUBMIT_GUARD_SECONDS));

            assertThat(invite(ana)).isEqualTo(new InviteOutcome.Enqueued(ana.id()));
        }

        @Test
        void while_an_invitation_waits_in_the_outbox_another_one_is_not_enqueued() {
            Client ana = kit.added("Ana");
            invite(ana);
            kit.t.clock.advance(Duration.ofHours(30));

            assertThat(invite(ana)).isEqualTo(new InviteOutcome.Skipped(ana.id(), SkipReason.IN_COOLDOWN));
            assertThat(kit.rowsFor(ana.id())).hasSize(1);
        }

        @Test
        void with_a_zero_cooldown_there_is_no_double_submit_guard_either() {
            InviteKit noCooldown = new InviteKit(InvitationFixture.CONFIG.withResendCooldown(Duration.ZERO));
            Client ana = noCooldown.added("Ana");
            noCooldown.invitations.invite(OWNER, TENANT, ana.id());
            noCooldown.dispatchAll();

            InviteOutcome twice = noCooldown.invitations.invite(OWNER, TENANT, ana.id());

            assertThat(twice).isEqualTo(new InviteOutcome.Enqueued(ana.id()));
        }

        @Test
        void an_accepted_client_is_never_invited_again() {
            Client ana = kit.added("Ana");
            invite(ana);
            kit.dispatchAll();
            kit.toStatus(ana.id(), InvitationStatus.ACCEPTED);
            kit.t.clock.advance(Duration.ofDays(30));

            assertThat(invite(ana)).isEqualTo(new InviteOutcome.Skipped(ana.id(), SkipReason.ACCEPTED));
            assertThat(kit.rowsFor(ana.id())).hasSize(1);
        }
    }

    @Nested
    class CreateAndInvite {

        @Test
        void a_new_client_is_created_and_invited_in_one_step() {
            CreatedAndInvited result = invitations.createAndInvite(MANAGER, TENANT,
                    ClientDetails.named("Ana", "López").withEmail("ana@example.com"), Optional.empty());

            Client stored = kit.reload(result.client().id());
            assertThat(stored).isEqualTo(result.client());
            assertThat(stored.invitationStatus()).isEqualTo(InvitationStatus.ADDED);
            assertThat(result.outcome()).isEqualTo(new InviteOutcome.Enqueued(stored.id()));
            assertThat(kit.rowsFor(stored.id())).singleElement()
                    .satisfies(m -> assertThat(m.recipient()).isEqualTo("ana@example.com"));
            assertThat(kit.t.auditTrail(TENANT)).extracting(AuditEntry::action)
                    .containsExactly(AuditAction.CLIENT_CREATED, AuditAction.INVITATION_ENQUEUED);
        }

        @Test
        void a_client_without_email_is_created_and_skipped() {
            CreatedAndInvited result = invitations.createAndInvite(MANAGER, TENANT, ClientDetails.named("Ana", "López"),
                    Optional.empty());

            assertThat(result.outcome()).isEqualTo(new InviteOutcome.Skipped(result.client().id(), SkipReason.NO_EMAIL));
            assertThat(clientsInTenant()).isEqualTo(1);
            assertThat(kit.t.allOutboxMessages()).isEmpty();
        }

        @Test
        void invalid_details_create_nothing() {
            ValidationException refused = catchThrowableOfType(() -> invitations.createAndInvite(MANAGER, TENANT,
                    ClientDetails.named("Ana", "López").withEmail("not-an-email"), Optional.empty()),
                    ValidationException.class);

            assertThat(refused.field()).isEqualTo("email");
            assertThat(clientsInTenant()).isZero();
            assertThat(kit.t.allOutboxMessages()).isEmpty();
            assertThat(kit.t.auditTrail(TENANT)).isEmpty();
        }

        @Test
        void a_duplicate_email_creates_nothing() {
            kit.t.create(ClientDetails.named("Ana", "López").withEmail("ana@example.com"));

            assertThatThrownBy(() -> invitations.createAndInvite(MANAGER, TENANT,
                    ClientDetails.named("Other", "Ana").withEmail("ANA@example.com"), Optional.empty()))
                    .isInstanceOf(ConflictException.class);

            assertThat(clientsInTenant()).isEqualTo(1);
            assertThat(kit.t.allOutboxMessages()).isEmpty();
        }

        @Test
        void when_the_invitation_cannot_be_written_the_client_is_not_created_either() {
            InviteKit broken = new InviteKit(InvitationFixture.CONFIG, (tenant, kind, lang) -> {
                throw new IllegalStateException("template store unavailable");
            });

            assertThatThrownBy(() -> broken.invitations.createAndInvite(MANAGER, TENANT,
                    ClientDetails.named("Ana", "López").withEmail("ana@example.com"), Optional.empty()))
                    .hasMessage("template store unavailable");

            assertThat(broken.t.<Page<ClientSummary>>read(
                    s -> s.clients().search(TENANT, ClientQuery.all().includingErased(),
                    PageRequest.first())).items()).isEmpty();
            assertThat(broken.t.<Optional<ClientId>>read(s -> s.clients().findIdByEmail(TENANT,
                    EmailAddress.of("ana@example.com")))).isEmpty();
            assertThat(broken.t.auditTrail(TENANT)).isEmpty();
            assertThat(broken.t.memory.events().events()).isEmpty();
            assertThat(broken.t.allOutboxMessages()).isEmpty();
        }

        @Test
        void creating_and_inviting_needs_both_the_edit_and_the_invite_permission() {
            Actor.Staff editorOnly = Actor.Staff.of("editor-1", TENANT, Permission.EDIT_CLIENTS);
            Actor.Staff inviterOnly = Actor.Staff.of("inviter-1", TENANT, Permission.INVITE_CLIENTS);
            ClientDetails details = ClientDetails.named("Ana", "López").withEmail("ana@example.com");

            assertThatThrownBy(() -> invitations.createAndInvite(editorOnly, TENANT, details, Optional.empty()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> invitations.createAndInvite(inviterOnly, TENANT, details, Optional.empty()))
                    .isInstanceOf(AccessDeniedException.class);

            assertThat(clientsInTenant()).isZero();
            assertThat(kit.t.allOutboxMessages()).isEmpty();
        }
    }

    @Nested
    class DefaultMessage {

        @Test
        void staff_get_the_tenant_template_in_the_asked_language_to_prefill_their_form() {
            List<String> asked = new CopyOnWriteArrayList<>();
            InviteKit localized = new InviteKit(InvitationFixture.CONFIG, (tenant, kind, lang) -> {
                asked.add(tenant + "/" + kind + "/" + lang);
                return new MessageTemplate("Rejoignez-nous", "Activez votre compte.");
            });

            MessageTemplate template = localized.invitations.defaultMessage(MANAGER, TENANT, "FR-ca");

            assertThat(template.subject()).isEqualTo("Rejoignez-nous");
            assertThat(asked).containsExactly(TENANT + "/" + MailKind.INVITATION + "/fr-CA");
        }

        @Test
        void a_malformed_language_is_refused() {
            ValidationException refused = catchThrowableOfType(
                    () -> invitations.defaultMessage(MANAGER, TENANT, "not a language!"), ValidationException.class);

            assertThat(refused.field()).isEqualTo("language");
        }
    }

    @Nested
    class Validation {

        @ParameterizedTest
        @ValueSource(strings = {"Hello\rBcc: x@evil.example", "Hello\nBcc: x@evil.example", "Hello\r\nthere",
                "Hello\u0085there", "Hello\u2028there", "Hello\u2029there"})
        void a_subject_with_a_line_break_is_refused_and_no_mail_is_written(String subject) {
            Client ana = kit.added("Ana");

            ValidationException refused = catchThrowableOfType(() -> invitations.invite(MANAGER, TENANT, ana.id(),
                    new InvitationMessage(subject, "Hi")), ValidationException.class);

            assertThat(refused.field()).isEqualTo("subject");
            assertThat(refused.rule()).isEqualTo("line_break");
            assertThat(kit.t.allOutboxMessages()).isEmpty();
        }

        @Test
        void a_subject_or_message_that_is_too_long_or_blank_is_refused() {
            Client ana = kit.added("Ana");

            assertThatThrownBy(() -> invitations.invite(MANAGER, TENANT, ana.id(), 
                    new InvitationMessage("x".repeat(InvitationMessage.MAX_SUBJECT + 1), "Hi")))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("subject");
                        assertThat(e.rule()).isEqualTo("max_length");
                    });
            assertThatThrownBy(() -> invitations.createAndInvite(MANAGER, TENANT,
                    ClientDetails.named("Bea", "Lopez").withEmail("bea@example.com"),
                    Optional.of(new InvitationMessage("Hi", "x".repeat(InvitationMessage.MAX_MESSAGE + 1)))))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("message");
                        assertThat(e.rule()).isEqualTo("max_length");
                    });
            assertThatThrownBy(() -> invitations.invite(MANAGER, TENANT, ana.id(), 
                    new InvitationMessage("\u00A0 ", "Hi")))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.rule()).isEqualTo("required"));
            assertThat(kit.t.allOutboxMessages()).isEmpty();
            assertThat(clientsInTenant()).isEqualTo(1);
        }

        @Test
        void a_message_keeps_its_line_breaks_as_plain_text() {
            Client ana = kit.added("Ana");

            invitations.invite(MANAGER, TENANT, ana.id(),
                    new InvitationMessage("Hello", "Line one\r\nLine <two> & three"));

            assertThat(kit.rowsFor(ana.id()).get(0).message()).isEqualTo("Line one\nLine <two> & three");
        }
    }

    @Nested
    class TenancyAndPermissions {

        @Test
        void another_tenants_client_is_not_found() {
            Client foreign = kit.t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT,
                    ClientDetails.named("Zoe", "Other").withEmail("zoe@example.com"));

            assertThatThrownBy(() -> invitations.invite(OWNER, TENANT, foreign.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> invitations.invite(OWNER, TENANT, new ClientId(UUID.randomUUID()))).isInstanceOf(NotFoundException.class);
            assertThat(kit.t.allOutboxMessages()).isEmpty();
        }

        @Test
        void a_client_created_and_invited_lands_in_the_callers_tenant_only() {
            CreatedAndInvited result = invitations.createAndInvite(OTHER_OWNER, OTHER_TENANT,
                    ClientDetails.named("Zoe", "Other").withEmail("zoe@example.com"), Optional.empty());

            assertThat(result.client().tenantId()).isEqualTo(OTHER_TENANT);
            assertThat(kit.t.<Optional<Client>>read(s -> s.clients().find(TENANT, result.client().id()))).isEmpty();
            assertThat(kit.t.allOutboxMessages()).singleElement()
                    .satisfies(m -> assertThat(m.tenantId()).isEqualTo(OTHER_TENANT));
        }

        static Stream<Arguments> deniedActors() {
            return Stream.of(Arguments.of(VIEWER), Arguments.of(NOBODY),
                    Arguments.of(TestClientele.staffWithout("no-invite", Permission.INVITE_CLIENTS)));
        }

        @ParameterizedTest
        @MethodSource("deniedActors")
        void every_invitation_operation_needs_the_invite_permission(Actor actor) {
            Client ana = kit.added("Ana");

            assertThatThrownBy(() -> invitations.invite(actor, TENANT, ana.id()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> invitations.createAndInvite(actor, TENANT,
                    ClientDetails.named("Bea", "Lopez").withEmail("bea@example.com"), Optional.empty()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> invitations.defaultMessage(actor, TENANT, "en"))
                    .isInstanceOf(AccessDeniedException.class);
            assertThat(kit.t.allOutboxMessages()).isEmpty();
            assertThat(clientsInTenant()).isEqualTo(1);
        }

        @Test
        void a_client_cannot_invite_themself() {
            Client ana = kit.added("Ana");
            Actor self = new Actor.ClientSelf(ana.id());

            assertThatThrownBy(() -> invitations.invite(self, TENANT, ana.id()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> invitations.defaultMessage(self, TENANT, "en"))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> invitations.createAndInvite(self, TENANT, ClientDetails.named("Bea", "Lopez"),
                    Optional.empty())).isInstanceOf(AccessDeniedException.class);
            assertThat(kit.t.allOutboxMessages()).isEmpty();
        }
    }
}
