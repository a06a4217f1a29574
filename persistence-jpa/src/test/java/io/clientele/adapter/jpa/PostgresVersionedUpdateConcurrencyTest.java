package io.clientele.adapter.jpa;

/** {@link JpaVersionedUpdateConcurrencyTest} on PostgreSQL 17 (READ COMMITTED). */
class PostgresVersionedUpdateConcurrencyTest extends JpaVersionedUpdateConcurrencyTest {

    @Override
    JpaAdapters adapters() {
        return Databases.postgresAdapters();
    }
}
