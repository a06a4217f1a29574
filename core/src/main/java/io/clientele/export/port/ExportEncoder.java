package io.clientele.export.port;

import java.util.Map;

/**
 * Writes a client's data export document as text. The document is plain values (as {@link
 * ExportSection} describes them): a map of sections in order, each a map, list, string, boolean or
 * number. The encoder keeps the order of every map's fields and of every list, and writes every
 * value it is given; the format is the encoder's (the default, {@code
 * io.clientele.adapter.json.JacksonExportEncoder}, writes indented JSON).
 *
 * <p>SPI; implementations must be thread-safe. A failure to encode is an {@code
 * InfrastructureException}.
 */
@FunctionalInterface
public interface ExportEncoder {

    /** The document as text. */
    String encode(Map<String, Object> document);
}
