package io.clientele.adapter.jpa;

import io.clientele.common.ConfigurationException;
import jakarta.persistence.EntityManager;
import java.util.Locale;
import org.hibernate.Session;

/**
 * The two databases the shipped migrations and the adapters' few native statements are written
 * for. Adapters that need native SQL (row locks with {@code SKIP LOCKED}, inserts that ignore a
 * taken key, text search) ask {@link Detected#get()} once and keep the answer.
 */
enum SqlDialect {
    POSTGRESQL,
    H2;

    /** The dialect of the database behind {@code em}'s connection (a Hibernate {@code Session}). */
    static SqlDialect of(EntityManager em) {
        String product = em.unwrap(Session.class).doReturningWork(c -> c.getMetaData().getDatabaseProductName());
        String name = product.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new ConfigurationException("Clientele's JPA adapters support PostgreSQL and H2, not " + product);
    }

    /** The dialect of one adapter's database, detected at its first use and kept. Thread-safe. */
    static final class Detected {
        private final EntityManagerAccess access;
        private volatile SqlDialect dialect;

        Detected(EntityManagerAccess access) {
            this.access = access;
        }

        /** The dialect, detected on the current unit of work's connection the first time. */
        SqlDialect get() {
            SqlDialect d = dialect;
            if (d == null) {
                d = SqlDialect.of(access.current());
                dialect = d;
            }
            return d;
        }
    }
}
