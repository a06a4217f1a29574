package io.clientele.invitation;

import static io.clientele.testing.TestClientele.CHEAP_ARGON2;
import static io.clientele.testing.TestClientele.INVITATIONS;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.adapter.memory.InMemoryMailOutbox;
import io.clientele.adapter.memory.InMemoryTokenRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.adapter.memory.RecordingMailSender;
import io.clientele.client.model.Client;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.service.DispatchReport;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * Regression test of issue 7, point 1, for a mail in flight: a dispatcher that read a claimed row
 * as pending and then waited for the client's lock, held by an edit of the client's address, went
 * on after the edit to issue fresh links and mail them, although the edit had cancelled the row
 * and revoked every link it could see. Shown on the runner without isolation (only row locks), as
 * a SQL database at READ COMMITTED behaves, with the interleaving forced by latches.
 */
class AddressChangeDispatchRaceTest {

    private final MutableClock clock = MutableClock.standard();
    private final MemoryTransactions tx = MemoryTransactions.interleaved();
    private final InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2, tx);
    private final InMemoryMailOutbox outbox = memory.outbox();
    private final InMemoryTokenRepository tokens = memory.tokens();
    private final RecordingMailSender sender = memory.mailSender();
    /** Counted down by the edit once it holds the client's lock; it then waits for {@link #dispatcherWaits}. */
    private final CountDownLatch editHoldsTheLock = new CountDownLatch(1);
    private final CountDownLatch dispatcherWaits = new CountDownLatch(1);
    private volatile Thread editor;

    @Test
    void a_dispatcher_waiting_for_the_client_while_the_address_changes_sends_nothing() throws Exception {
        Clientele clientele = clientele();
        Client ana = clientele.clients().create(OWNER, TENANT,
                ClientDetails.named("Ana", "López").withEmail(LinksToOldAddressTest.MISTYPED));
        clientele.invitations().invite(OWNER, TENANT, ana.id());
        tx.onLockWait(key -> dispatcherWaits.countDown());

        CompletableFuture<Client> edit = CompletableFuture.supplyAsync(() -> {
            editor = Thread.currentThread();
            return clientele.clients().editDetails(OWNER, TENANT, ana.id(), ana.version(),
                    ClientDetails.named("Ana", "López").withEmail(LinksToOldAddressTest.CORRECTED));
        });
        assertThat(editHoldsTheLock.await(10, TimeUnit.SECONDS)).as("the edit holds the client's lock").isTrue();
        // claims the row while it is still pending, then waits for the client's lock
        DispatchReport report = clientele.mailDispatcher().dispatchDue();
        edit.get(10, TimeUnit.SECONDS);

        System.out.println("RESULT name=race-address-change-dispatch mails_sent=" + sender.mails().size()
                + " live_links=" + liveLinks(ana.id()).size());
        assertThat(report.claimed()).isEqualTo(1);
        assertThat(sender.mails()).as("no mail to either address").isEmpty();
        assertThat(liveLinks(ana.id())).isEmpty();
        assertThat(outbox.listForClient(TENANT, ana.id())).singleElement()
                .extracting(OutboxMessage::status).isEqualTo(OutboxStatus.CANCELLED);
    }

    private List<IssuedToken> liveLinks(ClientId client) {
        Instant now = clock.instant();
        return tokens.contents().stream().map(IssuedToken.class::cast)
                .filter(t -> t.clientId().equals(client) && t.isLive(now)).toList();
    }

    /** Every port on the interleaved runner; the client store pauses the edit while it holds the lock. */
    private Clientele clientele() {
        return memory.installInto(Clientele.builder()).clock(clock).invitations(INVITATIONS).pacer(clock::advance)
                .clientRepository(pausingEdits(memory.clients()))
                .build();
    }

    /**
     * The client store, where the edit's save (made under the client's lock, before the address
     * change is told to anyone) waits until the dispatcher waits for that lock.
     */
    private ClientRepository pausingEdits(ClientRepository clients) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("update") && Thread.currentThread() == editor) {
                editHoldsTheLock.countDown();
                assertThat(dispatcherWaits.await(10, TimeUnit.SECONDS))
                        .as("the dispatcher waits for the client's lock").isTrue();
            }
            try {
                return method.invoke(clients, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (ClientRepository) Proxy.newProxyInstance(ClientRepository.class.getClassLoader(),
                new Class<?>[] {ClientRepository.class}, handler);
    }
}
