package io.clientele.invitation;

import static io.clientele.testing.TestClientele.INVITATIONS;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.Clientele;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.ConfigurationException;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.TokenInspection;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.model.UnsubscribeResult;
import io.clientele.invitation.service.DispatchReport;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.port.MailSender;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression tests of issue 7, point 1: a client created with a mistyped address was invited, the
 * address was then corrected, and the link mailed to the mistyped address still activated the
 * account (the same with a password-reset link): whoever read that mailbox owned the account.
 */
class LinksToOldAddressTest {

    static final String MISTYPED = "ana.lopez@exmaple.com";
    static final String CORRECTED = "ana.lopez@example.com";
    private static final String FIRST_PASSWORD = "the first password";

    private final TestClientele t = new TestClientele();

    /** Who corrects the address. */
    enum Editor {
        STAFF(client -> OWNER),
        THE_CLIENT(client -> new Actor.ClientSelf(client.id()));

        final Function<Client, Actor> actor;

        Editor(Function<Client, Actor> actor) {
            this.actor = actor;
        }
    }

    /** Who corrects the address, and which link went to the mistyped one. */
    enum Case {
        STAFF_EDIT_ACTIVATION_LINK(Editor.STAFF, TokenPurpose.ACTIVATION),
        SELF_EDIT_ACTIVATION_LINK(Editor.THE_CLIENT, TokenPurpose.ACTIVATION),
        STAFF_EDIT_RESET_LINK(Editor.STAFF, TokenPurpose.PASSWORD_RESET),
        SELF_EDIT_RESET_LINK(Editor.THE_CLIENT, TokenPurpose.PASSWORD_RESET);

        final Editor editor;
        final TokenPurpose link;

