package io.clientele.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.clientele.client.model.ClientQuery;
import io.clientele.common.Actor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The demo's command line: usage errors exit 2 with a message saying what is wrong, and play
 * nothing; a folder the demo did not create is never emptied; a failure closes what was started.
 */
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

    @Test
    void a_folder_whose_mails_the_demo_did_not_create_is_refused_with_exit_2_and_nothing_is_deleted()
            throws IOException {
        Path mails = Files.createDirectories(folder.resolve("mails"));
        Files.writeString(mails.resolve("important.txt"), "keep me");
        assertThat(run("--folder", folder.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("clientele-demo: --folder: ",
                "holds a non-empty mails that the demo did not create", "choose another folder");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(mails.resolve("important.txt")).hasContent("keep me");
        assertThat(folder.resolve("db")).doesNotExist();
        assertThat(folder.resolve(DemoEnvironment.MARKER)).doesNotExist();
    }

    @Test
    void a_folder_whose_db_the_demo_did_not_create_is_refused_too() throws IOException {
        Path db = Files.createDirectories(folder.resolve("db"));
        Files.writeString(db.resolve("clientele.mv.db"), "someone else's database");
        assertThat(run("--folder", folder.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds a non-empty db that the demo did not create");
        assertThat(db.resolve("clientele.mv.db")).hasContent("someone else's database");
    }

    @Test
    void a_folder_the_demo_created_has_its_db_and_mails_emptied_and_nothing_else_touched() throws IOException {
        Path own = folder.resolve("demo");
        DemoEnvironment.start(own, DemoEnvironment.freePort()).close();
        assertThat(own.resolve(DemoEnvironment.MARKER)).isRegularFile();
        Files.writeString(Files.createDirectories(own.resolve("mails")).resolve("001-old@example.com.eml"), "an old mail");
        Files.writeString(own.resolve("notes.txt"), "mine");
        DemoEnvironment.start(own, DemoEnvironment.freePort()).close();
        assertThat(own.resolve("mails").resolve("001-old@example.com.eml")).doesNotExist();
        assertThat(own.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void serve_on_a_taken_port_exits_2_before_the_day_is_played() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            int code = Demo.run(new String[] {"--folder", folder.toString(), "--port", String.valueOf(port), "--serve"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    Optional.of(env -> {
                        throw new AssertionError("the pages must not be started");
                    }));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("port " + port + " is taken");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(folder.resolve("db")).doesNotExist();
    }

    @Test
    void pages_that_fail_to_start_leave_the_environment_closed_and_exit_1() {
        AtomicReference<DemoEnvironment> started = new AtomicReference<>();
        int code = Demo.run(new String[] {"--folder", folder.toString(), "--port",
                String.valueOf(DemoEnvironment.freePort()), "--serve"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.of(env -> {
                    started.set(env);
                    throw new UncheckedIOException(new IOException("the pages cannot start"));
                }));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the pages could not start", "the pages cannot start");
        assertThat(started.get()).isNotNull();
        // the database was disposed: nothing answers through the closed environment any more
        assertThat(catchThrowable(() -> started.get().clientele().clients().countByStatus(
                Actor.Staff.owner("test", DemoEnvironment.STUDIO), DemoEnvironment.STUDIO, ClientQuery.all())))
                .isNotNull();
    }

    @Test
    void without_serve_the_day_exits_0_says_its_links_need_serve_and_leaves_owner_only_files() throws IOException {
        Path own = folder.resolve("demo");
        assertThat(run("--folder", own.toString())).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("(its db and mails folders are emptied first; nothing else in it is touched)",
                "(run with --serve to open them)", "Exit code 0.");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            List<Path> all;
            try (Stream<Path> walk = Files.walk(own)) {
                all = walk.toList();
            }
            assertThat(all).filteredOn(Files::isRegularFile).hasSizeGreaterThan(60);
            for (Path path : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                        .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
            }
        }
    }

    @Test
    void the_access_denied_warning_step_10_provokes_on_purpose_stays_off_the_terminal() {
        // simplelogger.properties, the demo's own log configuration, is on this test's class path too
        assertThat(LoggerFactory.getLogger("io.clientele.common.Access").isWarnEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("io.clientele.common.Access").isErrorEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("io.clientele.invitation.service.ActivationService").isWarnEnabled())
                .as("other warnings still show").isTrue();
    }
}
