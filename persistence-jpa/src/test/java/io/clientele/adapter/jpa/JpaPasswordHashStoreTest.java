package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.invitation.port.PasswordHashStore;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.Race;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the JPA password hash store does beyond the contract, on PostgreSQL and H2 alike: a save is
 * an upsert that cannot fail, so two first saves for one client at once (two activations racing,
 * of which the token lets one through) both succeed and leave one of the two hashes.
 */
class JpaPasswordHashStoreTest {

    private static final String FIRST = "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$Zmlyc3QtaGFzaA";
    private static final String SECOND = "$argon2id$v=19$m=1024,t=1,p=1$b3RoZXJzYWx0eHg$c2Vjb25kLWhhc2g";

    static Stream<String> databases() {
        return Stream.of("postgres", "h2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void two_first_saves_at_once_both_succeed_and_leave_one_of_the_hashes(String database) {
        JpaAdapters jpa = database.equals("postgres") ? Databases.postgresAdapters() : Databases.h2Adapters();
        PasswordHashStore hashes = jpa.passwordHashes();
        TransactionRunner tx = jpa.transactions();
        Fixtures fx = Fixtures.standard();
        TenantId tenant = fx.newTenant();
        for (int round = 0; round < 5; round++) {
            ClientId ana = fx.newClientId();

            List<Race.Outcome<Boolean>> outcomes = Race.together(List.of(
                    () -> tx.inTransaction(() -> {
                        hashes.save(tenant, ana, FIRST);
                        return true;
                    }),
                    () -> tx.inTransaction(() -> {
                        hashes.save(tenant, ana, SECOND);
                        return true;
                    })));

            assertThat(outcomes).extracting(Race.Outcome::get).containsOnly(true);
            assertThat(tx.inReadOnlyTransaction(() -> hashes.find(tenant, ana)).orElseThrow()).isIn(FIRST, SECOND);
        }
    }
}
