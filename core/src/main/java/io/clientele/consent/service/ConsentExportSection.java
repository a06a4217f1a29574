package io.clientele.consent.service;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.port.ConsentLog;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.export.port.ExportSection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The consent context's section of the data export, {@code "consents"}: every consent record of
 * the client, oldest first, with the preference's key (its id when the preference is gone), the
 * decision, time, source, actor, wording version and hash, and the IP address and user agent a
 * self-service decision kept (erasure blanks them). Two reads, whatever the number of records: the
 * client's records and the tenant's preferences. Immutable and thread-safe.
 */
public final class ConsentExportSection implements ExportSection {

    private final ConsentLog consents;
    private final PreferenceRepository preferences;

    /** The section over the consent log and the preference catalog. */
    public ConsentExportSection(ConsentLog consents, PreferenceRepository preferences) {
        this.consents = Validate.notNull("consents", consents);
        this.preferences = Validate.notNull("preferences", preferences);
    }

    /** Always {@code "consents"}. */
    @Override
    public String name() {
        return "consents";
    }

    @Override
    public Object content(TenantId tenant, ClientId client, Instant exportedAt) {
        List<ConsentRecord> records = consents.history(tenant, client);
        if (records.isEmpty()) {
            return List.of();
        }
        Map<PreferenceId, String> keys = preferences.list(tenant).stream()
                .collect(Collectors.toMap(MarketingPreference::id, MarketingPreference::key));
        return records.stream().map(r -> record(r, keys)).toList();
    }

    private static Map<String, Object> record(ConsentRecord r, Map<PreferenceId, String> keys) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("preference", keys.getOrDefault(r.preferenceId(), r.preferenceId().toString()));
        o.put("decision", r.decision().name());
        o.put("at", r.recordedAt().toString());
        o.put("source", r.source().name());
        o.put("actor", r.actor());
        o.put("wordingVersion", r.wordingVersion());
        o.put("wordingSha256", r.wordingSha256());
        r.ipAddress().ifPresent(v -> o.put("ipAddress", v));
        r.userAgent().ifPresent(v -> o.put("userAgent", v));
        return o;
    }
}
