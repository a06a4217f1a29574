package io.clientele.common;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TenantIdTest {

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void host_tenant_keys_are_accepted_unchanged(@ForAll("hostKeys") String key) {
        assertThat(TenantId.of(key).value()).isEqualTo(key);
        assertThat(TenantId.of(key)).hasToString(key);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void malformed_tenant_keys_are_refused_with_rule_format(@ForAll("malformedKeys") String key) {
        assertRefused(() -> TenantId.of(key), "tenantId", "format");
    }

    @Example
    void missing_tenant_key_is_refused_with_rule_required() {
        assertRefused(() -> TenantId.of(null), "tenantId", "required");
    }

    @Example
    void tenant_keys_are_case_sensitive() {
        assertThat(TenantId.of("Studio-A")).isNotEqualTo(TenantId.of("studio-a"));
    }

    @Property
    void any_input_is_a_tenant_id_or_refused_with_a_validation_exception(
            @ForAll("anyTextOrNull") String raw) {
        validOrRefused(() -> TenantId.of(raw), "tenantId", Set.of("required", "format"))
                .ifPresent(id -> {
                    assertThat(id.value()).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
                    assertThat(TenantId.of(id.value())).isEqualTo(id);
                });
    }

    @Provide
    Arbitrary<String> hostKeys() {
        return Arbitraries.of("studio-a", "7", "Acme.Yoga_Studio-2", "a".repeat(64), "0.1", "x__y");
    }

    @Provide
    Arbitrary<String> malformedKeys() {
        return Arbitraries.of("", " studio", "studio ", "-studio", ".studio", "_studio", "a".repeat(65),
                "st\u00FCdio", "studio/a", "studio a", "studio\n", "studio\u202E", "\u0441tudio");
    }

    @Provide
    Arbitrary<String> anyTextOrNull() {
        return UntrustedInput.textOrNull();
    }
}
