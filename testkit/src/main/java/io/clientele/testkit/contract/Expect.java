package io.clientele.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ConflictException;
import io.clientele.common.TransactionRunner;
import io.clientele.common.ValidationException;
import io.clientele.testkit.Race;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions the contract suites share. */
final class Expect {

    private Expect() {
    }

    /** {@code call} throws a {@link ConflictException} for {@code reason}. */
    static void conflict(ConflictException.Reason reason, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.reason()).as("conflict reason").isEqualTo(reason));
    }

    /** {@code call} throws a {@link ConflictException} {@code DUPLICATE}. */
    static void duplicate(ThrowingCallable call) {
        conflict(ConflictException.Reason.DUPLICATE, call);
    }

    /** {@code call} throws a {@link ConflictException} {@code STALE_VERSION}. */
    static void stale(ThrowingCallable call) {
        conflict(ConflictException.Reason.STALE_VERSION, call);
    }

    /**
     * Of the racers, exactly one returned and every other threw a {@link ConflictException} for
     * {@code reason}; answers the index of the one that returned.
     */
    static int oneWins(List<? extends Race.Outcome<?>> outcomes, ConflictException.Reason reason) {
        int winner = -1;
        for (int i = 0; i < outcomes.size(); i++) {
            Race.Outcome<?> outcome = outcomes.get(i);
            if (outcome.returned()) {
                assertThat(winner).as("a second racer returned: racer %s after racer %s", i, winner).isEqualTo(-1);
                winner = i;
            } else {
                assertThat(outcome.thrown().orElseThrow()).as("what racer %s threw", i)
                        .isInstanceOfSatisfying(ConflictException.class,
                                e -> assertThat(e.reason()).isEqualTo(reason));
            }
        }
        assertThat(winner).as("one racer returned").isNotEqualTo(-1);
        return winner;
    }

    /** {@code call} throws a {@link ValidationException} on {@code field}. */
    static void invalid(String field, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).as("field").isEqualTo(field));
    }

    /**
     * Runs {@code work} in a unit of work of {@code transactions} that then throws, so that
     * everything it wrote must be rolled back.
     */
    static void rolledBack(TransactionRunner transactions, Runnable work) {
        assertThatThrownBy(() -> transactions.run(() -> {
            work.run();
            throw new RolledBack();
        })).isInstanceOf(RolledBack.class);
    }

    /** The exception a test throws inside a unit of work to roll it back. */
    static final class RolledBack extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RolledBack() {
            super("the test rolls this unit of work back");
        }
    }
}
