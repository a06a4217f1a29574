package io.clientele.intake;

import static io.clientele.testing.TestClientele.ownerOf;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryIntakeFormRepository;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.client.service.ClientGuard;
import io.clientele.common.Actor;
import io.clientele.common.CursorSeal;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.intake.service.IntakeFormService;
import io.clientele.testing.TestClientele;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * An {@link IntakeFormService} on a {@link TestClientele}'s in-memory adapters, clock and ids, with
 * its own intake store, and a facade built on the same adapters whose erasure runs the intake
 * eraser (so erasure is tested independently of the facade's own wiring). One per test.
 */
final class IntakeKit {

    final TestClientele t = TestClientele.inMemory();
    final InMemoryIntakeFormRepository store = new InMemoryIntakeFormRepository(t.memory.transactions());
    final IntakeFormService intake;
    final Clientele clientele;

    IntakeKit() {
        var m = t.memory;
        intake = new IntakeFormService(new IntakeFormService.Ports(new ClientGuard(m.clients(), m.tenantSettings()),
                m.audit(), m.events(), m.transactions(), t.clock, t.ids, store, CursorSeal.withRandomKey()));
        clientele = m.installInto(Clientele.builder()).clock(t.clock).ids(t.ids)
                .invitations(TestClientele.INVITATIONS).pacer(t.clock::advance)
                .erasureParticipant(intake.eraser()).build();
    }

    /** A client of the tenant. */
    Client client(String firstName) {
        return client(TENANT, firstName);
    }

    /** A client of the given tenant. */
    Client client(TenantId tenant, String firstName) {
        return clientele.clients().create(ownerOf(tenant), tenant, ClientDetails.named(firstName, "Tester")
                .withEmail(firstName.toLowerCase(Locale.ROOT) + ".tester@example.com"));
    }

    /** The client acting for themself. */
    static Actor.ClientSelf self(Client client) {
        return new Actor.ClientSelf(client.id());
    }

    /** Erases the client through the facade. */
    void erase(Client client) {
        clientele.erasure().erase(OWNER, TENANT, client.id());
    }

    /** Answers in the given order: question, answer, question, answer, ... */
    static Map<String, String> answers(String... questionsAndAnswers) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < questionsAndAnswers.length; i += 2) {
            answers.put(questionsAndAnswers[i], questionsAndAnswers[i + 1]);
        }
        return answers;
    }

    /** Everything every store holds, the intake store included, to show a command changed nothing. */
    Map<String, List<String>> storedState() {
        Map<String, List<String>> state = new HashMap<>(t.storedState());
        state.put(store.storeName(), store.contents().stream().map(String::valueOf).sorted().toList());
        return state;
    }

    /** Asserts that the call is refused naming the field and rule, and that no store changed. */
    void assertRefused(String field, String rule, ThrowingCallable call) {
        Map<String, List<String>> before = storedState();
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
        });
        assertThat(storedState()).isEqualTo(before);
    }
}