        Case(Editor editor, TokenPurpose link) {
            this.editor = editor;
            this.link = link;
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void a_link_mailed_to_an_old_address_no_longer_opens_the_account(Case c) {
        Client ana = t.create(ClientDetails.named("Ana", "López").withEmail(MISTYPED));
        RenderedMail invitation = invite(ana);
        String link = token(invitation, "activate");
        if (c.link == TokenPurpose.PASSWORD_RESET) {
            assertThat(t.clientele.activation().activate(TENANT, link, FIRST_PASSWORD))
                    .isInstanceOf(ActivationResult.Activated.class);
            t.clientele.activation().requestPasswordReset(MANAGER, TENANT, ana.id());
            assertThat(t.clientele.mailDispatcher().dispatchDue().sent()).isEqualTo(1);
            link = token(lastMail(), "reset-password");
        }
        Client before = t.reload(ana.id());

        correctTheAddress(c.editor.actor.apply(before), before);

        assertThat(t.clientele.activation().inspect(TENANT, link)).isInstanceOf(TokenInspection.AlreadyUsed.class);
        assertThat(t.clientele.activation().activate(TENANT, link, "the taker's password"))
                .isInstanceOf(ActivationResult.AlreadyUsed.class);
        assertThat(t.verifiesPassword(TENANT, ana.id(), "the taker's password")).isFalse();
        assertThat(t.clientele.activation().inspectUnsubscribe(TENANT, token(invitation, "unsubscribe")))
                .isInstanceOf(UnsubscribeResult.Unknown.class);
        assertThat(t.reload(ana.id()).invitationStatus()).isEqualTo(before.invitationStatus());
        if (c.link == TokenPurpose.PASSWORD_RESET) {
            assertThat(t.verifiesPassword(TENANT, ana.id(), FIRST_PASSWORD)).isTrue();
        }
        assertThat(liveTokens(ana)).isEmpty();
        AuditEntry revoked = t.lastAudit(AuditAction.LINKS_REVOKED);
        assertThat(revoked.actor()).isEqualTo(c.editor.actor.apply(before).describe());
        assertThat(revoked.clientId()).isEqualTo(ana.id());
    }

    @Test
    void a_new_invitation_after_the_correction_reaches_the_new_address_and_works() {
        Client ana = t.create(ClientDetails.named("Ana", "López").withEmail(MISTYPED));
        invite(ana);
        correctTheAddress(OWNER, t.reload(ana.id()));
        t.clock.advance(Duration.ofMinutes(2));

        RenderedMail second = invite(t.reload(ana.id()));

        assertThat(second.to()).isEqualTo(CORRECTED);
        assertThat(t.clientele.activation().activate(TENANT, token(second, "activate"), "the owner's password"))
                .isInstanceOf(ActivationResult.Activated.class);
    }

    @Test
    void pending_invitation_and_reset_mails_are_cancelled_and_the_revocation_is_audited_with_counts_only() {
        Client ana = t.create(ClientDetails.named("Ana", "López").withEmail(MISTYPED));
        Client bo = t.create(ClientDetails.named("Bo", "Berg").withEmail("bo.berg@exmaple.com"));
        assertThat(t.clientele.activation().activate(TENANT, token(invite(bo), "activate"), FIRST_PASSWORD))
                .isInstanceOf(ActivationResult.Activated.class);
        t.clientele.invitations().invite(OWNER, TENANT, ana.id());
        t.clientele.activation().requestPasswordReset(MANAGER, TENANT, bo.id());

        correctTheAddress(OWNER, t.reload(ana.id()));
        t.clientele.clients().editDetails(OWNER, TENANT, bo.id(), t.reload(bo.id()).version(),
                ClientDetails.named("Bo", "Berg").withEmail("bo.berg@example.com"));

        assertThat(t.allOutboxMessages()).filteredOn(m -> m.status() == OutboxStatus.PENDING).isEmpty();
        assertThat(rows(ana, MailKind.INVITATION)).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo(OutboxStatus.CANCELLED);
            assertThat(m.recipient()).isEmpty();
        });
        assertThat(rows(bo, MailKind.PASSWORD_RESET)).singleElement()
                .extracting(OutboxMessage::status).isEqualTo(OutboxStatus.CANCELLED);
        int mailsBefore = t.memory.mailSender().mails().size();
        assertThat(t.clientele.mailDispatcher().dispatchAll().sent()).isZero();
        assertThat(t.memory.mailSender().mails()).hasSize(mailsBefore);

        List<AuditEntry> entries = t.auditEntries(AuditAction.LINKS_REVOKED);
        assertThat(entries).extracting(AuditEntry::clientId).containsExactly(ana.id(), bo.id());
        // the audit keeps the counts that changed
        assertThat(entries.get(0).changes()).containsExactly(
                FieldChange.plain("pendingInvitations", Optional.of(1), Optional.of(0)));
        // Bo's invitation left an unsubscribe link live after he accepted
        assertThat(entries.get(1).changes()).containsExactly(
                FieldChange.plain("liveLinks", Optional.of(1), Optional.of(0)),
                FieldChange.plain("pendingPasswordResets", Optional.of(1), Optional.of(0)));
        assertThat(entries).allSatisfy(e -> assertThat(e.toString())
                .doesNotContain("@", "ana", "lopez", "bo.berg", "exmaple"));
    }

    @Test
    void removing_the_address_revokes_the_links_too() {
        Client ana = t.create(ClientDetails.named("Ana", "López").withEmail(MISTYPED));
        String link = token(invite(ana), "activate");

        t.clientele.clients().editDetails(OWNER, TENANT, ana.id(), t.reload(ana.id()).version(),
                ClientDetails.named("Ana", "López"));

        assertThat(t.clientele.activation().activate(TENANT, link, "the taker's password"))
                .isInstanceOf(ActivationResult.AlreadyUsed.class);
        assertThat(t.auditEntries(AuditAction.LINKS_REVOKED)).hasSize(1);
    }

