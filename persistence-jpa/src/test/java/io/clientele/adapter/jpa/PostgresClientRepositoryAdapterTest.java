package io.clientele.adapter.jpa;

import io.clientele.testkit.LockProbe;

/** The JPA client repository's own guarantees on PostgreSQL 17. */
class PostgresClientRepositoryAdapterTest extends ClientRepositoryAdapterTests {

    @Override
    JpaAdapters adapters() {
        return Databases.postgresAdapters();
    }

    @Override
    LockProbe probe() {
        return LockProbes.postgres();
    }
}
