package io.clientele.invitation.service;

import io.clientele.invitation.model.Campaign;

/**
 * Told about a running campaign's progress: called once after each chunk has been committed, with
 * the campaign as stored (counters, position, and status {@code COMPLETED} after the last chunk).
 * Called on the thread that runs the campaign, outside any unit of work. If it throws, the run
 * stops with that exception; the chunks committed so far stay, and a later run resumes after them.
 */
@FunctionalInterface
public interface CampaignProgressListener {

    /** A listener that ignores progress. */
    CampaignProgressListener NONE = campaign -> {
    };

    /** The campaign after a committed chunk. */
    void onProgress(Campaign campaign);
}
