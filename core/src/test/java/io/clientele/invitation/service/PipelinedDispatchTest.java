package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.adapter.memory.InMemoryMessageTemplates;
import io.clientele.adapter.memory.SimpleMailComposer;
import io.clientele.client.model.Client;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.TransactionRunner;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import io.clientele.mail.port.MailOutbox;
import io.clientele.mail.port.MailSender;
import io.clientele.testing.TestClientele;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MailDispatcher#dispatchAll()}'s pipeline: the next batch is claimed and prepared while one
 * is sent, on the dispatcher's second thread; every batch sent is recorded before the call returns;
 * an interrupt, a failing claim, a rate limit and a small first batch each behave as documented.
 */
class PipelinedDispatchTest {

    private final TestClientele t = new TestClientele();
    private final InMemoryMessageTemplates templates = new InMemoryMessageTemplates(t.memory.tenantSettings());
    /** Every {@code claimDue} call: the thread it ran on. */
    private final List<String> claimThreads = new CopyOnWriteArrayList<>();
    /** Every unit of work: the thread it ran on. */
    private final Set<String> unitThreads = ConcurrentHashMap.newKeySet();
    /** One latch per claim, by call number, counted down when the claim is made. */
    private final Map<Integer, CountDownLatch> claimsMade = new ConcurrentHashMap<>();
    /** Claims to fail, by call number (1 = the first claim). */
    private final Map<Integer, RuntimeException> failingClaims = new ConcurrentHashMap<>();

    @AfterEach
    void clearInterrupt() {
        // a test that interrupts the test thread must not leave it so for the next one
        Thread.interrupted();
    }

    @Test
    void the_next_batch_is_claimed_while_one_is_sent_and_every_batch_is_recorded_before_the_call_returns() {
        List<Client> clients = clients(40);
        List<Integer> claimsSeenBySends = new CopyOnWriteArrayList<>();
        List<String> sendThreads = new CopyOnWriteArrayList<>();
        MailSender sender = batch -> {
            sendThreads.add(Thread.currentThread().getName());
            int sends = claimsSeenBySends.size() + 1;
            if (sends == 2 || sends == 3) {
                // without a pipeline the next claim only comes after this send returns: this waits in vain
                awaitClaim(sends + 1);
            }
            claimsSeenBySends.add(claimThreads.size());
            return sent(batch);
        };
        MailDispatcher dispatcher = dispatcher(InvitationFixture.CONFIG.withDispatchBatchSize(10), sender);

        DispatchReport report = dispatcher.dispatchAll();

        assertThat(report).isEqualTo(new DispatchReport(40, 40, 0, 0, 0));
        // the first batch goes alone (its sending time decides on the pipeline); sends 2 and 3 each
        // saw the next batch claimed (send 4 races the claim that finds nothing)
        assertThat(claimsSeenBySends).hasSize(4);
        assertThat(claimsSeenBySends.subList(0, 3)).containsExactly(1, 3, 4);
        assertThat(sendThreads).containsOnly(Thread.currentThread().getName());
        assertThat(claimThreads).hasSize(5);
        assertThat(claimThreads.get(0)).isEqualTo(Thread.currentThread().getName());
        assertThat(claimThreads.subList(1, 5)).containsOnly(MailDispatcher.DB_THREAD);
        // recorded before the call returned: rows sent, clients invited, one event each
        assertThat(t.allOutboxMessages()).extracting(OutboxMessage::status).containsOnly(OutboxStatus.SENT);
        assertThat(clients).allSatisfy(c -> assertThat(t.reload(c.id()).invitationStatus())
                .isEqualTo(InvitationStatus.INVITED));
        assertThat(t.memory.events().events(InvitationEvents.InvitationSent.class)).hasSize(40);
        // the call ends its thread (which exits once told to)
        assertEnded(MailDispatcher.DB_THREAD);
    }

    @Test
    void a_slow_sending_turns_the_pipeline_off() {
        clients(30);
        List<Integer> claimsSeenBySends = new CopyOnWriteArrayList<>();
        MailSender slow = batch -> {
            claimsSeenBySends.add(claimThreads.size());
            // a quarter of the lease per batch: a batch claimed ahead could outlive its lease
            t.clock.advance(InvitationFixture.CONFIG.dispatchLease().dividedBy(4));
            return sent(batch);
        };
        MailDispatcher dispatcher = dispatcher(InvitationFixture.CONFIG.withDispatchBatchSize(10), slow);

        assertThat(dispatcher.dispatchAll()).isEqualTo(new DispatchReport(30, 30, 0, 0, 0));

        // each batch claimed only after the one before was sent
        assertThat(claimsSeenBySends).containsExactly(1, 2, 3);
    }

