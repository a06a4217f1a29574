package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How {@link PlainJdbc} turns named parameters into JDBC markers, without a database. */
class PlainJdbcTest {

    private final List<Object> values = new ArrayList<>();

    @Test
    void each_named_parameter_becomes_a_marker_and_its_value_follows_in_order() {
        String jdbc = PlainJdbc.positional("SELECT c.id FROM client c WHERE c.tenant_id = :tenant AND c.id > :after"
                + " LIMIT :limit", Map.of("tenant", "studio-a", "after", "x", "limit", 51), values);

        assertThat(jdbc).isEqualTo("SELECT c.id FROM client c WHERE c.tenant_id = ? AND c.id > ? LIMIT ?");
        assertThat(values).containsExactly("studio-a", "x", 51);
    }

    @Test
    void a_name_that_starts_another_is_told_apart_and_a_name_used_twice_is_bound_twice() {
        String jdbc = PlainJdbc.positional("WHERE k > :afterKey OR (k = :afterKey AND id > :after) LIMIT :limit",
                Map.of("after", 1, "afterKey", 2, "limit", 3), values);

        assertThat(jdbc).isEqualTo("WHERE k > ? OR (k = ? AND id > ?) LIMIT ?");
        assertThat(values).containsExactly(2, 2, 1, 3);
    }

    @Test
    void a_collection_is_one_marker_per_element() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        String jdbc = PlainJdbc.positional("WHERE id IN (:ids) AND t = :tenant", Map.of("ids", List.of(a, b),
                "tenant", "studio-a"), values);

        assertThat(jdbc).isEqualTo("WHERE id IN (?, ?) AND t = ?");
        assertThat(values).containsExactly(a, b, "studio-a");
    }

    @Test
    void a_cast_is_left_as_it_is() {
        String jdbc = PlainJdbc.positional("SELECT :id::uuid, x::text", Map.of("id", "v"), values);

        assertThat(jdbc).isEqualTo("SELECT ?::uuid, x::text");
        assertThat(values).containsExactly("v");
    }

    @Test
    void a_text_where_a_colon_or_a_marker_could_be_misread_is_refused() {
        for (String sql : List.of("WHERE a = ':not'", "WHERE \"a:b\" = 1", "WHERE a = 1 -- :x", "/* :x */ SELECT 1",
                "WHERE a = ?")) {
            assertThatThrownBy(() -> PlainJdbc.positional(sql, Map.of("x", 1), values))
                    .as(sql).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(values).isEmpty();
    }

    @Test
    void a_parameter_without_a_value_and_an_empty_list_are_refused() {
        assertThatThrownBy(() -> PlainJdbc.positional("WHERE a = :missing", Map.of(), values))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":missing");
        assertThatThrownBy(() -> PlainJdbc.positional("WHERE a IN (:ids)", Map.of("ids", List.of()), values))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":ids");
    }
}
