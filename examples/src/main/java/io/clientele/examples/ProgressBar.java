package io.clientele.examples;

import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignProgress;
import io.clientele.invitation.service.CampaignProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A campaign's progress as a text bar, one line per committed chunk (so it reads the same in a
 * terminal, a log file and a test's captured output): {@code [#########.......]  15/36  42%  12
 * invited, 3 skipped}. Called on the thread that runs the campaign; not thread-safe otherwise.
 */
final class ProgressBar implements CampaignProgressListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;

    /** A bar for a campaign covering {@code total} clients (from its preview). */
    ProgressBar(PrintStream out, long total) {
        this.out = out;
        this.total = total;
    }

    @Override
    public void onProgress(Campaign campaign) {
        CampaignProgress p = campaign.progress();
        long done = Math.min(p.considered(), total);
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        long skipped = p.considered() - p.enqueued();
        out.printf(Locale.ROOT, "  [%s%s] %3d/%d %3d%%  %d invited, %d skipped%n", "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, total == 0 ? 100 : 100 * done / total, p.enqueued(), skipped);
    }
}
