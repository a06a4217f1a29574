package io.clientele.order.service;

import static io.clientele.order.service.OrderKit.fiveSaunas;
import static io.clientele.order.service.OrderKit.tenClasses;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.port.CreditRepository;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderStatus;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import java.util.Optional;

/** Placing and cancelling are single units of work: a failure part-way leaves nothing behind. */
class OrderRollbackTest {

    private final OrderKit kit = new OrderKit();
    private final Client ana = kit.client("Ana");
    private final FailingCredits failing = new FailingCredits(kit.t.memory.credits());
    private final OrderService service = kit.serviceOver(failing.repository());

    @Test
    @Tag("in-memory")
    void a_failing_grant_after_the_order_insert_rolls_back_the_order_and_the_credits_granted_before_it() {
        var before = kit.state();
        failing.failInsertNumber(2);

        assertThatThrownBy(() -> service.place(OWNER, TENANT, ana.id(), List.of(tenClasses(), fiveSaunas())))
                .isInstanceOf(SimulatedOutage.class);

        assertThat(failing.inserts.get()).as("the first line's credits were written before the failure")
                .isEqualTo(2);
        assertThat(kit.t.memory.orders().contents()).isEmpty();
        assertThat(kit.t.memory.credits().listForClient(TENANT, ana.id()))
                .isEmpty();
        assertThat(kit.t.memory.credits().changes(TENANT, ana.id())).isEmpty();
        assertThat(kit.state()).isEqualTo(before);
    }

    @Test
    @Tag("in-memory")
    void a_failing_revocation_rolls_back_the_cancellation_and_the_credits_revoked_before_it() {
        Order order = kit.place(ana, tenClasses());
        var before = kit.state();
        failing.failUpdateNumber(4);

        assertThatThrownBy(() -> service.cancel(OWNER, TENANT, order.id(), "Refund"))
                .isInstanceOf(SimulatedOutage.class);

        assertThat(failing.updates.get()).as("three credits were revoked before the failure").isEqualTo(4);
        assertThat(kit.t.<Optional<Order>>read(s -> s.orders().find(TENANT, order.id()))).hasValueSatisfying(
                o -> assertThat(o.status()).isEqualTo(OrderStatus.PLACED));
        assertThat(kit.credits(order)).extracting(Credit::state).containsOnly(CreditState.REDEEMABLE);
        assertThat(kit.state()).isEqualTo(before);

        Order cancelled = kit.service.cancel(OWNER, TENANT, order.id(), "Refund");
        assertThat(cancelled.cancellation().orElseThrow().creditsRevoked()).isEqualTo(10);
    }

    /** The failure the wrapper throws. */
    static final class SimulatedOutage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedOutage() {
            super("simulated outage of the credit store");
        }
    }

    /**
     * A credit store that fails on the n-th {@code insertAll} or {@code update}; every other call
     * goes to the real one. A dynamic proxy, so the wrapper keeps up with the port as it grows.
     */
    static final class FailingCredits implements InvocationHandler {

        private final CreditRepository delegate;
        final AtomicInteger inserts = new AtomicInteger();
        final AtomicInteger updates = new AtomicInteger();
        private volatile int failingInsert = Integer.MAX_VALUE;
        private volatile int failingUpdate = Integer.MAX_VALUE;

        FailingCredits(CreditRepository delegate) {
            this.delegate = delegate;
        }

        CreditRepository repository() {
            return (CreditRepository) Proxy.newProxyInstance(CreditRepository.class.getClassLoader(),
                    new Class<?>[] {CreditRepository.class}, this);
        }

        void failInsertNumber(int n) {
            failingInsert = n;
        }

        void failUpdateNumber(int n) {
            failingUpdate = n;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("insertAll") && inserts.incrementAndGet() == failingInsert) {
                throw new SimulatedOutage();
            }
            if (method.getName().equals("update") && updates.incrementAndGet() == failingUpdate) {
                throw new SimulatedOutage();
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
