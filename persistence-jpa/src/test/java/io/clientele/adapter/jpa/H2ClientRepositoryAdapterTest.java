package io.clientele.adapter.jpa;

import io.clientele.testkit.LockProbe;

/** The JPA client repository's own guarantees on H2. */
class H2ClientRepositoryAdapterTest extends ClientRepositoryAdapterTests {

    @Override
    JpaAdapters adapters() {
        return Databases.h2Adapters();
    }

    @Override
    LockProbe probe() {
        return LockProbes.h2();
    }
}
