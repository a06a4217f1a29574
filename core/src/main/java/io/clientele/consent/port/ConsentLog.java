package io.clientele.consent.port;

import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.PreferenceId;
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

    /** The clients whose latest record for the preference is an opt-in, in client id order. */
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
