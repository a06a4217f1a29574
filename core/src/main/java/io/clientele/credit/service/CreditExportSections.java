package io.clientele.credit.service;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.port.CreditRepository;
import io.clientele.export.port.ExportSection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The credit context's sections of the data export, as of the export's instant: {@link #credits}
 * ({@code "credits"}, newest issued first, each in its effective state: a credit past its expiry
 * shows {@code EXPIRED} before the sweep has recorded it) and {@link #ledger} ({@code
 * "creditLedger"}, oldest first, with the line a pending expiry will record, as {@link
 * CreditService#ledger} shows it). The ledger carries the staff's reasons (erasure replaces them).
 * One read per section. Stateless and thread-safe.
 */
public final class CreditExportSections {

    private CreditExportSections() {
    }

    /** The {@code "credits"} section over the credit store. */
    public static ExportSection credits(CreditRepository credits) {
        Validate.notNull("credits", credits);
        return new Section("credits", (tenant, client, now) -> credits.listForClient(tenant, client).stream()
                .map(c -> credit(c.asSeenAt(now))).toList());
    }

    /** The {@code "creditLedger"} section over the credit store. */
    public static ExportSection ledger(CreditRepository credits) {
        Validate.notNull("credits", credits);
        return new Section("creditLedger", (tenant, client, now) -> CreditChange.asSeenAt(
                        credits.changes(tenant, client), credits.listForClient(tenant, client, CreditState.EXPIRED, now),
                        now, CreditService.EXPIRY_JOB.describe())
                .stream().map(CreditExportSections::change).toList());
    }

    private static Map<String, Object> credit(Credit c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", c.id().toString());
        o.put("source", c.source().kind().name());
        c.source().reference().ifPresent(r -> o.put("sourceReference", r.toString()));
        o.put("issuedAt", c.issuedAt().toString());
        c.expiresAt().ifPresent(e -> o.put("expiresAt", e.toString()));
        o.put("state", c.state().name());
        c.bookingRef().ifPresent(b -> o.put("booking", b));
        return o;
    }

    private static Map<String, Object> change(CreditChange c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("creditId", c.creditId().toString());
        c.from().ifPresent(f -> o.put("from", f.name()));
        o.put("to", c.to().name());
        o.put("at", c.at().toString());
        o.put("actor", c.actor());
        o.put("reason", c.reason());
        return o;
    }

    /** How one section reads its content. */
    @FunctionalInterface
    private interface Reader {
        List<Map<String, Object>> read(TenantId tenant, ClientId client, Instant now);
    }

    private record Section(String name, Reader reader) implements ExportSection {

        @Override
        public Object content(TenantId tenant, ClientId client, Instant exportedAt) {
            return reader.read(tenant, client, exportedAt);
        }
    }
}
