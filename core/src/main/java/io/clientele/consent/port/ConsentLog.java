package io.clientele.consent.port;

import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.model.PreferenceState;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The append-only consent records. SPI; thread-safe. */
public interface ConsentLog {

    /** Appends a record. */
    void append(ConsentRecord record);

    /** The client's latest record for the preference, if any. */
    Optional<ConsentRecord> latest(TenantId tenant, ClientId client, PreferenceId preferenceId);

    /**
     * Where the client stands on every preference of the tenant, by key: each preference with the
     * client's latest record for it, if any (the profile's marketing section). SQL: one statement,
     * {@code SELECT ... FROM preference p LEFT JOIN LATERAL (SELECT ... FROM consent c WHERE
     * c.tenant_id = p.tenant_id AND c.client_id = ? AND c.preference_id = p.id ORDER BY c.id DESC
     * LIMIT 1) ON true WHERE p.tenant_id = ? ORDER BY p.key}, on the {@code (tenant_id, client_id)}
     * index of the records.
     */
    List<PreferenceState> currentStates(TenantId tenant, ClientId client);

    /**
     * Every record of the client, oldest first (the current state and the data export read them
     * all). In SQL one statement on an index {@code (tenant_id, client_id)}.
     */
    List<ConsentRecord> history(TenantId tenant, ClientId client);

    /**
     * One keyset page of the client's records, newest first (time recorded, then id, both
     * descending). The page's position holds the last record's time and id; a position that is not
     * one is a {@code ValidationException} on field {@code cursor}. In SQL one statement: {@code
     * WHERE tenant_id = ? AND client_id = ? AND (recorded_at, id) < (?, ?) ORDER BY recorded_at DESC,
     * id DESC LIMIT ?} (the page size plus one), on an index {@code (tenant_id, client_id,
     * recorded_at, id)}.
     */
    Page<ConsentRecord> pageForClient(TenantId tenant, ClientId client, PageRequest page);

    /**
     * One keyset page of the audience of the preference: the clients whose latest record for it
     * (highest record id) is an opt-in and who are not erased, in client id order, after the
     * page's cursor (one this method made: the last client id of the previous page). Erased
     * clients are left out by the query itself, so a page is full whenever enough clients follow,
     * and a page is one call whatever the number of clients it skips.
     *
     * <p>SQL: one statement, served by an index on {@code (tenant_id, preference_id, client_id,
     * id)} and the client table's key: {@code SELECT l.client_id FROM (SELECT DISTINCT ON
     * (client_id) client_id, decision FROM consent WHERE tenant_id = ? AND preference_id = ? AND
     * client_id > ? ORDER BY client_id, id DESC) l JOIN client c ON c.tenant_id = ? AND c.id =
     * l.client_id WHERE l.decision = 'OPT_IN' AND c.erased_at IS NULL ORDER BY l.client_id LIMIT
     * ?} (the page size plus one, to know whether a next page exists).
     */
    Page<ClientId> audience(TenantId tenant, PreferenceId preferenceId, PageRequest page);

    /**
     * Of the given clients, those whose latest record for the preference is an opt-out; a campaign
     * chunk asks for all its clients in one call. SQL: one {@code SELECT DISTINCT ON (client_id)
     * client_id, decision FROM consent WHERE tenant_id = ? AND preference_id = ? AND client_id =
     * ANY(?) ORDER BY client_id, id DESC} (then keep the opt-outs), served by an index on {@code
     * (tenant_id, client_id)}.
     */
    Set<ClientId> optedOut(TenantId tenant, PreferenceId preferenceId, Set<ClientId> clients);

    /** Blanks the IP address and user agent of the client's records (erasure); keeps the proof. */
    void scrubPersonalData(TenantId tenant, ClientId client);
}
