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

    /** Every record of the client, oldest first. */
    List<ConsentRecord> history(TenantId tenant, ClientId client);

    /** The clients whose latest record for the preference is an opt-in, in client id order. */
    Page<ClientId> audience(TenantId tenant, PreferenceId preferenceId, PageRequest page);

    /** Of the given clients, those whose latest record for the preference is an opt-out. */
    Set<ClientId> optedOut(TenantId tenant, PreferenceId preferenceId, Set<ClientId> clients);

    /** Blanks the IP address and user agent of the client's records (erasure); keeps the proof. */
    void scrubPersonalData(TenantId tenant, ClientId client);
}
