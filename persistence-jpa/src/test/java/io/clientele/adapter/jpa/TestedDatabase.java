package io.clientele.adapter.jpa;

import javax.sql.DataSource;

/**
 * The two databases of the test JVM ({@link Databases}), for tests that run the same method on
 * each ({@code @EnumSource(TestedDatabase.class)}).
 */
enum TestedDatabase {
    POSTGRESQL {
        @Override
        JpaAdapters adapters() {
            return Databases.postgresAdapters();
        }

        @Override
        DataSource dataSource() {
            return Databases.postgres();
        }
    },
    H2 {
        @Override
        JpaAdapters adapters() {
            return Databases.h2Adapters();
        }

        @Override
        DataSource dataSource() {
            return Databases.h2();
        }
    };

    /** The shared adapters on this database. */
    abstract JpaAdapters adapters();

    /** The pool of this database, for connections of a test's own, outside the adapters' units of work. */
    abstract DataSource dataSource();
}
