package io.clientele.examples;

import io.clientele.examples.web.DemoPages;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The demo's entry point: {@code java -jar examples/target/clientele-demo.jar [--folder <dir>]
 * [--port <n>] [--serve] [--help]}. Starts a {@link DemoEnvironment} in the folder (by default
 * {@code target/clientele-demo} under the working directory), plays the {@link StudioDay} and prints
 * it; with {@code --serve} it then keeps the pages the mails' links open running until the process
 * is stopped (Ctrl-C).
 *
 * <p>The links in the mails point at {@code http://localhost:<port>}: by default port {@value
 * #DEFAULT_PORT}, or a free port when that one is taken. Exit codes: 0 when the day was played, 1
 * when it failed, 2 for a usage error (an unknown option, a missing or bad value, {@code --serve}
 * while no pages are wired or with its port taken, or a folder whose {@code db} or {@code mails}
 * the demo did not create: see {@link DemoEnvironment}), found before the day is played. Stateless; {@link #run} may be called from several threads,
 * each with its own folder.
 */
public final class Demo {

    /** The web port the links point at unless {@code --port} says otherwise, when it is free. */
    public static final int DEFAULT_PORT = 8080;
    /** The folder the demo writes to unless {@code --folder} says otherwise, under the working directory. */
    public static final Path DEFAULT_FOLDER = Path.of("target", "clientele-demo");
    /** Exit code of a usage error. */
    public static final int USAGE = 2;

    /** What {@code --serve} starts on the environment once the day is played: the pages behind the links. */
    private static final Optional<Function<DemoEnvironment, PageServer>> PAGES = Optional.of(DemoPages::start);

    private static final String HELP = String.join(System.lineSeparator(),
            "usage: java -jar examples/target/clientele-demo.jar [--folder <dir>] [--port <n>] [--serve] [--help]",
            "  --folder <dir>  where the H2 database (<dir>/db) and the mails (<dir>/mails) go; both are",
            "                  emptied first when an earlier run created them, and a folder whose db or",
            "                  mails the demo did not create is refused (default: " + DEFAULT_FOLDER + ")",
            "  --port <n>      the web port the mails' links point at (default: " + DEFAULT_PORT
                    + ", or a free port when it is taken)",
            "  --serve         after the day, serve the pages the links open until Ctrl-C",
            "  --help          this text");

    private Demo() {
    }

    /** The command's parsed options. */
    record Options(Path folder, Optional<Integer> port, boolean serve, boolean help) {
    }

    /** A command line the demo cannot run, with the message that says why. */
    static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Runs the demo and exits the JVM with its exit code (see {@link #run(String[], PrintStream, PrintStream)}). */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the demo as {@link #main} does, printing to {@code out} and {@code err}, and answers the
     * exit code instead of exiting; with {@code --serve} and pages wired, does not return until the
     * process stops.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, PAGES);
    }

    /**
     * As {@link #run(String[], PrintStream, PrintStream)}, with the function that starts the pages
     * of {@code --serve} ({@code io.clientele.examples.web.DemoPages::start}), or none.
     */
    public static int run(String[] args, PrintStream out, PrintStream err,
            Optional<Function<DemoEnvironment, PageServer>> pages) {
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("clientele-demo: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        if (options.help()) {
            out.println(HELP);
            return 0;
        }
        if (options.serve() && pages.isEmpty()) {
            err.println("clientele-demo: --serve: the pages are not available in this build; run without --serve");
            return USAGE;
        }
        // Hibernate logs through JBoss Logging: route it to SLF4J, which simplelogger.properties keeps to warnings
        System.setProperty("org.jboss.logging.provider", "slf4j");
        int port = options.port().orElseGet(() -> isFree(DEFAULT_PORT) ? DEFAULT_PORT : DemoEnvironment.freePort());
        if (options.serve() && !isFree(port)) {
            // said before the day is played, not after it: the pages could not answer the links
            err.println("clientele-demo: --serve: port " + port + " is taken; choose another with --port");
            return USAGE;
        }
        long started = System.nanoTime();
        DemoEnvironment environment;
        try {
            environment = DemoEnvironment.start(options.folder(), port);
        } catch (DemoEnvironment.ForeignFolderException e) {
            err.println("clientele-demo: --folder: " + e.getMessage());
            return USAGE;
        }
        // set once the pages run: from then on the shutdown hook or the interrupt closes the environment
        boolean serving = false;
        try {
            Path folder = options.folder().toAbsolutePath().normalize();
            out.println("Clientele demo: a day at " + DemoEnvironment.STUDIO_NAME + ", on embedded defaults");
            out.println("  folder   " + folder + " (its " + String.join(" and ", DemoEnvironment.EMPTIED)
                    + " folders are emptied first; nothing else in it is touched)");
            out.println("  database H2 file database in " + folder.resolve("db")
                    + ", migrated with the shipped migrations, through the JPA adapter");
            out.println("  mail     GreenMail SMTP server in this process, through the SMTP adapter; mails saved in "
                    + environment.mails().folder().toAbsolutePath().normalize());
            out.println("  links    " + environment.baseUrl() + (options.port().isEmpty() && port != DEFAULT_PORT
                    ? " (port " + DEFAULT_PORT + " is taken)" : "")
                    + (options.serve() ? "" : " (run with --serve to open them)"));
            StudioDay.Outcome outcome = StudioDay.play(environment, out);
            out.println();
            double seconds = (System.nanoTime() - started) / 1e9;
            if (!options.serve()) {
                out.printf(Locale.ROOT, "The day took %.1f s. Exit code 0.%n", seconds);
                return 0;
            }
            out.printf(Locale.ROOT, "The day took %.1f s.%n", seconds);
            PageServer server;
            try {
                server = pages.orElseThrow().apply(environment);
            } catch (RuntimeException e) {
                err.println("clientele-demo: the day was played, but the pages could not start: " + e);
                e.printStackTrace(err);
                return 1;
            }
            serving = true;
            serve(server, environment, outcome, out);
            return 0;
        } catch (RuntimeException e) {
            err.println("clientele-demo: the day failed: " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            if (!serving) {
                environment.close();
            }
        }
    }

    /** Parses the command line; unknown options and missing or bad values are a {@link UsageException}. */
    static Options parse(String[] args) throws UsageException {
        Path folder = DEFAULT_FOLDER;
        Optional<Integer> port = Optional.empty();
        boolean serve = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--folder" -> folder = Path.of(value(args, ++i, arg));
                case "--port" -> port = Optional.of(port(value(args, ++i, arg)));
                case "--serve" -> serve = true;
                case "--help", "-h" -> help = true;
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        return new Options(folder, port, serve, help);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--") || args[i].isBlank()) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below, as an out-of-range number is
        }
        throw new UsageException("--port must be a number from 1 to 65535, was " + text);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Prints where the started pages are, and waits until the process is stopped (Ctrl-C: a
     * shutdown hook closes the pages and the environment) or the calling thread is interrupted
     * (then this closes them itself, so a test can stop it).
     */
    private static void serve(PageServer server, DemoEnvironment environment, StudioDay.Outcome outcome,
            PrintStream out) {
        Thread hook = new Thread(() -> closeAll(server, environment), "clientele-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        URI base = server.baseUrl();
        out.println();
        out.println("Pages served at " + base + " (Ctrl-C to stop):");
        out.println("  the mails sent        " + base.resolve("/mails"));
        // a local demo link, printed on purpose: the reader opens it to activate an account
        out.println("  " + outcome.pendingClient().details().name().fullName() + "'s activation link (not used yet)");
        out.println("    " + outcome.pendingActivation());
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            closeAll(server, environment);
            Thread.currentThread().interrupt();
        }
    }

    private static void closeAll(PageServer server, DemoEnvironment environment) {
        try {
            server.close();
        } finally {
            environment.close();
        }
    }
}
