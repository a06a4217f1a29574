package io.clientele.examples;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.Clientele;
import io.clientele.adapter.credentials.HashingCredentialStore;
import io.clientele.adapter.jpa.ClienteleMigrations;
import io.clientele.adapter.jpa.JpaAdapters;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.adapter.smtp.SmtpConfig;
import io.clientele.adapter.smtp.SmtpMailSender;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.LockPolicy;
import io.clientele.client.model.TenantSettings;
import io.clientele.common.TenantId;
import io.clientele.invitation.service.InvitationConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Everything the demo runs on, embedded: an H2 file database in {@code <folder>/db} migrated with
 * the shipped migrations and read through the JPA adapters, GreenMail (a real SMTP server) on a
 * free loopback port reached through the SMTP adapter, the built-in Mustache templates, and the
 * default Argon2id credential store on the JPA password hashes. What belongs to a host (tenant
 * settings, photo storage, the booking system, the payment gateway, the tenant's messages, the
 * events) comes from the in-memory adapters, as a host would plug in its own: the studio {@link
 * #STUDIO_NAME} offers the six {@link #LANGUAGES} of the templates, numbers typed without a
 * country code are French, and its calendar is Europe/Paris. The links in the
 * mails point at {@code http://localhost:<webPort>/...}, where {@code --serve} answers.
 *
 * <p>Each {@link #start} begins with an empty database, so the demo plays the same day every
 * time: the folder's {@code db} and {@code mails} are deleted first, but only when the folder holds
 * the {@value #MARKER} file an earlier start wrote there. A folder without it whose {@code db} or
 * {@code mails} is not empty was not made by the demo, and {@link #start} refuses it ({@link
 * ForeignFolderException}) and deletes nothing. On POSIX file systems the folders the demo creates
 * are {@code rwx------} and its files {@code rw-------} (the database and the mails hold live
 * tokens). Not thread-safe to start or close; the {@link #clientele} it wires is thread-safe. Close
 * it to stop the mail server and the database; closing twice does nothing more.
 */
public final class DemoEnvironment implements AutoCloseable {

    /** The studio the demo plays. */
    public static final TenantId STUDIO = TenantId.of("studio-lumen");
    /** The studio's name, as its clients read it. */
    public static final String STUDIO_NAME = "Lumen Yoga & Spa";
    /** The languages the studio offers, its default first: those of the built-in templates. */
    public static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "it", "nl");
    /** How many clients one unit of work of a campaign takes (the library's default is 500). */
    public static final int CAMPAIGN_CHUNK_SIZE = 8;
    /** The platform's sender address (the demo's mail server takes any). */
    public static final String PLATFORM_SENDER = "no-reply@clientele-demo.example";
    /** The file that marks a folder as the demo's own, so that its {@code db} and {@code mails} may be emptied. */
    public static final String MARKER = ".clientele-demo";
    /** The folders of the demo's folder that a start empties. */
    public static final List<String> EMPTIED = List.of("db", "mails");

    /**
     * The folder given to {@link #start} holds a non-empty {@code db} or {@code mails} that the
     * demo did not create (no {@value #MARKER} file): nothing was deleted or written.
     */
    public static final class ForeignFolderException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ForeignFolderException(String message) {
            super(message);
        }
    }

    private final Path folder;
    private final int webPort;
    private final JdbcConnectionPool database;
    private final JpaAdapters jpa;
    private final GreenMail mailServer;
    private final SmtpMailSender sender;
    private final InMemoryAdapters host;
    private final MailArchive mails;
    private final Clientele clientele;
    private boolean closed;

    private DemoEnvironment(Path folder, int webPort, Clock clock) {
        this.folder = folder;
        this.webPort = webPort;
        try {
            for (String emptied : EMPTIED) {
                deleteRecursively(folder.resolve(emptied));
            }
            OwnerOnly.createFolder(folder.resolve("db"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the demo folder " + folder, e);
        }
        this.database = JdbcConnectionPool.create("jdbc:h2:file:" + folder.resolve("db").resolve("clientele")
                .toAbsolutePath() + ";LOCK_TIMEOUT=10000", "sa", "");
        ClienteleMigrations.migrate(database);
        restrictDatabaseFiles();
        this.jpa = JpaAdapters.create(database);
        this.mailServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mailServer.start();
        this.sender = SmtpMailSender.create(SmtpConfig.builder()
                .host("127.0.0.1")
                .port(mailServer.getSmtp().getPort())
                // the demo's server is in this JVM on the loopback interface; a real one takes the default
                .security(SmtpConfig.Security.NONE)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10))
                .writeTimeout(Duration.ofSeconds(10))
                .platformSender(PLATFORM_SENDER, "Clientele demo")
                .build());
        this.host = InMemoryAdapters.create();
        // the studio offers the six languages of the templates, so every client reads the mails in their own
        host.tenantSettings().put(STUDIO, new TenantSettings(CountryCode.of("FR"), LANGUAGES.stream()
                .map(LanguageTag::of).toList(), LockPolicy.DEFAULT, ZoneId.of("Europe/Paris"))
                .withStudioName(STUDIO_NAME));
        this.mails = new MailArchive(mailServer, folder.resolve("mails"));
        URI base = baseUrl();
        this.clientele = jpa.installInto(host.installInto(Clientele.builder()))
                .clock(clock)
                .mailSender(sender)
                .mailComposer(MustacheMailComposer.withDefaults())
                .eventPublisher(jpa.eventsAfterCommit(host.events()))
                .credentialStore(new HashingCredentialStore(jpa.passwordHashes()))
                .invitations(InvitationConfig.withLinks(base.resolve("/activate"), base.resolve("/reset-password"),
                        base.resolve("/unsubscribe"), EmailAddress.of(PLATFORM_SENDER))
                        // small chunks, so the demo's few dozen clients move the progress bar several times
                        .withCampaignChunkSize(CAMPAIGN_CHUNK_SIZE))
                .build();
    }

    /**
     * Starts the environment in {@code folder} (created if absent), with links to pages on
     * {@code webPort} of this machine.
     */
    public static DemoEnvironment start(Path folder, int webPort) {
        return start(folder, webPort, Clock.systemUTC());
    }

    /**
     * As {@link #start(Path, int)}, with Clientele on {@code clock} (tests move it to make links
     * expire); {@link #start(Path, int)} uses the system's UTC clock.
     */
    public static DemoEnvironment start(Path folder, int webPort, Clock clock) {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(clock, "clock");
        if (webPort < 1 || webPort > 65_535) {
            throw new IllegalArgumentException("webPort must be 1 to 65535, was " + webPort);
        }
        try {
            claim(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo folder " + folder, e);
        }
        return new DemoEnvironment(folder, webPort, clock);
    }

    /**
     * Makes {@code folder} the demo's: creates it owner-only when absent, refuses it when its
     * {@code db} or {@code mails} holds something while it has no {@value #MARKER}, and writes the
     * marker otherwise. Checked before anything is written, so a refused folder is left as it was.
     */
    private static void claim(Path folder) throws IOException {
        Path marker = folder.resolve(MARKER);
        if (Files.isRegularFile(marker)) {
            return;
        }
        for (String emptied : EMPTIED) {
            Path inside = folder.resolve(emptied);
            if (Files.exists(inside, LinkOption.NOFOLLOW_LINKS) && !isEmptyFolder(inside)) {
                throw new ForeignFolderException(folder.toAbsolutePath().normalize() + " holds a non-empty "
                        + emptied + " that the demo did not create (no " + MARKER + " file): the demo would"
                        + " delete it, so it stops here; choose another folder with --folder");
            }
        }
        OwnerOnly.createFolder(folder);
        OwnerOnly.write(marker, ("This folder was created by the Clientele demo: each run deletes and recreates"
                + " its db and mails folders." + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isEmptyFolder(Path path) throws IOException {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }

    private void restrictDatabaseFiles() {
        try {
            OwnerOnly.restrictContents(folder.resolve("db"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the database files to their owner", e);
        }
    }

    /** A free port on the loopback interface, for a web server started right after. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    /** The Clientele wired on the embedded database and mail server. */
    public Clientele clientele() {
        return clientele;
    }

    /** The JPA adapters (for the database's own view, such as the unit of work runner). */
    public JpaAdapters jpa() {
        return jpa;
    }

    /** The host-owned ports: tenant settings, events, booking system, payment gateway. */
    public InMemoryAdapters host() {
        return host;
    }

    /** The mails the SMTP server received, saved as {@code .eml} and {@code .html}. */
    public MailArchive mails() {
        return mails;
    }

    /** The folder the demo writes to. */
    public Path folder() {
        return folder;
    }

    /** The port the links in the mails point at. */
    public int webPort() {
        return webPort;
    }

    /** {@code http://localhost:<webPort>}: the base of every link in the mails. */
    public URI baseUrl() {
        return URI.create("http://localhost:" + webPort);
    }

    /**
     * Stops the mail server and closes the adapters and the database; a second call (a shutdown
     * hook after a failure, say) does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            sender.close();
            mailServer.stop();
            jpa.close();
        } finally {
            database.dispose();
            // files H2 wrote after the migrations (its trace file) are owner-only too
            restrictDatabaseFiles();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // a symbolic link is deleted itself, never followed: Files.walk does not follow links
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
