package io.clientele.benchmarks;

import io.clientele.invitation.service.DispatchReport;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code core-dispatch}: enqueues N invitation mails with a campaign over N
 * clients (not timed), then times only the dispatcher, batch after batch, until no mail is left to
 * send, on the in-memory adapters and the recording mail sender, at each size of the plan (10k and
 * 100k by default). Prints {@code RESULT name=core-dispatch mails=<largest N> us_per_mail=<µs per
 * mail at the largest N> scaling=<µs per mail at the largest N / at the smallest>}. Targets: at
 * most 30 µs per mail, scaling at most 1.3. Stateless.
 */
final class CoreDispatchBenchmark implements Benchmark {

    static final String NAME = "core-dispatch";
    static final double TARGET_US_PER_MAIL = 30.0;
    static final double TARGET_SCALING = 1.3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "dispatch N invitation mails (enqueued by a campaign, not timed) to a recording sender";
    }

    @Override
    public String targets() {
        return "<= 30 us per mail, scaling <= 1.3";
    }

    @Override
    public Result run(Plan plan, Progress progress) {
        if (plan.warmup() > 0) {
            progress.note("warm-up round at %d mails", plan.warmup());
            measure(plan.warmup(), progress);
        }
        List<Round> rounds = new ArrayList<>();
        for (int size : plan.sizes()) {
            System.gc();
            Round round = measure(size, progress);
            rounds.add(round);
            progress.note("%d mails: dispatch %.1f us per mail", size, round.microsPerItem());
        }
        Round largest = rounds.get(rounds.size() - 1);
        double scaling = Round.scaling(rounds);
        progress.note("target <= %.0f us per mail: %s; target scaling <= %.1f: %s", TARGET_US_PER_MAIL,
                largest.microsPerItem() <= TARGET_US_PER_MAIL ? "met" : "missed", TARGET_SCALING,
                scaling <= TARGET_SCALING ? "met" : "missed");
        return Result.named(NAME)
                .with("mails", plan.largest())
                .withMicros("us_per_mail", largest.microsPerItem())
                .withRatio("scaling", scaling);
    }

    /** One round on a fresh studio: {@code size} clients invited by a campaign, then the timed dispatch. */
    private static Round measure(int size, Progress progress) {
        InMemoryStudio studio = new InMemoryStudio();
        studio.createClients(size, progress.ticker("creating clients (not timed)", size));
        int enqueued = studio.inviteEveryone(progress.ticker("campaign chunks committed (not timed)", 0)::step);
        if (enqueued != size) {
            throw new BenchmarkFailure("the campaign over " + size + " clients enqueued " + enqueued + " mails");
        }
        System.gc();
        Progress.Ticker dispatching = progress.ticker("mails dispatched", size);
        Round.Timed<DispatchReport> dispatch = Round.time(size, () -> studio.dispatchUntilNothingIsDue(dispatching));
        if (dispatch.value().sent() != size || studio.delivered() != size) {
            throw new BenchmarkFailure("dispatching " + size + " mails ended with " + dispatch.value()
                    + " and the sender holding " + studio.delivered() + " sent mails");
        }
        return dispatch.round();
    }
}