    @Test
    void an_interrupt_stops_the_claiming_but_the_batch_already_claimed_is_sent_and_recorded() {
        clients(50);
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        MailSender sender = batch -> {
            batchSizes.add(batch.size());
            if (batchSizes.size() == 2) {
                Thread.currentThread().interrupt();
            }
            return sent(batch);
        };
        MailDispatcher dispatcher = dispatcher(InvitationFixture.CONFIG.withDispatchBatchSize(10), sender);

        DispatchReport report = dispatcher.dispatchAll();

        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        // batch 3 was claimed while batch 2 was sent; no batch after it
        assertThat(report).isEqualTo(new DispatchReport(30, 30, 0, 0, 0));
        assertThat(batchSizes).containsExactly(10, 10, 10);
        assertThat(t.allOutboxMessages()).extracting(OutboxMessage::status)
                .filteredOn(s -> s == OutboxStatus.SENT).hasSize(30);
        // nothing is left claimed: the other 20 are due now, not after a lease
        assertThat(dispatcher(InvitationFixture.CONFIG.withDispatchBatchSize(100), this::sent).dispatchDue())
                .isEqualTo(new DispatchReport(20, 20, 0, 0, 0));
    }

    @Test
    void an_error_while_sending_ends_the_call_and_leaves_the_batches_in_flight_to_their_lease() {
        clients(40);
        AtomicInteger sends = new AtomicInteger();
        SenderBroke broke = new SenderBroke();
        MailDispatcher dispatcher = dispatcher(InvitationFixture.CONFIG.withDispatchBatchSize(10), batch -> {
            if (sends.incrementAndGet() == 2) {
                throw broke;
            }
            return sent(batch);
        });

        assertThatThrownBy(dispatcher::dispatchAll).isSameAs(broke);

        joinThreads(MailDispatcher.DB_THREAD);
        assertThat(t.allOutboxMessages()).extracting(OutboxMessage::status)
                .filteredOn(s -> s == OutboxStatus.SENT).hasSize(10);
        // batch 2 (being sent) and batch 3 (claimed ahead) stay leased; batch 4 is due
        MailDispatcher next = dispatcher(InvitationFixture.CONFIG.withDispatchBatchSize(100), this::sent);
        assertThat(next.dispatchDue()).isEqualTo(new DispatchReport(10, 10, 0, 0, 0));
        t.clock.advance(InvitationFixture.CONFIG.dispatchLease().plusSeconds(1));
        assertThat(next.dispatchDue()).isEqualTo(new DispatchReport(20, 20, 0, 0, 0));
    }

    @Test
    void a_call_inside_a_unit_of_work_fails_after_the_lease_instead_of_waiting_for_good() {
        clients(20);
        MailDispatcher dispatcher = dispatcher(
                InvitationFixture.CONFIG.withDispatchBatchSize(10).withDispatchLease(Duration.ofSeconds(1)), this::sent);

        assertThatThrownBy(() -> t.stores.transactions().inTransaction(dispatcher::dispatchAll))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must not be called inside a unit of work");
        joinThreads(MailDispatcher.DB_THREAD);
    }

    @Test
    void a_failing_claim_ends_the_call_with_its_exception_after_the_batches_sent_are_recorded() {
        List<Client> clients = clients(30);
        IllegalStateException down = new IllegalStateException("database down");
        failingClaims.put(3, down);
        MailDispatcher dispatcher = dispatcher(InvitationFixture.CONFIG.withDispatchBatchSize(10), this::sent);

        assertThatThrownBy(dispatcher::dispatchAll).isSameAs(down);

        // batches 1 and 2 went out and were recorded; batch 3 was never claimed
        assertThat(t.allOutboxMessages()).extracting(OutboxMessage::status)
                .filteredOn(s -> s == OutboxStatus.SENT).hasSize(20);
        assertThat(clients).filteredOn(c -> t.reload(c.id()).invitationStatus() == InvitationStatus.INVITED)
                .hasSize(20);
        assertThat(dispatcher.dispatchAll()).isEqualTo(new DispatchReport(10, 10, 0, 0, 0));
    }

