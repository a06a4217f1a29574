package io.clientele.adapter.jpa;

import io.clientele.Clientele;
import io.clientele.adapter.credentials.HashingCredentialStore;
import io.clientele.adapter.credentials.HashingCredentialStore.Argon2Parameters;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.common.Actor;
import io.clientele.common.TenantId;
import io.clientele.invitation.service.InvitationConfig;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.MutableClock;
import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * A whole Clientele as a host wires it on the JPA adapters of one test database: every store in
 * the database, the resource-local runner, events after commit; what belongs to the host (tenant
 * settings, photo storage, booking system, mail sending and templates, payment gateway) from the
 * in-memory adapters; the default credential store on the JPA password hashes. Each instance acts
 * in a tenant of its own, so tests share the database without seeing each other's rows.
 */
final class JpaClientele {

    /** Argon2id parameters cheap enough for tests. */
    static final Argon2Parameters CHEAP_ARGON2 = new Argon2Parameters(1024, 1, 1);

    final MutableClock clock = MutableClock.standard();
    final JpaAdapters jpa;
    final InMemoryAdapters host = InMemoryAdapters.create(CHEAP_ARGON2);
    final Clientele clientele;
    final TenantId tenant;
    final Actor.Staff owner;

    private JpaClientele(JpaAdapters jpa) {
        this(jpa, UnaryOperator.identity());
    }

    /** A Clientele on {@code jpa}, its invitation settings changed by {@code invitations}. */
    JpaClientele(JpaAdapters jpa, UnaryOperator<InvitationConfig> invitations) {
        this.jpa = jpa;
        Clientele.Builder builder = jpa.installInto(host.installInto(Clientele.builder()));
        this.clientele = builder
                .eventPublisher(jpa.eventsAfterCommit(host.events()))
                .credentialStore(new HashingCredentialStore(jpa.passwordHashes(), CHEAP_ARGON2))
                .invitations(invitations.apply(InvitationConfig.withLinks(URI.create("https://studio.example/activate"),
                        URI.create("https://studio.example/reset-password"),
                        URI.create("https://studio.example/unsubscribe"))))
                .clock(clock)
                .build();
        this.tenant = Fixtures.standard().newTenant();
        this.owner = Actor.Staff.owner("owner-" + tenant.value(), tenant);
    }

    /** A Clientele on the test JVM's PostgreSQL. */
    static JpaClientele postgres() {
        return new JpaClientele(Databases.postgresAdapters());
    }

    /** A Clientele on the test JVM's PostgreSQL behind the counting data source of {@link CountedStatements}. */
    static JpaClientele countedPostgres() {
        return new JpaClientele(CountedStatements.postgresAdapters());
    }

    /** A Clientele on the test JVM's H2. */
    static JpaClientele h2() {
        return new JpaClientele(Databases.h2Adapters());
    }
}
