package io.clientele.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's command line: usage errors exit 2 with a message saying what is wrong, and play nothing. */
class DemoTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Demo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty());
    }

    @Test
    void an_unknown_option_exits_2_naming_it_and_plays_nothing() {
        assertThat(run("--folder", folder.toString(), "--colour")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --colour", "usage:");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(folder.resolve("db")).doesNotExist();
    }

    @Test
    void the_three_argument_run_answers_2_for_an_unknown_option_too() {
        assertThat(Demo.run(new String[] {"-x"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
    }

    @Test
    void a_port_out_of_range_or_not_a_number_exits_2() {
        assertThat(run("--port", "70000")).isEqualTo(2);
        assertThat(run("--port", "eighty")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be a number from 1 to 65535, was 70000",
                "was eighty");
    }

    @Test
    void an_option_without_its_value_exits_2() {
        assertThat(run("--folder")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--folder needs a value");
    }

    @Test
    void serve_without_pages_wired_exits_2_before_playing() {
        assertThat(run("--folder", folder.toString(), "--serve")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the pages are not available");
        assertThat(folder.resolve("db")).doesNotExist();
    }

    @Test
    void help_exits_0_and_lists_every_option() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--folder <dir>", "--port <n>", "--serve", "--help");
    }
}