    @Test
    void with_a_rate_limit_the_batches_run_one_after_the_other_on_the_calling_thread() {
        clients(30);
        List<Integer> claimsSeenBySends = new CopyOnWriteArrayList<>();
        MailSender sender = batch -> {
            claimsSeenBySends.add(claimThreads.size());
            return sent(batch);
        };
        MailDispatcher dispatcher = dispatcher(
                InvitationFixture.CONFIG.withDispatchBatchSize(10).withMaxMessagesPerSecond(10), sender);

        assertThat(dispatcher.dispatchAll()).isEqualTo(new DispatchReport(30, 30, 0, 0, 0));

        assertThat(claimsSeenBySends).containsExactly(1, 2, 3);
        assertThat(unitThreads).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void a_first_batch_that_is_not_full_runs_on_the_calling_thread_alone() {
        clients(7);
        MailDispatcher dispatcher = dispatcher(InvitationFixture.CONFIG.withDispatchBatchSize(10), this::sent);

        assertThat(dispatcher.dispatchAll()).isEqualTo(new DispatchReport(7, 7, 0, 0, 0));

        assertThat(unitThreads).containsOnly(Thread.currentThread().getName());
        assertThat(claimThreads).hasSize(2);
    }

    @Test
    void a_pipelined_call_claims_at_most_max_batches_per_run_batches() {
        int batches = MailDispatcher.MAX_BATCHES_PER_RUN;
        clients(batches + 3);
        AtomicInteger sends = new AtomicInteger();
        MailDispatcher dispatcher = dispatcher(InvitationFixture.CONFIG.withDispatchBatchSize(1), batch -> {
            sends.incrementAndGet();
            return sent(batch);
        });

        assertThat(dispatcher.dispatchAll().sent()).isEqualTo(batches);

        assertThat(claimThreads).hasSize(batches);
        assertThat(sends).hasValue(batches);
        assertThat(dispatcher.dispatchAll().sent()).isEqualTo(3);
    }

    @Test
    void a_host_thread_factory_makes_the_second_thread_on_the_calling_thread_and_can_hand_it_the_callers_context() {
        clients(30);
        ThreadLocal<String> requestId = new ThreadLocal<>();
        List<String> factoryCalledOn = new CopyOnWriteArrayList<>();
        // a host's factory that copies a thread-local of the caller (as one would a logging MDC)
        ThreadFactory copying = runnable -> {
            factoryCalledOn.add(Thread.currentThread().getName());
            String caller = requestId.get();
            Thread thread = new Thread(() -> {
                requestId.set(caller);
                runnable.run();
            }, "host-dispatch");
            thread.setDaemon(true);
            return thread;
        };
        List<String> contextAtClaims = new CopyOnWriteArrayList<>();
        MailDispatcher dispatcher = dispatcher(InvitationFixture.CONFIG.withDispatchBatchSize(10), this::sent,
                copying, () -> contextAtClaims.add(String.valueOf(requestId.get())));
        requestId.set("request-42");
        try {
            assertThat(dispatcher.dispatchAll()).isEqualTo(new DispatchReport(30, 30, 0, 0, 0));
        } finally {
            requestId.remove();
        }

        assertThat(factoryCalledOn).containsExactly(Thread.currentThread().getName());
        assertThat(claimThreads.get(0)).isEqualTo(Thread.currentThread().getName());
        assertThat(claimThreads.subList(1, claimThreads.size())).isNotEmpty().containsOnly("host-dispatch");
        assertThat(contextAtClaims).containsOnly("request-42");
        // the call ends the host's thread too
        assertEnded("host-dispatch");
    }

    /** Ways a host's thread factory can fail to give the pipeline a working thread. */
    enum BrokenFactory {
        /** Answers no thread. */
        NULL(runnable -> null),
        /** Throws. */
        THROWS(runnable -> {
            throw new IllegalStateException("the host's pool is shut down");
        }),
        /** Answers a thread already started (and done). */
        STARTED(runnable -> {
            Thread thread = new Thread(() -> { });
            thread.start();
            return thread;
        }),
        /** Answers a thread that never runs the runnable it was given. */
        NEVER_RUNS(runnable -> {
            Thread thread = new Thread(() -> { });
            thread.setDaemon(true);
            return thread;
        });

        final ThreadFactory factory;

        BrokenFactory(ThreadFactory factory) {
            this.factory = factory;
        }
    }

    @ParameterizedTest
    @EnumSource(BrokenFactory.class)
    void a_thread_factory_that_gives_no_working_thread_leaves_the_batches_one_after_the_other_on_the_calling_thread(
            BrokenFactory broken) {
        String caller = Thread.currentThread().getName();
        clients(30);
        // a short lease: a thread that never runs is given up on after a quarter of it
        InvitationConfig config = InvitationFixture.CONFIG.withDispatchBatchSize(10).withDispatchLease(Duration.ofSeconds(2));

        DispatchReport report = dispatcher(config, this::sent, broken.factory, () -> { }).dispatchAll();

        assertThat(report).isEqualTo(new DispatchReport(30, 30, 0, 0, 0));
        assertThat(claimThreads).hasSize(4).containsOnly(caller);
        assertThat(unitThreads).containsOnly(caller);
        assertThat(t.allOutboxMessages()).extracting(OutboxMessage::status).containsOnly(OutboxStatus.SENT);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private List<SendResult> sent(List<RenderedMail> batch) {
        return batch.stream().<SendResult>map(m -> new SendResult.Sent(m.id())).toList();
    }

    /**
     * A dispatcher on the test's adapters whose outbox records each claim's thread (and fails the
     * claims {@link #failingClaims} names), and whose transaction runner records each unit's thread.
     */
    private MailDispatcher dispatcher(InvitationConfig config, MailSender sender) {
        return dispatcher(config, sender, MailDispatcher.defaultThreads(), () -> { });
    }

    /** As above, with {@code threads} making the second thread and {@code atClaim} run at each claim. */
    private MailDispatcher dispatcher(InvitationConfig config, MailSender sender, ThreadFactory threads,
            Runnable atClaim) {
        InvitationFixture.PortWrapper observe = new InvitationFixture.PortWrapper() {
            @Override
            public <P> P wrap(Class<P> port, P adapter) {
                if (port == MailOutbox.class) {
                    return observing(port, adapter, "claimDue", () -> {
                        atClaim.run();
                        claimThreads.add(Thread.currentThread().getName());
                        claimMade(claimThreads.size()).countDown();
                        RuntimeException failure = failingClaims.get(claimThreads.size());
                        if (failure != null) {
                            throw failure;
                        }
                    });
                }
                if (port == TransactionRunner.class) {
                    return observing(port, adapter, "inTransaction",
                            () -> unitThreads.add(Thread.currentThread().getName()));
                }
                return adapter;
            }
        };
        InvitationServices.Ports ports = InvitationFixture.ports(t, config, InviteKit.noCredentials(), templates,
                sender, new SimpleMailComposer(), d -> t.clock.advance(d), observe).withDispatchThreads(threads);
        return InvitationFixture.services(t, ports).dispatcher();
    }

    /** {@code adapter}, with {@code before} run ahead of every call of the method named {@code method}. */
    private static <P> P observing(Class<P> port, P adapter, String method, Runnable before) {
        Object proxy = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (p, m, args) -> {
            if (m.getName().equals(method)) {
                before.run();
            }
            try {
                return m.invoke(adapter, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return port.cast(proxy);
    }

    private List<Client> clients(int count) {
        InvitationSupport support = new InvitationSupport(InvitationFixture.ports(t, InvitationFixture.CONFIG,
                InviteKit.noCredentials(), templates));
        List<Client> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Client client = t.create(ClientDetails.named("Client", "N" + Integer.toString(i, 26).chars()
                    .mapToObj(c -> String.valueOf((char) ('a' + Character.digit(c, 26)))).reduce("", String::concat)).withEmail("client" + i + "@example.com"));
            t.stores.transactions().inTransaction(() -> support.enqueueInvitation(TestClientele.OWNER, client,
                    Optional.empty(), Optional.empty()));
            created.add(client);
        }
        return created;
    }

    /** Waits (at most 10 s) until claim number {@code n} (1 = the first) has been made. */
    private void awaitClaim(int n) {
        try {
            claimMade(n).await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CountDownLatch claimMade(int n) {
        return claimsMade.computeIfAbsent(n, k -> new CountDownLatch(1));
    }

    /** Waits (at most 10 s each) for the threads named {@code name} to end, and checks none is left. */
    private static void assertEnded(String name) {
        joinThreads(name);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain(name);
    }

    /** Waits (at most 10 s each) for the threads named {@code name} to end. */
    private static void joinThreads(String name) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(name)) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** An {@link Error} a sender throws. */
    private static final class SenderBroke extends Error {
        private static final long serialVersionUID = 1L;
    }
}
