package io.clientele.adapter.smtp;

import io.clientele.common.TenantId;
import java.util.Optional;

/**
 * One template file as loaded: the tenant whose folder it is in (empty for a global override or a
 * built-in template), what it is, its text (line feeds only, without a byte-order mark), and the
 * location it came from ({@code built-in}, {@code file:...}, {@code classpath:...}). Immutable and
 * thread-safe; compared by identity, since two files with equal text are still two files.
 */
final class TemplateSource {

    private final Optional<TenantId> tenant;
    private final TemplateName name;
    private final String text;
    private final String location;

    TemplateSource(Optional<TenantId> tenant, TemplateName name, String text, String location) {
        this.tenant = tenant;
        this.name = name;
        this.text = normalize(text);
        this.location = location;
    }

    Optional<TenantId> tenant() {
        return tenant;
    }

    TemplateName name() {
        return name;
    }

    String text() {
        return text;
    }

    String location() {
        return location;
    }

    /** The name an error shows: the file name, after the tenant's folder for a studio's override. */
    String displayName() {
        return tenant.map(t -> t.value() + "/").orElse("") + name.fileName();
    }

    /** Line feeds only, so line numbers and rendered text are the same whichever system wrote the file. */
    private static String normalize(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return body.indexOf('\r') < 0 ? body : body.replace("\r\n", "\n").replace('\r', '\n');
    }
}
