package io.clientele.benchmarks;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code invite-enqueue} hand-written baseline: a host's own persistence unit (Hibernate,
 * bootstrapped with Jakarta Persistence 3.2's {@link PersistenceConfiguration}, one entity {@link
 * HandInvite}) on the benchmark's pool, inviting clients the way a host engineer typically writes
 * it without Clientele: read the clients' ids and addresses, then one {@code persist} and one
 * commit per client. Close it to close its persistence unit. Used by one thread.
 */
final class HandWrittenHost implements AutoCloseable {

    private final EntityManagerFactory factory;

    /** The persistence unit on {@code database}; creates {@code bench_hand_invite} if missing. */
    HandWrittenHost(DataSource database) {
        PgBench.exec(database, "CREATE TABLE IF NOT EXISTS bench_hand_invite (id uuid PRIMARY KEY,"
                + " client_id uuid NOT NULL, recipient varchar(320) NOT NULL, subject text NOT NULL,"
                + " message text NOT NULL, created_at timestamp with time zone NOT NULL)");
        this.factory = new PersistenceConfiguration("bench-hand-written")
                .provider("org.hibernate.jpa.HibernatePersistenceProvider")
                .managedClass(HandInvite.class)
                // Hibernate takes the DataSource object itself under this name
                .property("hibernate.connection.datasource", database)
                .createEntityManagerFactory();
    }

    /** Empties the host's invitation table. */
    static void clear(DataSource database) {
        PgBench.exec(database, "TRUNCATE bench_hand_invite");
    }

    /**
     * Invites the first {@code count} clients of {@code tenant} in id order: one read of their ids
     * and addresses, then per client one transaction persisting one row. Answers the rows written.
     */
    int invite(String tenant, int count, String subject, String message, Instant now) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            @SuppressWarnings("unchecked")
            List<Object[]> clients = em.createNativeQuery(
                    "SELECT id, email FROM client WHERE tenant_id = ?1 ORDER BY id LIMIT ?2")
                    .setParameter(1, tenant).setParameter(2, count).getResultList();
            em.getTransaction().commit();
            for (Object[] client : clients) {
                em.getTransaction().begin();
                em.persist(new HandInvite(UUID.randomUUID(), (UUID) client[0], (String) client[1], subject, message,
                        now));
                em.getTransaction().commit();
                // a host's request would start from an empty persistence context each time
                em.clear();
            }
            return clients.size();
        } finally {
            em.close();
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}
