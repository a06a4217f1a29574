package io.clientele;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's quick start honest: the Java sample in the README is exactly the body of
 * {@link QuickStart#run()}, which this test runs.
 */
class QuickStartTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void quick_start_sample_runs_and_shows_the_profile() {
        List<String> lines = QuickStart.run();

        assertThat(lines).containsExactly("created Ana López (ADDED)", "invitation: Enqueued, mails sent: 1",
                "now INVITED", "clients in list: 1");
    }

    @Test
    void readme_java_sample_is_the_code_this_test_runs() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String source = Files.readString(Path.of("src", "test", "java", "io", "clientele", "QuickStart.java"),
                StandardCharsets.UTF_8);
        String sample = between(source, "// README:BEGIN\n", "        // README:END");

        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(readme);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        assertThat(blocks).as("java blocks of README.md").contains(unindent(sample));
    }

    private static String between(String text, String begin, String end) {
        int from = text.indexOf(begin);
        int to = text.indexOf(end, from);
        assertThat(from).as("README:BEGIN marker").isNotNegative();
        assertThat(to).as("README:END marker").isPositive();
        return text.substring(from + begin.length(), to);
    }

    private static String unindent(String block) {
        StringBuilder out = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            out.append(line.startsWith("        ") ? line.substring(8) : line.strip()).append('\n');
        }
        return out.toString().replaceAll("\\n+$", "\n");
    }
}
