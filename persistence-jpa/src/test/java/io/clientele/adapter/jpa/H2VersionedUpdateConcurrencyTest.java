package io.clientele.adapter.jpa;

/** {@link JpaVersionedUpdateConcurrencyTest} on H2. */
class H2VersionedUpdateConcurrencyTest extends JpaVersionedUpdateConcurrencyTest {

    @Override
    JpaAdapters adapters() {
        return Databases.h2Adapters();
    }
}
