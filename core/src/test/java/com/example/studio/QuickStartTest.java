package com.example.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's quick start honest: the README's Java sample is the whole of {@link QuickStart}
 * (a host's own class, outside Clientele's packages, with its imports), which this test compiles
 * with the suite and runs.
 */
class QuickStartTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Path SOURCE = Path.of("src", "test", "java", "com", "example", "studio", "QuickStart.java");

    @Test
    void quick_start_sample_runs_and_shows_the_profile() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(out);
        }
        String lines = printed.toString(StandardCharsets.UTF_8);
        out.print(lines);

        assertThat(lines.lines()).containsExactly("created Ana López (ADDED)", "invitation: Enqueued, mails sent: 1",
                "now INVITED", "clients in list: 1");
    }

    @Test
    void readme_java_sample_is_the_whole_class_this_test_runs() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);

        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(readme);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        assertThat(blocks).as("java blocks of README.md").contains(source);
    }
}
