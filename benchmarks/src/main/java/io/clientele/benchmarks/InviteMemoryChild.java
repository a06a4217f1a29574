package io.clientele.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.zaxxer.hikari.HikariDataSource;
import io.clientele.adapter.smtp.MustacheMailComposer;
import io.clientele.benchmarks.stack.JpaStudio;
import io.clientele.benchmarks.stack.PostgresStack;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The child JVM of {@code invite-memory} ({@link InviteMemoryBenchmark} starts it with {@code
 * -Xmx256m}): runs one campaign over every client of the benchmark studio in the database at
 * {@code args[0]} (user {@code args[1]}) and prints one line on stdout, {@code CHILD enqueued=<n>
 * heap_peak_mb=<n>}. The heap's peak is the most heap in use just before any garbage collection
 * (summed over the heap pools, from the collectors' notifications), or after the run if higher: a
 * heap's use peaks right before a collection. Not for hosts; it exits with 0 once the line is out.
 */
public final class InviteMemoryChild {

    private InviteMemoryChild() {
    }

    /** {@code <jdbc url> <user>}: runs the campaign and prints the line (see the class comment). */
    public static void main(String[] args) {
        AtomicLong peak = new AtomicLong();
        watchCollections(peak);
        try (HikariDataSource pool = PostgresStack.pool(args[0], args[1], 4);
                JpaStudio studio = JpaStudio.on(pool, PgBench.NO_SEND, MustacheMailComposer.withDefaults(),
                        PgBench.CLOCK, UnaryOperator.identity())) {
            Campaign campaign = studio.clientele().campaigns().create(PgBench.OWNER, PgBench.TENANT,
                    new CampaignTarget.AllClients());
            Campaign done = studio.clientele().campaigns().run(PgBench.OWNER, PgBench.TENANT, campaign.id(), c -> {
            });
            peak.accumulateAndGet(heapUsed(), Math::max);
            System.out.println("CHILD enqueued=" + done.progress().enqueued() + " heap_peak_mb="
                    + (peak.get() + (1 << 20) - 1) / (1 << 20));
            System.out.flush();
        }
    }

    private static void watchCollections(AtomicLong peak) {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                            .from((CompositeData) notification.getUserData());
                    long before = 0;
                    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
                        if (isHeap(pool.getKey())) {
                            before += pool.getValue().getUsed();
                        }
                    }
                    peak.accumulateAndGet(before, Math::max);
                }
            }, null, null);
        }
    }

    private static boolean isHeap(String poolName) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(poolName)) {
                return pool.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
