package io.clientele.benchmarks;

import io.clientele.Clientele;
import io.clientele.adapter.credentials.HashingCredentialStore.Argon2Parameters;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.service.DispatchReport;
import io.clientele.invitation.service.InvitationConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * One studio on a fresh Clientele over fresh in-memory adapters, wired as a host would wire it
 * ({@link Clientele#builder()}, {@link InMemoryAdapters#installInto}), with the recording mail
 * sender, a fixed clock and cheap Argon2id parameters (as the tests use; production ones cost tens
 * of milliseconds per hash, and no measured path hashes a password). The default invitation settings
 * apply: campaign chunks of 500 clients, dispatch batches of 100 mails, no rate limit.
 *
 * <p>The only class of the benchmarks that calls Clientele's API, so an API change is mended here.
 * Used by one thread; a new instance per round, so no round sees another's rows.
 */
final class InMemoryStudio {

    /** The studio every round acts in. */
    static final TenantId TENANT = TenantId.of("bench-studio");
    /** The studio's owner, holding every permission. */
    static final Actor.Staff OWNER = Actor.Staff.owner("bench-owner", TENANT);
    /** The fixed instant of the clock: every row is due at once, and no link expires during a round. */
    static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");

    private static final Argon2Parameters CHEAP_ARGON2 = new Argon2Parameters(1024, 1, 1);
    private static final InvitationConfig INVITATIONS = InvitationConfig.withLinks(
            URI.create("https://studio.example/activate"), URI.create("https://studio.example/reset-password"),
            URI.create("https://studio.example/unsubscribe"));

    private final InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2);
    private final Clientele clientele = memory.installInto(Clientele.builder())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .invitations(INVITATIONS)
            .build();

    /**
     * Creates clients {@code 0 .. count-1} through {@code clients().create}, each with a name and
     * an email address of its own (so every one of them can be invited).
     */
    void createClients(int count, Progress.Ticker ticker) {
        for (int i = 0; i < count; i++) {
            clientele.clients().create(OWNER, TENANT,
                    ClientDetails.named("Client", lettersOf(i)).withEmail("client" + i + "@studio.example"));
            ticker.at(i + 1);
        }
    }

    /**
     * Creates a campaign over every client of the studio and runs it to completion (every chunk
     * enqueued), calling {@code afterChunk} after each committed chunk; answers how many mails the
     * outbox then holds.
     */
    int inviteEveryone(Runnable afterChunk) {
        var campaign = clientele.campaigns().create(OWNER, TENANT, new CampaignTarget.AllClients());
        clientele.campaigns().run(OWNER, TENANT, campaign.id(), saved -> afterChunk.run());
        return memory.outbox().all().size();
    }

    /**
     * Runs the dispatcher, one batch after the other, until a batch finds nothing due (with the
     * fixed clock, until no pending mail is left); answers the sum of the batches' reports.
     */
    DispatchReport dispatchUntilNothingIsDue(Progress.Ticker ticker) {
        DispatchReport total = DispatchReport.EMPTY;
        while (true) {
            DispatchReport batch = clientele.mailDispatcher().dispatchDue();
            if (batch.claimed() == 0) {
                return total;
            }
            total = total.plus(batch);
            ticker.at(total.claimed());
        }
    }

    /** How many mails the recording sender was handed and answered as sent. */
    int delivered() {
        return memory.mailSender().delivered().size();
    }

    /**
     * A last name of letters only for client {@code i} ("Aa", "Ab", ...), distinct per client: names
     * hold no digits.
     */
    static String lettersOf(int i) {
        StringBuilder name = new StringBuilder();
        int rest = i;
        do {
            name.append((char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return "A" + name.reverse();
    }
}
