package io.clientele.archfixture.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Breaks the rule that only the JSON adapter knows Jackson, on purpose, so that {@code
 * ArchitectureTest} can show it bites: a service that builds its own JSON.
 */
public final class JsonWritingService {

    private final ObjectMapper json = new ObjectMapper();

    /** Writes a document the way {@code DataExportService} did before issue 8. */
    public ObjectNode document() {
        return json.createObjectNode().put("format", "clientele-export/1");
    }
}
