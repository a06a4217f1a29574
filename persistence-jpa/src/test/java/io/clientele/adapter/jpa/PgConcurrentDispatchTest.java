package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.mail.model.OutboxClaim;
import io.clientele.mail.model.OutboxMark;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.port.MailOutbox;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Two dispatchers on PostgreSQL, each on a thread of its own and so on a connection and units of
 * work of its own, claim and mark from one outbox of 2,000 due rows at once until none is due: the
 * claim's {@code FOR UPDATE SKIP LOCKED} hands every row to exactly one of them. Prints {@code
 * RESULT name=pg-concurrent-dispatch rows=<rows claimed> duplicates=<claims beyond one per row>}.
 */
class PgConcurrentDispatchTest {

    private static final int ROWS = 2_000;
    private static final int TENANTS = 4;
    private static final int BATCH = 50;
    private static final Duration LEASE = Duration.ofMinutes(5);

    @Test
    void two_dispatchers_at_once_claim_every_row_of_the_outbox_once_and_none_twice() {
        JpaAdapters jpa = Databases.postgresAdapters();
        // the claim spans tenants: the outbox must hold this test's rows only
        Databases.truncate(jpa, "outbox");
        MailOutbox outbox = jpa.outbox();
        TransactionRunner tx = jpa.transactions();
        Fixtures fx = Fixtures.standard();
        List<TenantId> tenants = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            tenants.add(fx.newTenant());
        }
        Set<UUID> enqueued = new HashSet<>();
        List<OutboxMessage> chunk = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            OutboxMessage mail = fx.anInvitationMail(tenants.get(i % TENANTS), fx.newClientId()).build();
            enqueued.add(mail.id());
            chunk.add(mail);
            if (chunk.size() == 500) {
                List<OutboxMessage> batch = List.copyOf(chunk);
                tx.run(() -> outbox.enqueueAll(batch));
                chunk.clear();
            }
        }
        Instant now = fx.advance(Duration.ofSeconds(1));
        Callable<List<UUID>> dispatcher = () -> dispatch(outbox, tx, fx, now);

        List<Race.Outcome<List<UUID>>> outcomes = Race.together(List.of(dispatcher, dispatcher));

        List<UUID> first = outcomes.get(0).get();
        List<UUID> second = outcomes.get(1).get();
        List<UUID> claims = new ArrayList<>(first);
        claims.addAll(second);
        Set<UUID> rows = new HashSet<>(claims);
        int duplicates = claims.size() - rows.size();
        System.out.println("RESULT name=pg-concurrent-dispatch rows=" + rows.size() + " duplicates=" + duplicates);
        assertThat(duplicates).isZero();
        assertThat(rows).isEqualTo(enqueued);
        assertThat(first).as("the first dispatcher's share").isNotEmpty();
        assertThat(second).as("the second dispatcher's share").isNotEmpty();
        long sent = tx.inReadOnlyTransaction(() -> jpa.entityManagers().current()
                .createQuery("select count(o) from OutboxRow o where o.status = :sent", Long.class)
                .setParameter("sent", OutboxStatus.SENT.name())
                .getSingleResult());
        assertThat(sent).isEqualTo(ROWS);
    }

    /**
     * One dispatcher: claims a batch in one unit of work, marks it sent in another (one batch mark
     * per tenant), until a claim finds nothing due; answers the ids it claimed, in order. A mark
     * that changes fewer rows than were claimed means another dispatcher holds one of them.
     */
    private static List<UUID> dispatch(MailOutbox outbox, TransactionRunner tx, Fixtures fx, Instant now) {
        List<UUID> claimed = new ArrayList<>();
        while (true) {
            OutboxClaim claim = new OutboxClaim(fx.nextId());
            List<OutboxMessage> batch = tx.inTransaction(() -> outbox.claimDue(claim, now, BATCH, LEASE));
            if (batch.isEmpty()) {
                return claimed;
            }
            Map<TenantId, List<OutboxMark>> marks = new LinkedHashMap<>();
            for (OutboxMessage m : batch) {
                claimed.add(m.id());
                marks.computeIfAbsent(m.tenantId(), t -> new ArrayList<>()).add(new OutboxMark.Sent(m.id(), now));
            }
            int marked = tx.inTransaction(() -> marks.entrySet().stream()
                    .mapToInt(e -> outbox.mark(e.getKey(), claim, e.getValue()).size()).sum());
            assertThat(marked).as("rows of the claim marked under it").isEqualTo(batch.size());
        }
    }
}
