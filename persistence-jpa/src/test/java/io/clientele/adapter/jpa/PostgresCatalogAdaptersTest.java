package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The label, group and note adapters' own tests on PostgreSQL 17. */
class PostgresCatalogAdaptersTest extends CatalogAdaptersTest {

    @Override
    JpaAdapters adapters() {
        return Databases.postgresAdapters();
    }

    @Override
    DataSource dataSource() {
        return Databases.postgres();
    }

    /**
     * The test database's own collation (C.UTF-8) sorts by code point already, so the order test
     * cannot tell; a host's database created with a locale (en_US.UTF-8) would sort "a b" after
     * "ab" unless the column carries its own collation.
     */
    @Test
    void the_name_keys_compare_byte_wise_whatever_the_locale_of_the_hosts_database() throws SQLException {
        Map<String, String> collations = new HashMap<>();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT table_name, collation_name FROM information_schema.columns"
                        + " WHERE table_name IN ('label', 'client_group') AND column_name = 'name_key'")) {
            while (r.next()) {
                collations.put(r.getString(1), r.getString(2));
            }
        }

        assertThat(collations).containsOnly(Map.entry("label", "C"), Map.entry("client_group", "C"));
    }
}
