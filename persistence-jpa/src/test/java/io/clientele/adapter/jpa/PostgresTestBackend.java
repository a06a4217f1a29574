package io.clientele.adapter.jpa;

import io.clientele.Clientele;
import io.clientele.adapter.credentials.HashingCredentialStore;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.testing.MutableClock;
import io.clientele.testing.TestBackend;
import io.clientele.testing.TestClientele;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Core's {@link TestClientele} on the JPA adapters of the test JVM's embedded PostgreSQL
 * ({@code -Dclientele.test.backend=postgres}), wired as {@link JpaClientele} wires a host: every
 * store and the runner from {@link JpaAdapters}, events after commit to the host's publisher, the
 * default credential store on the JPA password hashes, the host-owned ports in memory. Core's tests
 * use the fixed tenants {@code studio-a} and {@code studio-b}, so each {@link #install} first empties
 * every Clientele table in one {@code TRUNCATE} (tests run one after another in one JVM).
 */
public final class PostgresTestBackend implements TestBackend {

    private static String truncateAll;

    /** Found by {@link java.util.ServiceLoader}. */
    public PostgresTestBackend() {
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Clientele.Builder install(Clientele.Builder builder, InMemoryAdapters host, MutableClock clock) {
        JpaAdapters jpa = Databases.postgresAdapters();
        String truncate = truncateAll(jpa);
        jpa.transactions().run(() -> jpa.entityManagers().current().createNativeQuery(truncate).executeUpdate());
        return jpa.installInto(builder)
                .eventPublisher(jpa.eventsAfterCommit(host.events()))
                .credentialStore(new HashingCredentialStore(jpa.passwordHashes(), TestClientele.CHEAP_ARGON2));
    }

    /** One statement over every table the migrations created (their history excepted), found once. */
    private static synchronized String truncateAll(JpaAdapters jpa) {
        if (truncateAll == null) {
            List<?> tables = jpa.transactions().inReadOnlyTransaction(() -> jpa.entityManagers().current().createNativeQuery(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> ?1"
                            + " ORDER BY tablename")
                    .setParameter(1, ClienteleMigrations.HISTORY_TABLE).getResultList());
            truncateAll = tables.stream().map(String::valueOf).collect(Collectors.joining(", ", "TRUNCATE ", ""));
        }
        return truncateAll;
    }
}
