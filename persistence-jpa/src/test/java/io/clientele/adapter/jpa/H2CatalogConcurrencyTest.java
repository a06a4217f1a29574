package io.clientele.adapter.jpa;

import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.testkit.LockProbe;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.CatalogConcurrencyContract;

/** The label and group catalogs' concurrency contract on H2, with its real row locks. */
class H2CatalogConcurrencyTest extends CatalogConcurrencyContract {

    @Override
    protected PortUnderTest<LabelRepository> createLabelRepository() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.labels(), jpa.transactions());
    }

    @Override
    protected PortUnderTest<GroupRepository> createGroupRepository() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.groups(), jpa.transactions());
    }

    @Override
    protected LockProbe lockProbe() {
        return LockProbes.h2();
    }
}
