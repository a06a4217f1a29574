package io.clientele.invitation.service;

import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.audit.port.AuditLog;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.EventPublisher;
import io.clientele.common.TransactionRunner;
import io.clientele.consent.port.ConsentLog;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignStatus;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.PreviewCounts;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.mail.port.MessageTemplates;
import io.clientele.mail.port.MailOutbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the defect "a campaign run makes about ten port calls per client": every port the campaign
 * service uses sits behind a counting proxy, and one more chunk (or preview page) of the same
 * target must cost the same port calls whether a chunk holds 10 clients or 500. The cost of one
 * chunk is measured as the calls of a target of two chunks minus those of a target of one.
 */
class CampaignPortCallsTest {

    /** What one run chunk calls, each once: the batch methods a SQL adapter turns into one statement each. */
    private static final Map<String, Long> RUN_CHUNK = Map.ofEntries(
            Map.entry("TransactionRunner.inTransaction", 1L),
            Map.entry("CampaignRepository.find", 1L),
            Map.entry("ClientRepository.findMatchingForUpdate", 1L),
            Map.entry("MailOutbox.heldByCampaign", 1L),
            Map.entry("PreferenceRepository.findByKey", 1L),
            Map.entry("ConsentLog.optedOut", 1L),
            Map.entry("MailOutbox.activity", 1L),
            Map.entry("TenantSettingsProvider.settings", 1L),
            Map.entry("MessageTemplates.template", 1L),
            Map.entry("MailOutbox.enqueueAll", 1L),
            Map.entry("AuditLog.appendAll", 1L),
            Map.entry("EventPublisher.publishAll", 1L),
            Map.entry("CampaignRepository.update", 1L));

    /** What one preview page calls, each once: its unit of work is read-only. */
    private static final Map<String, Long> PREVIEW_PAGE = Map.of(
            "TransactionRunner.inReadOnlyTransaction", 1L,
            "ClientRepository.findMatching", 1L,
            "PreferenceRepository.findByKey", 1L,
            "ConsentLog.optedOut", 1L,
            "MailOutbox.activity", 1L);

    /** Calls that would mean a loop of single-row port calls on the bulk path. */
    private static final String[] PER_ROW = {"ClientRepository.find", "ClientRepository.findForUpdate",
        "MailOutbox.enqueue", "MailOutbox.lastEnqueuedAt", "MailOutbox.hasPending", "ConsentLog.latest",
        "AuditLog.append", "EventPublisher.publish"};

    @Test
    void campaign_port_calls_per_chunk_do_not_grow_with_the_chunk_size() {
        Costs small = costsPerChunk(10);
        Costs large = costsPerChunk(500);

        System.out.println("RESULT name=campaign-port-calls run_per_chunk_10=" + total(small.runChunk())
                + " run_per_chunk_500=" + total(large.runChunk()) + " preview_per_page_10="
                + total(small.previewPage()) + " preview_per_page_500=" + total(large.previewPage()));

        assertThat(small.runChunk()).isEqualTo(RUN_CHUNK);
        assertThat(large.runChunk()).isEqualTo(RUN_CHUNK);
        assertThat(small.previewPage()).isEqualTo(PREVIEW_PAGE);
        assertThat(large.previewPage()).isEqualTo(PREVIEW_PAGE);
    }

    @Test
    void a_campaign_and_its_preview_never_call_a_port_once_per_client() {
        Measured run = measure(40, 10);

        assertThat(run.preview()).doesNotContainKeys(PER_ROW);
        assertThat(run.run()).doesNotContainKeys(PER_ROW);
        // the campaign did its work: every client with an address who did not unsubscribe got a row
        assertThat(run.done().status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(run.done().progress().enqueued()).isEqualTo(run.expectedEnqueued());
        assertThat(run.previewCounts().willSend()).isEqualTo(run.expectedEnqueued());
    }

    private record Costs(Map<String, Long> runChunk, Map<String, Long> previewPage) {
    }

    /** The cost of one more chunk: a target of two chunks minus a target of one. */
    private static Costs costsPerChunk(int chunk) {
        Measured one = measure(chunk, chunk);
        Measured two = measure(2 * chunk, chunk);
        assertThat(two.done().progress().considered()).isEqualTo(2L * chunk);
        return new Costs(PortCallCounter.difference(two.run(), one.run()),
                PortCallCounter.difference(two.preview(), one.preview()));
    }

    private record Measured(Map<String, Long> preview, Map<String, Long> run, PreviewCounts previewCounts,
            Campaign done, long expectedEnqueued) {
    }

    /**
     * {@code clients} clients in one tenant (every fourth without an address, every sixth of the
     * others unsubscribed, so that each chunk meets skips and sends), then a preview and a run of a
     * campaign to all of them in chunks of {@code chunk}, each through counting ports.
     */
    private static Measured measure(int clients, int chunk) {
        InviteKit kit = new InviteKit(InvitationFixture.CONFIG.withCampaignChunkSize(chunk));
        long eligible = 0;
        for (int i = 0; i < clients; i++) {
            String name = "Client" + letters(i);
            if (i % 4 == 1) {
                kit.withoutEmail(name);
            } else if (i % 6 == 2) {
                kit.unsubscribed(kit.added(name));
            } else {
                kit.added(name);
                eligible++;
            }
        }
        PortCallCounter counter = new PortCallCounter();
        CampaignService service = countedService(kit, counter, chunk);

        Map<String, Long> before = counter.snapshot();
        PreviewCounts preview = service.preview(MANAGER, TENANT, new CampaignTarget.AllClients());
        Map<String, Long> afterPreview = counter.snapshot();
        Campaign campaign = service.create(MANAGER, TENANT, new CampaignTarget.AllClients());
        Map<String, Long> beforeRun = counter.snapshot();
        Campaign done = service.run(MANAGER, TENANT, campaign.id(), CampaignProgressListener.NONE);
        Map<String, Long> afterRun = counter.snapshot();
        return new Measured(PortCallCounter.difference(afterPreview, before),
                PortCallCounter.difference(afterRun, beforeRun), preview, done, eligible);
    }

    /** The campaign service on the kit's adapters, each port behind the counter. */
    private static CampaignService countedService(InviteKit kit, PortCallCounter counter, int chunk) {
        InvitationServices.Ports ports = InvitationFixture.ports(kit.t,
                InvitationFixture.CONFIG.withCampaignChunkSize(chunk), InviteKit.noCredentials(), InviteKit.TEMPLATES,
                kit.t.memory.mailSender(), kit.t.memory.composer(), kit.t.clock::advance, counter::wrap);
        return InvitationFixture.services(kit.t, ports).campaigns();
    }

    private static long total(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A name part made of letters only (names take no digits): 0 -> "aaa", 1 -> "aab", ... */
    private static String letters(int i) {
        StringBuilder s = new StringBuilder();
        int n = i;
        for (int k = 0; k < 3; k++) {
            s.insert(0, (char) ('a' + n % 26));
            n /= 26;
        }
        return s.toString();
    }
}
