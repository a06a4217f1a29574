package io.clientele.client.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 8, point 3: services set a client's invitation status themselves
 * ({@code withInvitationStatus(target)}), so activation stepped a client ADDED -> INVITED ->
 * ACCEPTED and the dispatcher re-checked ACCEPTED before calling the setter. The transitions now
 * live in the model, each only on its source states: {@link Client#markInvited} (ADDED or INVITED
 * to INVITED) and {@link Client#accept} (ADDED or INVITED to ACCEPTED); an accepted or erased
 * client refuses both. Random sequences of commands, checked against a model of the rules written
 * here, never reach another state.
 */
class InvitationStatePropertiesTest {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    enum Command { MARK_INVITED, ACCEPT, ERASE, LOCK }

    @Provide
    Arbitrary<List<Command>> commands() {
        return Arbitraries.of(Command.class).list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 500)
    void no_sequence_of_commands_reaches_a_state_the_rules_do_not_allow(@ForAll("commands") List<Command> commands) {
        Client client = newClient();
        // the rules, independently of Client: where the client stands, and whether it is erased
        InvitationStatus expected = InvitationStatus.ADDED;
        boolean erased = false;
        Instant at = START;
        for (Command command : commands) {
            at = at.plus(Duration.ofMinutes(1));
            Instant now = at;
            Client before = client;
            boolean allowed = !erased && switch (command) {
                case MARK_INVITED, ACCEPT -> expected != InvitationStatus.ACCEPTED;
                case ERASE, LOCK -> true;
            };
            if (!allowed) {
                assertThatThrownBy(() -> apply(before, command, now)).as("%s after %s", command, commands)
                        .isInstanceOfSatisfying(ConflictException.class,
                                e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
                assertThat(client).isEqualTo(before);
                continue;
            }
            client = apply(before, command, now);
            switch (command) {
                case MARK_INVITED -> expected = InvitationStatus.INVITED;
                case ACCEPT -> expected = InvitationStatus.ACCEPTED;
                case ERASE -> erased = true;
                case LOCK -> { }
            }
            assertThat(client.invitationStatus()).as("%s in %s", command, commands).isEqualTo(expected);
            assertThat(client.erased()).isEqualTo(erased);
            assertThat(client.updatedAt()).isEqualTo(now);
        }
    }

    @Test
    void a_client_accepts_from_added_or_invited_and_only_once() {
        Client added = newClient();

        assertThat(added.accept(START).invitationStatus()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(added.markInvited(START).accept(START).invitationStatus()).isEqualTo(InvitationStatus.ACCEPTED);
        Client accepted = added.accept(START);
        assertThatThrownBy(() -> accepted.accept(START)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> accepted.markInvited(START)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("cannot be invited again");
    }

    @Test
    void a_resend_keeps_an_invited_client_invited_and_stamps_the_update_time() {
        Client invited = newClient().markInvited(START);
        Instant later = START.plus(Duration.ofDays(2));

        Client resent = invited.markInvited(later);

        assertThat(resent.invitationStatus()).isEqualTo(InvitationStatus.INVITED);
        assertThat(resent.updatedAt()).isEqualTo(later);
    }

    @Test
    void an_erased_client_is_neither_invited_nor_accepted() {
        Client erased = newClient().markInvited(START).erase(START);

        assertThatThrownBy(() -> erased.markInvited(START)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> erased.accept(START)).isInstanceOf(ConflictException.class);
    }

    private static Client apply(Client client, Command command, Instant now) {
        return switch (command) {
            case MARK_INVITED -> client.markInvited(now);
            case ACCEPT -> client.accept(now);
            case ERASE -> client.erase(now);
            case LOCK -> client.withLocked(!client.locked(), now);
        };
    }

    private static Client newClient() {
        return Client.create(new ClientId(UUID.randomUUID()), TenantId.of("studio-a"),
                new PersonalDetails(new PersonName("Ana", "López"), Optional.of(EmailAddress.of("ana@example.com")),
                        Optional.empty(), Optional.empty(), Optional.empty()), START);
    }
}
