package io.clientele.adapter.jpa;

import javax.sql.DataSource;

/** The label, group and note adapters' own tests on H2. */
class H2CatalogAdaptersTest extends CatalogAdaptersTest {

    @Override
    JpaAdapters adapters() {
        return Databases.h2Adapters();
    }

    @Override
    DataSource dataSource() {
        return Databases.h2();
    }
}
