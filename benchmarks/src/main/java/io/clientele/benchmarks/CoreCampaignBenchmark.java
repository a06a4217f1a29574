package io.clientele.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code core-campaign}: creates N clients through {@code clients().create},
 * then runs a campaign over all of them to completion, on the in-memory adapters, at each size of
 * the plan (10k and 100k by default). Both steps are timed apart, each per client. Prints {@code
 * RESULT name=core-campaign clients=<largest N> create_us=<µs per client at the largest N>
 * campaign_us=<µs per client at the largest N> scaling=<campaign µs per client at the largest N /
 * at the smallest>}. Targets: campaign at most 15 µs per client, scaling at most 1.3. Stateless.
 */
final class CoreCampaignBenchmark implements Benchmark {

    static final String NAME = "core-campaign";
    static final double TARGET_CAMPAIGN_US = 15.0;
    static final double TARGET_SCALING = 1.3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "create N clients, then run a campaign over all of them to completion";
    }

    @Override
    public String targets() {
        return "campaign <= 15 us per client, scaling <= 1.3";
    }

    @Override
    public Result run(Plan plan, Progress progress) {
        if (plan.warmup() > 0) {
            progress.note("warm-up round at %d clients", plan.warmup());
            measure(plan.warmup(), progress);
        }
        List<Round> creates = new ArrayList<>();
        List<Round> campaigns = new ArrayList<>();
        for (int size : plan.sizes()) {
            // the previous round's studio is garbage now; collecting it here keeps its cost out of this round
            System.gc();
            Measured measured = measure(size, progress);
            creates.add(measured.create());
            campaigns.add(measured.campaign());
            progress.note("%d clients: create %.1f us per client, campaign %.1f us per client", size,
                    measured.create().microsPerItem(), measured.campaign().microsPerItem());
        }
        Round create = creates.get(creates.size() - 1);
        Round campaign = campaigns.get(campaigns.size() - 1);
        double scaling = Round.scaling(campaigns);
        progress.note("target campaign <= %.0f us per client: %s; target scaling <= %.1f: %s", TARGET_CAMPAIGN_US,
                campaign.microsPerItem() <= TARGET_CAMPAIGN_US ? "met" : "missed", TARGET_SCALING,
                scaling <= TARGET_SCALING ? "met" : "missed");
        return Result.named(NAME)
                .with("clients", plan.largest())
                .withMicros("create_us", create.microsPerItem())
                .withMicros("campaign_us", campaign.microsPerItem())
                .withRatio("scaling", scaling);
    }

    /** The two timed steps of one round. */
    private record Measured(Round create, Round campaign) {
    }

    /** One round on a fresh studio: the creation of {@code size} clients, then the campaign over them. */
    private static Measured measure(int size, Progress progress) {
        InMemoryStudio studio = new InMemoryStudio();
        Progress.Ticker creating = progress.ticker("creating clients", size);
        Round create = Round.time(size, () -> studio.createClients(size, creating));
        Progress.Ticker inviting = progress.ticker("campaign chunks committed", 0);
        Round.Timed<Integer> campaign = Round.time(size, () -> studio.inviteEveryone(inviting::step));
        if (campaign.value() != size) {
            throw new BenchmarkFailure(
                    "the campaign over " + size + " clients enqueued " + campaign.value() + " mails");
        }
        return new Measured(create, campaign.round());
    }
}
