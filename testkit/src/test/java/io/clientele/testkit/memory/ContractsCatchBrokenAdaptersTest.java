package io.clientele.testkit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.clientele.adapter.memory.InMemoryClientRepository;
import io.clientele.adapter.memory.InMemoryCreditRepository;
import io.clientele.adapter.memory.InMemoryMailOutbox;
import io.clientele.adapter.memory.InMemoryTokenRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.port.CreditRepository;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.mail.model.OutboxClaim;
import io.clientele.mail.port.MailOutbox;
import io.clientele.testkit.LockProbe;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.ClientRepositoryConcurrencyContract;
import io.clientele.testkit.contract.MailOutboxConcurrencyContract;
import io.clientele.testkit.contract.TokenRepositoryContract;
import io.clientele.testkit.contract.TokenRepositoryConcurrencyContract;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A contract that cannot fail protects nothing: each test here runs one contract test against an
 * adapter broken in exactly the way that test is about, and checks that it fails. The broken
 * adapters are the in-memory ones with one method replaced (a dynamic proxy), in nested classes
 * that run only inside this test ({@link OnlyInsideTheMetaTest}), even when a {@code -Dtest}
 * pattern selects them.
 */
class ContractsCatchBrokenAdaptersTest {

    /** The configuration parameter that lets the broken adapters' suites run. */
    private static final String RUNS_BROKEN_ADAPTERS = "clientele.testkit.runBrokenAdapters";

    @Test
    void a_token_store_that_writes_outside_the_caller_s_unit_of_work_fails_the_rollback_contract() {
        assertFails(TokensOutsideTheUnitOfWork.class,
                "a_rolled_back_unit_of_work_leaves_no_token_no_use_and_no_revocation");
    }

    @Test
    void a_consume_that_checks_then_writes_fails_the_single_use_contract() {
        assertFails(CheckThenWriteConsume.class, "of_eight_simultaneous_consumes_of_one_token_exactly_one_wins");
    }

    @Test
    void a_find_for_update_that_takes_no_lock_fails_the_lock_contract() {
        assertFails(LocklessClients.class,
                "a_locked_client_is_handed_to_another_unit_of_work_only_after_the_holder_ended_and_as_it_left_it");
    }

    @Test
    void an_update_that_does_not_check_the_version_fails_the_conditional_update_contract() {
        assertFails(LastWriterWinsCredits.class,
                "of_two_redemptions_of_one_credit_at_once_one_is_stored_and_the_other_is_stale");
    }

    @Test
    void a_claim_that_does_not_lease_its_messages_fails_the_no_double_claim_contract() {
        assertFails(LeaselessOutbox.class,
                "dispatchers_claiming_at_once_never_claim_one_message_twice_and_leave_none_behind");
    }

