package io.clientele.benchmarks;

/**
 * A benchmark round whose work did not happen as it should (fewer mails enqueued or sent than
 * clients, for example): its figures would be meaningless, so the run stops with exit code 1.
 */
final class BenchmarkFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BenchmarkFailure(String message) {
        super(message);
    }
}
