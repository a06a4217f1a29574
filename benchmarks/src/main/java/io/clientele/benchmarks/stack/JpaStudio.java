package io.clientele.benchmarks.stack;

import io.clientele.Clientele;
import io.clientele.adapter.credentials.HashingCredentialStore;
import io.clientele.adapter.jpa.JpaAdapters;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.common.Actor;
import io.clientele.common.TenantId;
import io.clientele.invitation.service.InvitationConfig;
import io.clientele.mail.port.MailComposer;
import io.clientele.mail.port.MailSender;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * A whole Clientele as a host wires it on a database: every store through the JPA adapters on the
 * given data source, the resource-local runner, events after commit, the default credential store
 * on the JPA password hashes; the mail sender and composer given (the SMTP adapter and the
 * Mustache composer, or a recording sender); what belongs to the host (tenant settings, photo
 * storage, the booking system, the payment gateway, the tenant's messages, the event sink) from the
 * in-memory adapters. One per simulated host instance; thread-safe as Clientele is. Close it to
 * close its adapters (not the data source).
 */
public final class JpaStudio implements AutoCloseable {

    /** Argon2id parameters cheap enough for benchmarks and tests (no measured path hashes a password). */
    public static final HashingCredentialStore.Argon2Parameters CHEAP_ARGON2 =
            new HashingCredentialStore.Argon2Parameters(1024, 1, 1);
    /** The links the mails carry. */
    public static final InvitationConfig INVITATIONS = InvitationConfig.withLinks(
            URI.create("https://studio.example/activate"), URI.create("https://studio.example/reset-password"),
            URI.create("https://studio.example/unsubscribe"));

    private final JpaAdapters jpa;
    private final InMemoryAdapters host;
    private final Clientele clientele;

    private JpaStudio(JpaAdapters jpa, InMemoryAdapters host, Clientele clientele) {
        this.jpa = jpa;
        this.host = host;
        this.clientele = clientele;
    }

    /**
     * A Clientele on {@code database} (already migrated), sending with {@code sender} and writing
     * with {@code composer}, on {@code clock}, its invitation settings changed by {@code invitations}.
     */
    public static JpaStudio on(DataSource database, MailSender sender, MailComposer composer, Clock clock,
            UnaryOperator<InvitationConfig> invitations) {
        Objects.requireNonNull(database, "database");
        JpaAdapters jpa = JpaAdapters.create(database);
        InMemoryAdapters host = InMemoryAdapters.create(CHEAP_ARGON2);
        Clientele clientele = jpa.installInto(host.installInto(Clientele.builder()))
                .mailSender(sender)
                .mailComposer(composer)
                .eventPublisher(jpa.eventsAfterCommit(host.events()))
                .credentialStore(new HashingCredentialStore(jpa.passwordHashes(), CHEAP_ARGON2))
                .invitations(invitations.apply(INVITATIONS))
                .clock(clock)
                .build();
        return new JpaStudio(jpa, host, clientele);
    }

    /** The owner of {@code tenant}, holding every permission. */
    public static Actor.Staff owner(TenantId tenant) {
        return Actor.Staff.owner("owner-" + tenant.value(), tenant);
    }

    /** The Clientele. */
    public Clientele clientele() {
        return clientele;
    }

    /** The JPA adapters (stores, unit-of-work runner). */
    public JpaAdapters jpa() {
        return jpa;
    }

    /** The host-owned ports (tenant settings, events, ...). */
    public InMemoryAdapters host() {
        return host;
    }

    /** Closes the JPA adapters (their persistence unit), not the data source. */
    @Override
    public void close() {
        jpa.close();
    }
}