    private static void assertFails(Class<?> broken, String test) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectMethod(broken, test))
                .configurationParameter(RUNS_BROKEN_ADAPTERS, "true").build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsFoundCount()).as("tests found").isEqualTo(1);
        assertThat(summary.getTotalFailureCount()).as("failures of %s on %s", test, broken.getSimpleName())
                .isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException()).as("it failed an assertion, not its set-up")
                .isInstanceOf(AssertionError.class);
    }

    /** The port {@code type} of {@code delegate}, with the method named {@code name} answered by {@code replacement}. */
    private static <P> P replacing(Class<P> type, P delegate, String name, Replacement replacement) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getName().equals(name)) {
                return replacement.invoke(args);
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }

    /** Runs a broken adapter's suite only when this test launches it: on its own it is meant to fail. */
    static final class OnlyInsideTheMetaTest implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(RUNS_BROKEN_ADAPTERS).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by ContractsCatchBrokenAdaptersTest")
                    : ConditionEvaluationResult.disabled("a deliberately broken adapter, run by "
                            + "ContractsCatchBrokenAdaptersTest only");
        }
    }

    /** What a replaced method does with its arguments. */
    @FunctionalInterface
    private interface Replacement {
        Object invoke(Object[] args) throws Throwable;
    }

    /** Stores tokens through a unit-of-work runner of its own, so the contract's rollbacks miss them. */
    @ExtendWith(OnlyInsideTheMetaTest.class)
    static class TokensOutsideTheUnitOfWork extends TokenRepositoryContract {
        @Override
        protected PortUnderTest<TokenRepository> createAdapter() {
            return PortUnderTest.of(new InMemoryTokenRepository(new MemoryTransactions()), new MemoryTransactions());
        }
    }

    /** Reads whether the token is live, waits for the other racers, then consumes and answers what it read. */
    @ExtendWith(OnlyInsideTheMetaTest.class)
    static class CheckThenWriteConsume extends TokenRepositoryConcurrencyContract {
        @Override
        protected PortUnderTest<TokenRepository> createAdapter() {
            MemoryTransactions tx = MemoryTransactions.interleaved();
            TokenRepository real = new InMemoryTokenRepository(tx);
            CyclicBarrier allChecked = new CyclicBarrier(8);
            return PortUnderTest.of(replacing(TokenRepository.class, real, "consume", args -> {
                TenantId tenant = (TenantId) args[0];
                String hash = (String) args[1];
                Instant now = (Instant) args[2];
                boolean live = real.findByHash(tenant, hash).filter(t -> t.isLive(now)).isPresent();
                awaitQuietly(allChecked);
                real.consume(tenant, hash, now);
                return live;
            }), tx);
        }
    }

    /** Reads the client without locking it. */
    @ExtendWith(OnlyInsideTheMetaTest.class)
    static class LocklessClients extends ClientRepositoryConcurrencyContract {

        private final MemoryTransactions tx = MemoryTransactions.interleaved();

        @Override
        protected PortUnderTest<ClientRepository> createAdapter() {
            ClientRepository real = new InMemoryClientRepository(tx);
            return PortUnderTest.of(replacing(ClientRepository.class, real, "findForUpdate",
                    args -> real.find((TenantId) args[0], (ClientId) args[1])), tx);
        }

        @Override
        protected LockProbe lockProbe() {
            return LockProbe.memory(tx, Duration.ofMillis(300));
        }
    }

    /** Stores whatever it is given over the stored version: the last writer wins. */
    @ExtendWith(OnlyInsideTheMetaTest.class)
    static class LastWriterWinsCredits extends InMemoryVersionedUpdateConcurrencyTest {
        @Override
        protected PortUnderTest<CreditRepository> createCreditRepository() {
            CreditRepository credits = new InMemoryCreditRepository(tx);
            // the read of the stored version and the write are one step, so the last writer always
            // wins: were they two, the other update could land between them and make this one stale
            Object oneAtATime = new Object();
            return PortUnderTest.of(replacing(CreditRepository.class, credits, "update", args -> {
                Credit credit = (Credit) args[0];
                synchronized (oneAtATime) {
                    long stored = credits.find(credit.tenantId(), credit.id()).orElseThrow().version();
                    return credits.update(credit.withVersion(stored));
                }
            }), tx);
        }
    }

    /** Claims without moving the messages' due time: they stay due for the next claimer. */
    @ExtendWith(OnlyInsideTheMetaTest.class)
    static class LeaselessOutbox extends MailOutboxConcurrencyContract {
        @Override
        protected PortUnderTest<MailOutbox> createAdapter() {
            MemoryTransactions tx = MemoryTransactions.interleaved();
            MailOutbox real = new InMemoryMailOutbox(tx);
            return PortUnderTest.of(replacing(MailOutbox.class, real, "claimDue",
                    args -> real.claimDue((OutboxClaim) args[0], (Instant) args[1], (Integer) args[2],
                            Duration.ZERO)), tx);
        }
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException | TimeoutException e) {
            // a racer that finds no partner goes on alone: the contract then fails on its own terms
        }
    }
}
