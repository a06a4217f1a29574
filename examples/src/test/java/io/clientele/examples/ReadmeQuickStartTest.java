package io.clientele.examples;

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
 * Keeps the README's Quick start honest: it opens with exactly two shell blocks, the demo's command
 * and the test command CI runs (the {@code mvn} line of {@code .ci/run}), before any other block.
 */
class ReadmeQuickStartTest {

    private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void quick_start_opens_with_the_demo_then_the_ci_test_command() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String quickStart = readme.substring(readme.indexOf("## Quick start\n"));
        quickStart = quickStart.substring(0, quickStart.indexOf("\n## ", 1));
        List<String[]> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(quickStart);
        while (m.find()) {
            blocks.add(new String[] {m.group(1), m.group(2).strip()});
        }
        String ciCommand = Files.readAllLines(Path.of("..", ".ci", "run"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("mvn ")).reduce((first, second) -> second).orElseThrow();

        assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
        assertThat(blocks.get(0)).containsExactly("shell",
                "mvn -B -ntp -q -pl examples -am package -DskipTests && java -jar examples/target/clientele-demo.jar");
        assertThat(blocks.get(1)).containsExactly("shell", ciCommand);
        assertThat(blocks.get(2)[0]).as("the third block, the demo's output").isEqualTo("text");
    }

    @Test
    void quick_start_says_the_test_command_needs_debians_chromium_right_by_it() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String quickStart = readme.substring(readme.indexOf("## Quick start\n"));
        Matcher m = BLOCK.matcher(quickStart);
        assertThat(m.find()).isTrue();
        int afterDemo = m.end();
        assertThat(m.find()).isTrue();
        // the prose between the demo's block and the end of the test command's block, and the paragraph after it
        int afterTests = m.end();
        String around = quickStart.substring(afterDemo, quickStart.indexOf("\n\n", afterTests + 2));
        assertThat(around).contains("`chromium`", "/usr/bin/chromium", ".ci/run", "-Dclientele.chromium=");
    }
}
