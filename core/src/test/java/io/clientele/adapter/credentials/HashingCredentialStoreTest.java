package io.clientele.adapter.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.adapter.credentials.HashingCredentialStore.Argon2Parameters;
import io.clientele.adapter.memory.InMemoryPasswordHashStore;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.invitation.model.Password;
import io.clientele.invitation.model.PreparedCredential;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HashingCredentialStoreTest {

    private static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);
    private static final TenantId TENANT = TenantId.of("studio-a");
    private static final TenantId OTHER_TENANT = TenantId.of("studio-b");
    private static final ClientId ANA = new ClientId(UUID.fromString("01900000-0000-7000-8000-000000000001"));
    private static final ClientId BO = new ClientId(UUID.fromString("01900000-0000-7000-8000-000000000002"));

    private final MemoryTransactions tx = new MemoryTransactions();
    private final InMemoryPasswordHashStore hashes = new InMemoryPasswordHashStore(tx);
    private final HashingCredentialStore store = new HashingCredentialStore(hashes, CHEAP);

    @Test
    void stores_an_argon2id_phc_string_that_does_not_contain_the_password() {
        store.setPassword(TENANT, ANA, store.prepare(new Password("correct horse battery")));

        String phc = hashes.find(TENANT, ANA).orElseThrow();
        assertThat(phc).startsWith("$argon2id$v=19$m=1024,t=1,p=1$")
                .doesNotContain("correct horse battery")
                .doesNotContain("correct");
        assertThat(phc.split("\\$")).hasSize(6);
        assertThat(hashes.contents()).singleElement().asString().doesNotContain("correct horse battery");
    }

    @Test
    void verify_accepts_the_password_and_refuses_any_other() {
        store.setPassword(TENANT, ANA, store.prepare(new Password("correct horse battery")));

        assertThat(store.verify(TENANT, ANA, "correct horse battery")).isTrue();
        assertThat(store.verify(TENANT, ANA, "correct horse batterY")).isFalse();
        assertThat(store.verify(TENANT, ANA, "")).isFalse();
        assertThat(store.verify(TENANT, ANA, "x".repeat(10_000))).isFalse();
    }

    @Test
    void the_same_password_hashes_differently_each_time() {
        store.setPassword(TENANT, ANA, store.prepare(new Password("correct horse battery")));
        store.setPassword(TENANT, BO, store.prepare(new Password("correct horse battery")));

        assertThat(hashes.find(TENANT, ANA)).isNotEqualTo(hashes.find(TENANT, BO));
    }

    @Test
    void passwords_are_isolated_by_tenant_and_client() {
        store.setPassword(TENANT, ANA, store.prepare(new Password("studio a password")));
        store.setPassword(OTHER_TENANT, ANA, store.prepare(new Password("studio b password")));

        assertThat(store.verify(TENANT, ANA, "studio a password")).isTrue();
        assertThat(store.verify(TENANT, ANA, "studio b password")).isFalse();
        assertThat(store.verify(OTHER_TENANT, ANA, "studio b password")).isTrue();
        assertThat(store.verify(OTHER_TENANT, ANA, "studio a password")).isFalse();
        assertThat(store.verify(TENANT, BO, "studio a password")).isFalse();

        store.remove(OTHER_TENANT, ANA);
        assertThat(store.verify(OTHER_TENANT, ANA, "studio b password")).isFalse();
        assertThat(store.verify(TENANT, ANA, "studio a password")).isTrue();
    }

    @Test
    void setting_a_password_replaces_the_previous_one() {
        store.setPassword(TENANT, ANA, store.prepare(new Password("first password")));
        store.setPassword(TENANT, ANA, store.prepare(new Password("second password")));

        assertThat(store.verify(TENANT, ANA, "first password")).isFalse();
        assertThat(store.verify(TENANT, ANA, "second password")).isTrue();
    }

    @Test
    void prepare_hashes_and_set_password_stores_that_very_hash() {
        PreparedCredential prepared = store.prepare(new Password("correct horse battery"));

        assertThat(prepared).isInstanceOfSatisfying(PreparedCredential.Hashed.class,
                h -> assertThat(h.value()).startsWith("$argon2id$v=19$m=1024,t=1,p=1$"));
        assertThat(prepared.toString()).doesNotContain("argon2", "correct");
        assertThat(hashes.find(TENANT, ANA)).as("prepare writes nothing").isEmpty();

        store.setPassword(TENANT, ANA, prepared);

        assertThat(hashes.find(TENANT, ANA)).contains(((PreparedCredential.Hashed) prepared).value());
        assertThat(store.verify(TENANT, ANA, "correct horse battery")).isTrue();
    }

    @Test
    void a_plain_password_handed_to_set_password_is_hashed_there() {
        store.setPassword(TENANT, ANA, new PreparedCredential.Plain(new Password("correct horse battery")));

        assertThat(hashes.find(TENANT, ANA)).get().asString().startsWith("$argon2id$")
                .doesNotContain("correct horse battery");
        assertThat(store.verify(TENANT, ANA, "correct horse battery")).isTrue();
    }

    @Test
    void a_prepared_value_that_is_not_an_argon2id_hash_is_refused() {
        assertThatThrownBy(() -> store.setPassword(TENANT, ANA, new PreparedCredential.Hashed("$2b$10$bcrypt")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("credential");
                    assertThat(e.rule()).isEqualTo("format");
                });
        assertThat(hashes.find(TENANT, ANA)).isEmpty();
    }

    @Test
    void a_client_without_a_password_never_verifies() {
        assertThat(store.verify(TENANT, ANA, "clientele-dummy-password")).isFalse();
        assertThat(store.verify(TENANT, ANA, "anything at all")).isFalse();
    }

    @Test
    void remove_deletes_the_hash() {
        store.setPassword(TENANT, ANA, store.prepare(new Password("correct horse battery")));

        store.remove(TENANT, ANA);
        store.remove(TENANT, ANA);

        assertThat(hashes.find(TENANT, ANA)).isEmpty();
        assertThat(store.verify(TENANT, ANA, "correct horse battery")).isFalse();
    }

    @Test
    void a_hash_written_in_a_failed_unit_of_work_is_rolled_back() {
        store.setPassword(TENANT, ANA, store.prepare(new Password("first password")));

        assertThatThrownBy(() -> tx.inTransaction(() -> {
            store.setPassword(TENANT, ANA, store.prepare(new Password("second password")));
            throw new IllegalStateException("later step failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(store.verify(TENANT, ANA, "first password")).isTrue();
        assertThat(store.verify(TENANT, ANA, "second password")).isFalse();
    }

    @Test
    void passwords_are_compared_after_unicode_normalization() {
        store.setPassword(TENANT, ANA, store.prepare(new Password("caf\u00E9 au lait")));

        assertThat(store.verify(TENANT, ANA, "cafe\u0301 au lait")).isTrue();
        assertThat(store.verify(TENANT, ANA, "cafe au lait")).isFalse();
    }

    @Test
    void hashes_made_with_other_parameters_still_verify() {
        store.setPassword(TENANT, ANA, store.prepare(new Password("correct horse battery")));
        HashingCredentialStore stronger = new HashingCredentialStore(hashes, new Argon2Parameters(2048, 2, 2));

        assertThat(stronger.verify(TENANT, ANA, "correct horse battery")).isTrue();
        stronger.setPassword(TENANT, BO, stronger.prepare(new Password("correct horse battery")));
        assertThat(hashes.find(TENANT, BO)).get().asString().startsWith("$argon2id$v=19$m=2048,t=2,p=2$");
        assertThat(store.verify(TENANT, BO, "correct horse battery")).isTrue();
    }

    @Test
    void the_default_parameters_are_the_owasp_minimum() {
        HashingCredentialStore defaults = new HashingCredentialStore(hashes);

        defaults.setPassword(TENANT, ANA, defaults.prepare(new Password("correct horse battery")));

        assertThat(hashes.find(TENANT, ANA)).get().asString().startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(defaults.verify(TENANT, ANA, "correct horse battery")).isTrue();
    }

    @Test
    void an_unreadable_hash_does_not_verify() {
        hashes.save(TENANT, ANA, "$argon2id$garbage");

        assertThat(store.verify(TENANT, ANA, "correct horse battery")).isFalse();
    }

    @Test
    void parameters_out_of_range_are_a_configuration_error() {
        assertThatThrownBy(() -> new Argon2Parameters(7, 1, 1)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new Argon2Parameters(1024, 0, 1)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new Argon2Parameters(1024, 1, 0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new Argon2Parameters(15, 1, 2)).isInstanceOf(ConfigurationException.class);
    }
}
