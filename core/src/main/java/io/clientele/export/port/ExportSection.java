package io.clientele.export.port;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import java.time.Instant;

/**
 * One section of a client's data export (GDPR articles 15 and 20), contributed by the context that
 * holds the data: the consent context its consent records, the credit context the credits and
 * their ledger, and so on; a host adds its own (its bookings, say) with {@code
 * Clientele.Builder#exportSection}. The export puts each section under its {@link #name()}, in the
 * order the sections were given, and never looks inside.
 *
 * <p>The content is plain values, so no context needs to know how the document is encoded (no
 * service depends on a JSON library): a {@link java.util.Map} with {@link String} keys (its
 * iteration order is the order of the fields; use a {@link java.util.LinkedHashMap}), a {@link
 * java.util.List}, a {@link String}, a {@link Boolean}, or a number ({@link Integer}, {@link Long},
 * {@link java.math.BigInteger}, {@link java.math.BigDecimal}), nested as deep as needed. There is
 * no null: a field without a value is left out of its map. Anything else is refused before the
 * document is encoded, as a section wired wrongly ({@code ConfigurationException} naming the
 * section and the path to the value).
 *
 * <p>SPI; implementations must be thread-safe. {@link #content} runs in the export's read-only
 * unit of work, so every section of one export reads one consistent state; it must only read,
 * and answer the data of this client in this tenant and nothing about anyone else (an erased
 * client's section holds what erasure kept).
 */
public interface ExportSection {

    /**
     * The section's key in the document: one line of letters and digits, starting with a letter
     * (a JSON property name a host can address), unique among the export's sections.
     */
    String name();

    /**
     * The section's content for the client, as plain values (see the class comment), as the data
     * stands at {@code exportedAt}, the instant the document names (a credit past its expiry then
     * shows expired, say).
     */
    Object content(TenantId tenant, ClientId client, Instant exportedAt);
}