    @Test
    void an_edit_that_keeps_the_normalized_address_keeps_the_links() {
        Client ana = t.create(ClientDetails.named("Ana", "López").withEmail(CORRECTED));
        String link = token(invite(ana), "activate");

        Client renamed = t.clientele.clients().editDetails(OWNER, TENANT, ana.id(), t.reload(ana.id()).version(),
                ClientDetails.named("Anna", "López").withEmail("  Ana.Lopez@EXAMPLE.com "));

        assertThat(renamed.details().name().firstName()).isEqualTo("Anna");
        assertThat(t.auditEntries(AuditAction.LINKS_REVOKED)).isEmpty();
        assertThat(t.clientele.activation().activate(TENANT, link, "the owner's password"))
                .isInstanceOf(ActivationResult.Activated.class);
    }

    @ParameterizedTest
    @EnumSource(value = MailKind.class)
    void a_mail_in_flight_when_the_address_changes_leaves_no_live_link(MailKind kind) {
        Client ana = t.create(ClientDetails.named("Ana", "López").withEmail(MISTYPED));
        if (kind == MailKind.PASSWORD_RESET) {
            assertThat(t.clientele.activation().activate(TENANT, token(invite(ana), "activate"), FIRST_PASSWORD))
                    .isInstanceOf(ActivationResult.Activated.class);
        }
        Client before = t.reload(ana.id());
        // the address is corrected while the mail, claimed and rendered, is with the mail provider
        Clientele hooked = withSender(batch -> {
            correctTheAddress(OWNER, t.reload(ana.id()));
            return t.memory.mailSender().send(batch);
        });
        if (kind == MailKind.INVITATION) {
            hooked.invitations().invite(OWNER, TENANT, ana.id());
        } else {
            hooked.activation().requestPasswordReset(MANAGER, TENANT, ana.id());
        }

        DispatchReport report = hooked.mailDispatcher().dispatchDue();

        RenderedMail inFlight = lastMail();
        assertThat(inFlight.to()).isEqualTo(MISTYPED);
        String link = token(inFlight, kind == MailKind.INVITATION ? "activate" : "reset-password");
        assertThat(t.clientele.activation().activate(TENANT, link, "the taker's password"))
                .isInstanceOf(ActivationResult.AlreadyUsed.class);
        assertThat(liveTokens(ana)).isEmpty();
        assertThat(report).isEqualTo(new DispatchReport(1, 0, 0, 0, 1));
        assertThat(rows(ana, kind)).last().extracting(OutboxMessage::status).isEqualTo(OutboxStatus.CANCELLED);
        assertThat(t.reload(ana.id()).invitationStatus()).isEqualTo(before.invitationStatus());
    }

    /**
     * An unsubscribe cancels pending invitations without revoking any link: the links of an
     * invitation already with the provider are revoked when its (cancelled) row is recorded.
     */
    @Test
    void an_invitation_in_flight_when_the_client_unsubscribes_leaves_no_live_activation_link() {
        Client ana = t.create(ClientDetails.named("Ana", "López").withEmail(CORRECTED));
        RenderedMail earlier = invite(ana);
        String earlierUnsubscribe = token(earlier, "unsubscribe");
        t.clock.advance(Duration.ofHours(1));
        Clientele hooked = withSender(batch -> {
            t.clientele.activation().unsubscribe(TENANT, earlierUnsubscribe);
            return t.memory.mailSender().send(batch);
        });
        hooked.invitations().invite(OWNER, TENANT, ana.id());

        assertThat(hooked.mailDispatcher().dispatchDue().cancelled()).isEqualTo(1);

        String link = token(lastMail(), "activate");
        assertThat(t.clientele.activation().inspect(TENANT, link)).isInstanceOf(TokenInspection.AlreadyUsed.class);
        assertThat(t.clientele.activation().inspect(TENANT, token(earlier, "activate")))
                .as("unsubscribing leaves the links of mails sent before it as they were")
                .isInstanceOf(TokenInspection.Valid.class);
    }

