package io.clientele.invitation.model;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Validate;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a campaign stands, as a type: {@link Created} (not started), {@link Running} (enqueueing,
 * or interrupted and waiting to be resumed) and {@link Completed} (every targeted client was
 * considered). Each transition is a method of its source state only: a created campaign can
 * {@link Created#start() start}, a running one can {@link Running#advance advance} and {@link
 * Running#complete complete}, and a completed one has no transition at all. Only a running or
 * completed campaign carries progress and a position, and only a completed one a completion time.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface CampaignState permits CampaignState.Created, CampaignState.Running, CampaignState.Completed {

    /** The state as a plain status, for display and filtering. */
    CampaignStatus status();

    /** The counters so far ({@link CampaignProgress#NONE} before the start). */
    CampaignProgress progress();

    /** The id of the last client considered; empty until a client was. */
    Optional<ClientId> position();

    /** Created, not started: no progress, no position. */
    record Created() implements CampaignState {

        /** Running, with nothing considered yet. */
        public Running start() {
            return new Running(CampaignProgress.NONE, Optional.empty());
        }

        @Override
        public CampaignStatus status() {
            return CampaignStatus.CREATED;
        }

        @Override
        public CampaignProgress progress() {
            return CampaignProgress.NONE;
        }

        @Override
        public Optional<ClientId> position() {
            return Optional.empty();
        }
    }

    /**
     * Started: clients up to {@code position} (in client id order) were considered and counted in
     * {@code progress}. A run that crashed leaves its campaign in this state, to be resumed.
     */
    record Running(CampaignProgress progress, Optional<ClientId> position) implements CampaignState {

        public Running {
            Validate.notNull("progress", progress);
            Validate.notNull("position", position);
        }

        /**
         * Running, after one more chunk: its counters and the id of its last client. Counters never
         * go back ({@code ConflictException} {@code ILLEGAL_STATE} otherwise): a chunk adds the
         * clients it considered to the ones before.
         */
        public Running advance(CampaignProgress newProgress, ClientId newPosition) {
            Validate.notNull("progress", newProgress);
            Validate.notNull("position", newPosition);
            if (newProgress.considered() < progress.considered()) {
                throw ConflictException.illegalState("a campaign's progress never goes back: "
                        + newProgress.considered() + " considered after " + progress.considered());
            }
            return new Running(newProgress, Optional.of(newPosition));
        }

        /** Completed at {@code at}, with the progress and position reached. */
        public Completed complete(Instant at) {
            return new Completed(progress, position, at);
        }

        @Override
        public CampaignStatus status() {
            return CampaignStatus.RUNNING;
        }
    }

    /** Every targeted client was considered; final. */
    record Completed(CampaignProgress progress, Optional<ClientId> position, Instant completedAt)
            implements CampaignState {

        public Completed {
            Validate.notNull("progress", progress);
            Validate.notNull("position", position);
            Validate.notNull("completedAt", completedAt);
        }

        @Override
        public CampaignStatus status() {
            return CampaignStatus.COMPLETED;
        }
    }
}
