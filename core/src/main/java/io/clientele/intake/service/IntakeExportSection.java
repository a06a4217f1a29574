package io.clientele.intake.service;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.export.port.ExportSection;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.intake.port.IntakeFormRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intake context's section of the data export, {@code "intakeForms"}: every form the client
 * submitted, with its name, version, time and answers in the order given (health data: erasure
 * removes them). One read. Immutable and thread-safe.
 */
public final class IntakeExportSection implements ExportSection {

    private final IntakeFormRepository intakeForms;

    /** The section over the intake form store. */
    public IntakeExportSection(IntakeFormRepository intakeForms) {
        this.intakeForms = Validate.notNull("intakeForms", intakeForms);
    }

    /** Always {@code "intakeForms"}. */
    @Override
    public String name() {
        return "intakeForms";
    }

    @Override
    public Object content(TenantId tenant, ClientId client, Instant exportedAt) {
        return intakeForms.listForClient(tenant, client).stream().map(IntakeExportSection::submission).toList();
    }

    private static Map<String, Object> submission(IntakeSubmission s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("form", s.formName());
        o.put("version", s.formVersion());
        o.put("submittedAt", s.submittedAt().toString());
        List<Map<String, Object>> answers = new ArrayList<>();
        for (Map.Entry<String, String> answer : s.answers().entrySet()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("question", answer.getKey());
            a.put("answer", answer.getValue());
            answers.add(a);
        }
        o.put("answers", answers);
        return o;
    }
}
