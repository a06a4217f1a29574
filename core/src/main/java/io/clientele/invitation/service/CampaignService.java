package io.clientele.invitation.service;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.service.ClientLookups;
import io.clientele.common.Access;
import io.clientele.common.Actor;
import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.Ids;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignProgress;
import io.clientele.invitation.model.CampaignState;
import io.clientele.invitation.model.CampaignStatus;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.model.InviteOutcome;
import io.clientele.invitation.model.PreviewCounts;
import io.clientele.invitation.model.SkipReason;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.mail.port.MailOutbox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk invitations: preview what a campaign would do, create it, run it (start or resume), read
 * its progress.
 *
 * <p>A run walks the target in client id order, whatever the target (all clients, a group, a
 * status, a label, erased clients included so they are counted as such, or explicit clients),
 * from the campaign's stored position, in chunks of {@code campaignChunkSize} clients (default
 * 500). The position is the id of the last client considered: it holds no personal data, and ids
 * are stable, so renaming clients during a run neither skips nor repeats anyone; clients added
 * during a run are reached when their id sorts after the position (UUIDv7 ids are time-ordered, so
 * clients created during the run usually are). Each chunk is one short unit of work that reads
 * its clients as whole rows in one call, each locked as it is read (in client id order, the lock
 * order), then writes the chunk's outbox rows and the campaign's counters and position
 * together, so a run that fails or is interrupted leaves exactly the committed chunks behind and
 * the next run resumes after them.
 *
 * <p>A chunk, and a page of the preview, is set-based: a fixed number of port calls whatever its
 * size (the campaign, the walk, the locks, which clients the campaign already holds, the consent
 * state and the mail activity of all its clients, the tenant's settings and one template per
 * language, the outbox rows, audit entries and events in one call each, the campaign's update),
 * never a call per client. A campaign moves through its states by its own transitions ({@link
 * Campaign#start()}, {@link Campaign#advance}, {@link Campaign#complete}). A client the campaign already holds a mail for is skipped ({@code
 * ALREADY_IN_CAMPAIGN}), and the outbox refuses a second row for the same campaign and client, so
 * no run, re-run or resume enqueues a client twice; the per-client resend cooldown (default 24
 * hours) keeps overlapping campaigns from doing so.
 *
 * <p>The preview applies the very rule a run applies to each client, so its counts are what
 * starting the campaign then does (clients who change meanwhile aside). The preview and {@link
 * #get} only read: each of their units of work is read-only ({@link
 * TransactionRunner#inReadOnlyTransaction}), so a SQL adapter can mark it so.
 *
 * <p>Erasing a client the target lists by id drops the campaign's custom subject and message
 * (they often name the person): the clients the campaign has yet to invite then get the tenant's
 * template in their language, and a chunk running at that moment fails with a stale-version
 * conflict and leaves nothing behind (run again to resume).
 *
 * <p>Every operation requires {@link Permission#INVITE_CLIENTS} and is for staff (or the system),
 * never for a client acting for themself. Campaigns, groups, labels and clients of another tenant
 * are not found. Stateless and thread-safe; two concurrent runs of one campaign cannot both commit
 * a chunk (the loser fails with a stale-version conflict and leaves nothing behind).
 */
public final class CampaignService {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignService.class);

    private final ClientRepository clients;
    private final GroupRepository groups;
    private final LabelRepository labels;
    private final CampaignRepository campaigns;
    private final MailOutbox outbox;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Ids ids;
    private final InvitationConfig config;
    private final InvitationSupport support;

    /** The service on the context's ports; {@link InvitationServices} builds it for the facade. */
    CampaignService(InvitationServices.Ports ports) {
        this.clients = ports.clients();
        this.groups = ports.groups();
        this.labels = ports.labels();
        this.campaigns = ports.campaigns();
        this.outbox = ports.outbox();
        this.tx = ports.tx();
        this.clock = ports.clock();
        this.ids = ports.ids();
        this.config = ports.config();
        this.support = new InvitationSupport(ports);
    }

    /**
     * What starting a campaign for the target would do, per outcome. The group, label or clients of
     * the target must exist in the tenant.
     */
    public PreviewCounts preview(Actor actor, TenantId tenant, CampaignTarget target) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("target", target);
        requireStaffFor(actor, tenant, target);
        tx.inReadOnlyTransaction(() -> requireTargetExists(tenant, target));
        CampaignProgress tally = CampaignProgress.NONE;
        Optional<ClientId> position = Optional.empty();
        boolean exhausted = false;
        // one short read per chunk, as a run does, rather than one unit of work over the whole target
        while (!exhausted) {
            CampaignProgress before = tally;
            Optional<ClientId> from = position;
            Tallied chunk = tx.inReadOnlyTransaction(() -> {
                Chunk walked = walk(tenant, target, from, false);
                return new Tallied(tally(before, walked.entries(), outcomes(tenant, walked.entries(),
                        Optional.empty())), walked);
            });
            tally = chunk.progress();
            position = chunk.chunk().lastPosition().or(() -> from);
            exhausted = chunk.chunk().exhausted();
        }
        return new PreviewCounts(tally.enqueued(), tally.skippedAccepted(), tally.skippedUnsubscribed(),
                tally.skippedNoEmail(), tally.skippedBounced(), tally.skippedErased(), tally.skippedInCooldown());
    }

    /**
     * Creates a campaign, not started, whose clients each get the tenant's template in their
     * language. The group, label or clients of the target must exist in the tenant ({@link
     * NotFoundException} otherwise).
     */
    public Campaign create(Actor actor, TenantId tenant, CampaignTarget target) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("target", target);
        return insertNew(actor, tenant, target,
                id -> Campaign.create(id, tenant, target, actor.describe(), clock.instant()));
    }

    /**
     * Creates a campaign, not started, whose clients all get the staff's {@code custom} subject and
     * message. The group, label or clients of the target must exist in the tenant ({@link
     * NotFoundException} otherwise).
     */
    public Campaign create(Actor actor, TenantId tenant, CampaignTarget target, InvitationMessage custom) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("target", target);
        Validate.notNull("message", custom);
        return insertNew(actor, tenant, target,
                id -> Campaign.create(id, tenant, target, custom, actor.describe(), clock.instant()));
    }

    private Campaign insertNew(Actor actor, TenantId tenant, CampaignTarget target,
            Function<CampaignId, Campaign> newCampaign) {
        requireStaffFor(actor, tenant, target);
        Campaign created = tx.inTransaction(() -> {
            requireTargetExists(tenant, target);
            return campaigns.insert(newCampaign.apply(new CampaignId(ids.next())));
        });
        LOG.info("campaign created: id={} tenant={} target={} actor={}", created.id(), tenant,
                target.getClass().getSimpleName(), actor.describe());
        return created;
    }

    /**
     * Starts the campaign, or resumes it after the last committed chunk, and runs it to the end,
     * telling {@code listener} after each committed chunk. Returns the completed campaign; a
     * campaign that is already completed is returned as it is, without calling the listener. When
     * the listener or the enqueueing throws, the exception propagates and the committed chunks
     * stay; call {@code run} again to resume.
     */
    public Campaign run(Actor actor, TenantId tenant, CampaignId campaignId, CampaignProgressListener listener) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("campaignId", campaignId);
        Validate.notNull("listener", listener);
        Access.requireStaff(actor, Permission.INVITE_CLIENTS, tenant, "campaign", campaignId);
        Campaign campaign = tx.inTransaction(() -> load(tenant, campaignId));
        if (campaign.status() == CampaignStatus.COMPLETED) {
            return campaign;
        }
        LOG.info("campaign {}: id={} tenant={} considered={}",
                campaign.status() == CampaignStatus.CREATED ? "starting" : "resuming", campaignId, tenant,
                campaign.progress().considered());
        while (true) {
            Campaign saved = tx.inTransaction(() -> runChunk(actor, tenant, campaignId));
            boolean completed = saved.status() == CampaignStatus.COMPLETED;
            if (completed) {
                CampaignProgress p = saved.progress();
                LOG.info("campaign completed: id={} tenant={} considered={} enqueued={} skipped={}", campaignId,
                        tenant, p.considered(), p.enqueued(), p.considered() - p.enqueued());
            }
            listener.onProgress(saved);
            if (completed) {
                return saved;
            }
        }
    }

    /** The campaign with its status and progress. */
    public Campaign get(Actor actor, TenantId tenant, CampaignId campaignId) {
        Validate.notNull("tenantId", tenant);
        Validate.notNull("campaignId", campaignId);
        Access.requireStaff(actor, Permission.INVITE_CLIENTS, tenant, "campaign", campaignId);
        return tx.inReadOnlyTransaction(() -> load(tenant, campaignId));
    }

    /**
     * One chunk, inside its unit of work: the chunk's clients locked in one call, every outcome
     * decided from a few batch reads, the mails enqueued together, then progress and position
     * stored with one update of the campaign.
     */
    private Campaign runChunk(Actor actor, TenantId tenant, CampaignId campaignId) {
        Campaign current = load(tenant, campaignId);
        if (current.status() == CampaignStatus.COMPLETED) {
            return current;
        }
        Campaign running = current.state() instanceof CampaignState.Created ? current.start() : current;
        // the chunk's clients locked as the walk reads them, in id order (the lock order of
        // ClientRepository.findForUpdate), each as it is once locked
        Chunk chunk = walk(tenant, running.target(), running.position(), true);
        List<Entry> entries = chunk.entries();
        Map<ClientId, InviteOutcome> outcomes = outcomes(tenant, entries, Optional.of(campaignId));
        List<Client> toEnqueue = entries.stream()
                .filter(e -> outcomes.get(e.id()) instanceof InviteOutcome.Enqueued)
                .map(e -> e.client().orElseThrow())
                .toList();
        if (!toEnqueue.isEmpty()) {
            support.enqueueInvitations(actor, tenant, toEnqueue, Optional.of(campaignId), running.customMessage());
        }
        CampaignProgress progress = tally(running.progress(), entries, outcomes);
        Campaign next = chunk.lastPosition().map(last -> running.advance(progress, last)).orElse(running);
        if (chunk.exhausted()) {
            next = next.complete(clock.instant());
        }
        return campaigns.update(next);
    }

    /**
     * The per-client rule of preview and run, for a whole chunk at once: a client who no longer
     * exists counts as erased; in a run, a client the campaign already holds a mail for is skipped
     * as such (one outbox read for the chunk); every other client gets the shared eligibility rule
     * ({@link InvitationSupport#skipReasons}, a few reads for the chunk).
     */
    private Map<ClientId, InviteOutcome> outcomes(TenantId tenant, List<Entry> entries,
            Optional<CampaignId> campaignId) {
        Map<ClientId, InviteOutcome> outcomes = new HashMap<>();
        List<Client> present = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            entry.client().ifPresentOrElse(present::add,
                    () -> outcomes.put(entry.id(), new InviteOutcome.Skipped(entry.id(), SkipReason.ERASED)));
        }
        if (campaignId.isPresent() && !present.isEmpty()) {
            Set<ClientId> presentIds = new HashSet<>();
            present.forEach(c -> presentIds.add(c.id()));
            Set<ClientId> held = outbox.heldByCampaign(tenant, campaignId.get(), presentIds);
            held.forEach(id -> outcomes.put(id, new InviteOutcome.Skipped(id, SkipReason.ALREADY_IN_CAMPAIGN)));
            present = present.stream().filter(c -> !held.contains(c.id())).toList();
        }
        Map<ClientId, SkipReason> reasons = present.isEmpty() ? Map.of() : support.skipReasons(tenant, present);
        for (Client client : present) {
            SkipReason reason = reasons.get(client.id());
            outcomes.put(client.id(), reason == null ? new InviteOutcome.Enqueued(client.id())
                    : new InviteOutcome.Skipped(client.id(), reason));
        }
        return outcomes;
    }

    /** The counters after the entries' outcomes, added in walk order. */
    private static CampaignProgress tally(CampaignProgress before, List<Entry> entries,
            Map<ClientId, InviteOutcome> outcomes) {
        CampaignProgress progress = before;
        for (Entry entry : entries) {
            progress = progress.plus(outcomes.get(entry.id()));
        }
        return progress;
    }

    private Campaign load(TenantId tenant, CampaignId campaignId) {
        return campaigns.find(tenant, campaignId)
                .orElseThrow(() -> new NotFoundException("campaign", campaignId));
    }

    /**
     * The access check of a call naming {@code target}: another tenant's staff get the not-found an
     * unknown group, label or (first, in id order) client of the target would get.
     */
    private static void requireStaffFor(Actor actor, TenantId tenant, CampaignTarget target) {
        if (target instanceof CampaignTarget.Group group) {
            Access.requireStaff(actor, Permission.INVITE_CLIENTS, tenant, "group", group.groupId());
        } else if (target instanceof CampaignTarget.WithLabel label) {
            Access.requireStaff(actor, Permission.INVITE_CLIENTS, tenant, "label", label.labelId());
        } else if (target instanceof CampaignTarget.Clients explicit && !explicit.clientIds().isEmpty()) {
            Access.requireStaff(actor, Permission.INVITE_CLIENTS, tenant, inIdOrder(explicit).get(0));
        } else {
            Access.requireStaff(actor, Permission.INVITE_CLIENTS, tenant);
        }
    }

    private static List<ClientId> inIdOrder(CampaignTarget.Clients target) {
        return target.clientIds().stream().sorted(ClientLookups.ID_ORDER).toList();
    }

    /**
     * The target, once its group, label or listed clients are found in the tenant ({@link
     * NotFoundException} otherwise).
     */
    private CampaignTarget requireTargetExists(TenantId tenant, CampaignTarget target) {
        if (target instanceof CampaignTarget.Group group) {
            groups.find(tenant, group.groupId())
                    .orElseThrow(() -> new NotFoundException("group", group.groupId()));
        } else if (target instanceof CampaignTarget.WithLabel label) {
            labels.find(tenant, label.labelId())
                    .orElseThrow(() -> new NotFoundException("label", label.labelId()));
        } else if (target instanceof CampaignTarget.Clients explicit) {
            // one read for every listed client; the first missing one, in id order, is not found
            Set<ClientId> found = clients.findAll(tenant, explicit.clientIds()).stream().map(Client::id)
                    .collect(Collectors.toSet());
            inIdOrder(explicit).stream().filter(id -> !found.contains(id)).findFirst().ifPresent(id -> {
                throw new NotFoundException("client", id);
            });
        }
        return target;
    }

    /**
     * The next chunk of the target after the client id {@code position}, at most {@code
     * campaignChunkSize} clients, read as whole rows in one repository call; with {@code lock}, each
     * locked as it is read, in id order ({@link ClientRepository#findMatchingForUpdate}, {@link
     * ClientRepository#findAllForUpdate}), so a run reads its clients once.
     */
    private Chunk walk(TenantId tenant, CampaignTarget target, Optional<ClientId> position, boolean lock) {
        int size = config.campaignChunkSize();
        if (target instanceof CampaignTarget.Clients explicit) {
            return walkExplicit(tenant, explicit, position, size, lock);
        }
        ClientQuery query = queryOf(target);
        // one more than the chunk, to know whether another chunk follows (when locking, that client
        // of the next chunk stays locked until this chunk commits: cheaper than another statement)
        List<Client> rows;
        if (lock) {
            rows = position.isPresent() ? clients.findMatchingForUpdate(tenant, query, position.get(), size + 1)
                    : clients.findMatchingForUpdate(tenant, query, size + 1);
        } else {
            rows = position.isPresent() ? clients.findMatching(tenant, query, position.get(), size + 1)
                    : clients.findMatching(tenant, query, size + 1);
        }
        List<Entry> entries = rows.stream().limit(size).map(c -> new Entry(c.id(), Optional.of(c))).toList();
        return new Chunk(entries, rows.size() <= size);
    }

    private Chunk walkExplicit(TenantId tenant, CampaignTarget.Clients target, Optional<ClientId> position, int size,
            boolean lock) {
        List<ClientId> remaining = target.clientIds().stream()
                .filter(id -> position.map(p -> ClientLookups.ID_ORDER.compare(id, p) > 0).orElse(true))
                .sorted(ClientLookups.ID_ORDER)
                .toList();
        List<ClientId> chunk = remaining.subList(0, Math.min(size, remaining.size()));
        Map<ClientId, Client> found = (lock ? clients.findAllForUpdate(tenant, chunk) : clients.findAll(tenant, chunk))
                .stream().collect(Collectors.toMap(Client::id, Function.identity()));
        List<Entry> entries = chunk.stream().map(id -> new Entry(id, Optional.ofNullable(found.get(id)))).toList();
        return new Chunk(entries, remaining.size() <= size);
    }

    private static ClientQuery queryOf(CampaignTarget target) {
        ClientQuery everyone = ClientQuery.all().includingErased();
        if (target instanceof CampaignTarget.Group group) {
            return everyone.withGroup(group.groupId());
        }
        if (target instanceof CampaignTarget.WithLabel label) {
            return everyone.withLabel(label.labelId());
        }
        if (target instanceof CampaignTarget.WithStatus status) {
            return everyone.withStatus(switch (status.status()) {
                case ADDED -> InvitationStatus.ADDED;
                case INVITED -> InvitationStatus.INVITED;
            });
        }
        return everyone;
    }

    /** A client of the target: its id and the client (empty if it no longer exists). */
    private record Entry(ClientId id, Optional<Client> client) {
    }

    /** Consecutive clients of the target in id order; {@code exhausted} when none follow. */
    private record Chunk(List<Entry> entries, boolean exhausted) {
        Optional<ClientId> lastPosition() {
            return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1).id());
        }
    }

    private record Tallied(CampaignProgress progress, Chunk chunk) {
    }
}
