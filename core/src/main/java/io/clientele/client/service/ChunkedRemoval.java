package io.clientele.client.service;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Takes a deleted catalog entry (a label, a group) off every client that still has it, in chunks
 * of short units of work: each chunk locks its next clients by keyset in client id order ({@link
 * ClientRepository#findMatchingForUpdate}), changes them with one batch update, audits them with
 * one batch append and announces them with one batch publish, so a chunk makes the same five port
 * calls (its unit of work included) whatever its size. The catalog entry's own delete committed
 * before the first chunk (no assignment finds it any more), so the walk meets every holder; a run
 * that stops midway leaves the rest for the next run, which starts from the lowest id again and
 * finds only the clients still holding it. Immutable and thread-safe.
 */
final class ChunkedRemoval {

    private final ClientRepository clients;
    private final TransactionRunner tx;
    private final ChangeRecorder changes;
    private final int chunkSize;

    /**
     * A removal of at most {@code chunkSize} clients per unit of work (1 to {@link
     * ClientServices#MAX_CATALOG_CHUNK_SIZE}; else a {@link ConfigurationException} naming {@code
     * owner}, the service that asked for it).
     */
    ChunkedRemoval(ClientRepository clients, TransactionRunner tx, ChangeRecorder changes, int chunkSize,
            String owner) {
        if (chunkSize < 1 || chunkSize > ClientServices.MAX_CATALOG_CHUNK_SIZE) {
            throw new ConfigurationException(
                    owner + " chunkSize must be 1 to " + ClientServices.MAX_CATALOG_CHUNK_SIZE);
        }
        this.clients = clients;
        this.tx = tx;
        this.changes = changes;
        this.chunkSize = chunkSize;
    }

    /**
     * Changes every client of the tenant that {@code holders} matches with {@code change}, each
     * audited as {@code action} with {@code fieldChanges}; returns how many it changed.
     */
    int run(Actor actor, TenantId tenant, ClientQuery holders, BiFunction<Client, Instant, Client> change,
            AuditAction action, List<FieldChange> fieldChanges) {
        int changed = 0;
        Optional<ClientId> after = Optional.empty();
        while (true) {
            Optional<ClientId> position = after;
            List<Client> chunk = tx.inTransaction(() -> {
                List<Client> locked = position.isPresent()
                        ? clients.findMatchingForUpdate(tenant, holders, position.get(), chunkSize)
                        : clients.findMatchingForUpdate(tenant, holders, chunkSize);
                Instant now = changes.now();
                List<Client> next = new ArrayList<>(locked.size());
                for (Client client : locked) {
                    next.add(change.apply(client, now));
                }
                changes.saveAll(actor, next, action, fieldChanges);
                return locked;
            });
            changed += chunk.size();
            if (chunk.size() < chunkSize) {
                return changed;
            }
            after = Optional.of(chunk.get(chunk.size() - 1).id());
        }
    }
}
