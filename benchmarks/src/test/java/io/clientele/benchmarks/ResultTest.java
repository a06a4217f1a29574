package io.clientele.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResultTest {

    @Test
    void the_line_keeps_the_order_of_its_keys_and_writes_decimals_with_a_dot_in_any_locale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            Result result = Result.named("core-campaign").with("clients", 100_000).withMicros("create_us", 12.345)
                    .withMicros("campaign_us", 7.0).withRatio("scaling", 1.125);

            assertThat(result.line())
                    .isEqualTo("RESULT name=core-campaign clients=100000 create_us=12.3 campaign_us=7.0 scaling=1.13");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void a_key_that_is_not_snake_case_or_a_value_with_a_space_would_break_the_line_and_is_refused() {
        Result result = Result.named("core-dispatch");

        assertThatThrownBy(() -> result.with("usPerMail", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> result.with("us per mail", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Result("core dispatch", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scaling_compares_the_cost_per_item_of_the_largest_round_with_the_smallest_not_their_total_times() {
        Round small = new Round(10_000, 50_000_000L);
        Round large = new Round(100_000, 600_000_000L);

        assertThat(small.microsPerItem()).isEqualTo(5.0);
        assertThat(large.microsPerItem()).isEqualTo(6.0);
        assertThat(Round.scaling(List.of(small, new Round(50_000, 1L), large))).isEqualTo(1.2);
    }

    @Test
    void last_names_of_benchmark_clients_are_letters_only_and_distinct() {
        List<String> names = IntStream.range(0, 2_000).mapToObj(InMemoryStudio::lettersOf).toList();

        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("A[a-z]+"));
        assertThat(names.subList(0, 3)).containsExactly("Aa", "Ab", "Ac");
        assertThat(InMemoryStudio.lettersOf(26)).isEqualTo("Aba");
    }
}
