package io.clientele.adapter.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clientele.common.InfrastructureException;
import io.clientele.export.port.ExportEncoder;
import java.util.Map;

/**
 * The default {@link ExportEncoder}: indented JSON (two spaces, Jackson's default pretty printer),
 * fields and list items in the order given, text as UTF-8 characters (not escaped beyond what JSON
 * requires). Its output is the export format {@code clientele-export/1} that earlier versions
 * wrote. Immutable and thread-safe; {@code Clientele} uses one unless the host sets another.
 */
public final class JacksonExportEncoder implements ExportEncoder {

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** An encoder writing indented JSON. */
    public JacksonExportEncoder() {
    }

    @Override
    public String encode(Map<String, Object> document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new InfrastructureException("writing the export failed", e);
        }
    }
}