    @Test
    void a_hosts_email_change_participant_is_told_after_the_links_are_revoked_and_can_roll_the_edit_back() {
        List<String> told = new ArrayList<>();
        AtomicBoolean refuse = new AtomicBoolean();
        Clientele withHost = t.builder().clock(t.clock).ids(t.ids)
                .invitations(INVITATIONS).pacer(t.clock::advance)
                .emailChangeParticipant((actor, before, after) -> {
                    told.add(actor.describe() + " " + before.details().email().orElseThrow() + " -> "
                            + after.details().email().orElseThrow() + " live=" + liveTokens(after).size());
                    if (refuse.get()) {
                        throw new IllegalStateException("identity system unavailable");
                    }
                })
                .build();
        Client ana = t.create(ClientDetails.named("Ana", "López").withEmail(MISTYPED));
        String link = token(invite(ana), "activate");
        refuse.set(true);

        assertThatThrownBy(() -> withHost.clients().editDetails(OWNER, TENANT, ana.id(), t.reload(ana.id()).version(),
                ClientDetails.named("Ana", "López").withEmail(CORRECTED))).isInstanceOf(IllegalStateException.class);
        assertThat(t.reload(ana.id()).details().email().orElseThrow().value()).isEqualTo(MISTYPED);
        assertThat(t.clientele.activation().inspect(TENANT, link)).isInstanceOf(TokenInspection.Valid.class);
        assertThat(t.auditEntries(AuditAction.LINKS_REVOKED)).isEmpty();

        refuse.set(false);
        withHost.clients().editDetails(OWNER, TENANT, ana.id(), t.reload(ana.id()).version(),
                ClientDetails.named("Ana", "López").withEmail(CORRECTED));

        assertThat(told).containsExactly("staff:owner-1 " + MISTYPED + " -> " + CORRECTED + " live=0",
                "staff:owner-1 " + MISTYPED + " -> " + CORRECTED + " live=0");
        assertThat(t.clientele.activation().inspect(TENANT, link)).isInstanceOf(TokenInspection.AlreadyUsed.class);
        assertThatThrownBy(() -> Clientele.builder().emailChangeParticipant(null))
                .isInstanceOf(ConfigurationException.class);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void correctTheAddress(Actor editor, Client client) {
        t.clientele.clients().editDetails(editor, TENANT, client.id(), client.version(),
                ClientDetails.named(client.details().name().firstName(), client.details().name().lastName())
                        .withEmail(CORRECTED));
    }

    /** Invites the client and dispatches; answers the mail sent. */
    private RenderedMail invite(Client client) {
        t.clientele.invitations().invite(OWNER, TENANT, client.id());
        assertThat(t.clientele.mailDispatcher().dispatchDue().sent()).isEqualTo(1);
        return lastMail();
    }

    /** A facade on the same stores whose mail sender is {@code sender}. */
    private Clientele withSender(MailSender sender) {
        return t.builder().mailSender(sender).clock(t.clock).ids(t.ids)
                .invitations(INVITATIONS).pacer(t.clock::advance).build();
    }

    private RenderedMail lastMail() {
        List<RenderedMail> mails = t.memory.mailSender().mails();
        return mails.get(mails.size() - 1);
    }

    private List<OutboxMessage> rows(Client client, MailKind kind) {
        return t.read(
                s -> s.outbox().listForClient(TENANT, client.id())).stream().filter(m -> m.kind() == kind).toList();
    }

    private List<IssuedToken> liveTokens(Client client) {
        return t.allIssuedTokens().stream()
                .filter(k -> k.clientId().equals(client.id()) && k.isLive(t.clock.instant())).toList();
    }

    static String token(RenderedMail mail, String path) {
        Matcher m = Pattern.compile("https://studio\\.example/" + path + "\\?tenant=studio-a&token=([A-Za-z0-9_-]{43})")
                .matcher(mail.textBody());
        assertThat(m.find()).as("a %s link", path).isTrue();
        return m.group(1);
    }

}
