package io.clientele.adapter.cache;

import static io.clientele.testing.TestClientele.CHEAP_ARGON2;
import static io.clientele.testing.TestClientele.INVITATIONS;
import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.DisplayName;
import io.clientele.common.Ids;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.Channel;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.testing.CountingPorts;
import io.clientele.testing.Latches;
import io.clientele.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, point 8: Caffeine was a declared dependency the core never used, while every validating
 * use case asked the host's tenant settings provider and every catalog read went to the store. The
 * caches serve a tenant's settings and catalogs for their time-to-live, bounded by tenants; a write
 * through the cached instance shows at once, also inside its own unit of work, and a unit of work
 * that rolls back leaves nothing it wrote in a cache. Time is a Caffeine {@link Ticker} driven by
 * the test clock: nothing sleeps.
 */
class CachingTest {

    private static final Duration TTL = CacheSpec.DEFAULT_TIME_TO_LIVE;

    private final MutableClock clock = MutableClock.standard();
    private final Ticker ticker = () -> Duration.between(Instant.EPOCH, clock.instant()).toNanos();
    private final CacheSpec spec = CacheSpec.defaults().withTicker(ticker);

    @Nested
    class TenantSettingsCache {

        private final AtomicInteger asked = new AtomicInteger();
        private final TenantSettingsProvider provider = tenant -> {
            asked.incrementAndGet();
            return TenantSettings.defaults().withStudioName("Studio " + tenant.value());
        };

        @Test
        void a_tenants_settings_are_asked_of_the_host_once_per_time_to_live() {
            CachedTenantSettings cached = Caching.tenantSettings(provider, spec);

            TenantSettings first = cached.settings(TENANT);
            clock.advance(TTL.minusSeconds(1));
            TenantSettings second = cached.settings(TENANT);

            assertThat(second).isSameAs(first);
            assertThat(asked).hasValue(1);

            clock.advance(Duration.ofSeconds(2));
            cached.settings(TENANT);

            assertThat(asked).as("asked again once the time-to-live has passed").hasValue(2);
        }

        @Test
        void invalidating_a_tenant_asks_the_host_again_for_that_tenant_only() {
            CachedTenantSettings cached = Caching.tenantSettings(provider, spec);
            cached.settings(TENANT);
            cached.settings(OTHER_TENANT);

            cached.invalidate(TENANT);
            cached.settings(TENANT);
            cached.settings(OTHER_TENANT);

            assertThat(asked).hasValue(3);
        }

        @Test
        void the_cache_holds_no_more_tenants_than_its_bound() {
            CachedTenantSettings cached = Caching.tenantSettings(provider, spec.withMaximumTenants(2));
            List<TenantId> tenants = IntStream.range(0, 20)
                    .mapToObj(i -> TenantId.of("studio-" + i)).toList();

            tenants.forEach(cached::settings);
            tenants.forEach(cached::settings);

            assertThat(asked.get()).as("of 20 tenants read twice, at most 2 stayed cached")
                    .isGreaterThanOrEqualTo(38);
        }

        @Test
        void the_facades_caches_invalidate_the_settings_the_host_changed() {
            Caches caches = Caching.caches(spec);
            TenantSettingsProvider cached = caches.tenantSettings(provider);
            cached.settings(TENANT);

            caches.invalidate(TENANT);
            cached.settings(TENANT);

            assertThat(asked).hasValue(2);
        }
    }

    @Nested
    class Catalogs {

        private final InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2);
        private final CountingPorts ports = new CountingPorts();
        private final Caches caches = Caching.caches(spec);
        private final Clientele clientele = ports.installInto(memory, Clientele.builder()).clock(clock)
                .ids(new Ids(clock)).invitations(INVITATIONS).pacer(clock::advance).caching(caches).build();

        @Test
        void a_tenants_label_catalog_is_read_from_the_store_once_per_time_to_live() {
            clientele.labels().create(OWNER, TENANT, "VIP");
            ports.reset();

            List<Label> first = clientele.labels().list(OWNER, TENANT);
            List<Label> second = clientele.labels().list(OWNER, TENANT);

            assertThat(second).isEqualTo(first).extracting(l -> l.name().value()).containsExactly("VIP");
            assertThat(ports.counts()).containsEntry("LabelRepository.list", 1L);

            clock.advance(TTL.plusSeconds(1));
            clientele.labels().list(OWNER, TENANT);

            assertThat(ports.counts()).containsEntry("LabelRepository.list", 2L);
        }

        @Test
        void a_write_through_this_instance_shows_at_once_in_every_catalog() {
            clientele.labels().list(OWNER, TENANT);
            clientele.memberships().listTypes(OWNER, TENANT);
            clientele.consent().preferences(OWNER, TENANT);

            clientele.labels().create(OWNER, TENANT, "VIP");
            MembershipType monthly = clientele.memberships().createType(OWNER, TENANT, "Monthly",
                    RecurringCreditRule.of(1, CreditPeriod.MONTHLY, Period.ofMonths(1)));
            clientele.consent().definePreference(OWNER, TENANT, "news", "News", "News.", Channel.EMAIL);

            assertThat(clientele.labels().list(OWNER, TENANT)).extracting(l -> l.name().value()).containsExactly("VIP");
            assertThat(clientele.memberships().listTypes(OWNER, TENANT)).containsExactly(monthly);
            assertThat(clientele.consent().preferences(OWNER, TENANT)).extracting(p -> p.key()).contains("news");
            MembershipType disabled = clientele.memberships().disableType(OWNER, TENANT, monthly.id());
            assertThat(clientele.memberships().listTypes(OWNER, TENANT)).containsExactly(disabled);
        }

        @Test
        void once_warm_the_preferences_cost_no_store_read() {
            clientele.consent().preferences(OWNER, TENANT);
            clientele.consent().preferences(OWNER, TENANT);
            ports.reset();

            clientele.consent().preferences(OWNER, TENANT);

            assertThat(ports.counts()).doesNotContainKeys("PreferenceRepository.list",
                    "PreferenceRepository.findByKey", "PreferenceRepository.insertIfAbsent");
        }

        @Test
        void a_write_for_one_tenant_leaves_the_other_tenants_catalog_cached() {
            clientele.labels().list(OWNER, TENANT);
            clientele.labels().list(OTHER_OWNER, OTHER_TENANT);
            ports.reset();

            clientele.labels().create(OWNER, TENANT, "VIP");
            clientele.labels().list(OTHER_OWNER, OTHER_TENANT);

            assertThat(ports.counts()).doesNotContainKey("LabelRepository.list");
        }

        @Test
        void a_change_made_by_another_instance_shows_after_the_time_to_live_and_its_ids_are_found_at_once() {
            Clientele otherInstance = memory.installInto(Clientele.builder()).clock(clock).ids(new Ids(clock))
                    .invitations(INVITATIONS).pacer(clock::advance).build();
            assertThat(clientele.labels().list(OWNER, TENANT)).isEmpty();

            Label vip = otherInstance.labels().create(OWNER, TENANT, "VIP");

            assertThat(clientele.labels().list(OWNER, TENANT)).as("within the time-to-live").isEmpty();
            assertThat(clientele.labels().assign(OWNER, TENANT,
                    clientele.clients().create(OWNER, TENANT, ClientDetails.named("Ana", "Cached")).id(), vip.id())
                    .labels()).containsExactly(vip.id());
            clock.advance(TTL.plusSeconds(1));
            assertThat(clientele.labels().list(OWNER, TENANT)).containsExactly(vip);
        }

        @Test
        void the_host_invalidates_a_tenant_changed_elsewhere_without_waiting() {
            Clientele otherInstance = memory.installInto(Clientele.builder()).clock(clock).ids(new Ids(clock))
                    .invitations(INVITATIONS).pacer(clock::advance).build();
            clientele.labels().list(OWNER, TENANT);
            Label vip = otherInstance.labels().create(OWNER, TENANT, "VIP");

            caches.invalidate(TENANT);

            assertThat(clientele.labels().list(OWNER, TENANT)).containsExactly(vip);
        }
    }

    @Nested
    class UnitsOfWork {

        private final MemoryTransactions transactions = MemoryTransactions.interleaved();
        private final InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2, transactions);
        private final Caches caches = Caching.caches(spec);
        private final TransactionRunner tx = caches.transactions(transactions);
        private final LabelRepository labels = caches.labels(memory.labels());

        @Test
        void a_label_written_in_a_unit_of_work_that_rolls_back_is_never_served_from_the_cache() {
            Label vip = label("VIP");

            assertThatThrownBy(() -> tx.run(() -> {
                labels.insert(vip);
                assertThat(labels.list(TENANT)).as("the unit reads its own write").containsExactly(vip);
                assertThat(labels.find(TENANT, vip.id())).contains(vip);
                throw new IllegalStateException("the unit of work fails");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(labels.list(TENANT)).isEmpty();
            assertThat(labels.find(TENANT, vip.id())).isEmpty();
        }

        @Test
        void a_catalog_another_thread_read_while_a_unit_wrote_it_is_forgotten_when_the_unit_ends() throws Exception {
            Label vip = label("VIP");
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch read = new CountDownLatch(1);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<?> failed = writer.submit(() -> tx.run(() -> {
                    labels.insert(vip);
                    written.countDown();
                    Latches.await(read, "the reader never read the catalog");
                    throw new IllegalStateException("the unit of work fails");
                }));
                Latches.await(written, "the writer never wrote");
                // without isolation, the reader sees the write not yet committed, and caches it
                List<Label> duringTheUnit = labels.list(TENANT);
                read.countDown();
                assertThatThrownBy(() -> failed.get(Latches.TIMEOUT_SECONDS, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(IllegalStateException.class);

                assertThat(duringTheUnit).containsExactly(vip);
                assertThat(labels.list(TENANT)).as("after the unit rolled back").isEmpty();
            } finally {
                writer.shutdownNow();
            }
        }

        @Test
        void another_thread_never_gets_from_the_cache_what_a_unit_of_work_has_not_committed() throws Exception {
            ReadCommittedLabels store = new ReadCommittedLabels();
            LabelRepository cached = caches.labels(store);
            Label vip = label("VIP");
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch read = new CountDownLatch(1);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<List<Label>> ownRead = writer.submit(() -> tx.inTransaction(() -> {
                    store.writer = Thread.currentThread();
                    cached.insert(vip);
                    List<Label> own = cached.list(TENANT);
                    written.countDown();
                    Latches.await(read, "the reader never read the catalog");
                    return own;
                }));
                Latches.await(written, "the writer never wrote");
                List<Label> otherThread = cached.list(TENANT);
                read.countDown();

                assertThat(ownRead.get(Latches.TIMEOUT_SECONDS, TimeUnit.SECONDS)).containsExactly(vip);
                assertThat(otherThread).as("read by another thread before the commit").isEmpty();
            } finally {
                writer.shutdownNow();
            }
        }

        @Test
        void a_committed_write_shows_to_every_reader_afterwards() {
            labels.list(TENANT);
            Label vip = label("VIP");

            tx.run(() -> labels.insert(vip));

            assertThat(labels.list(TENANT)).containsExactly(vip);
            assertThat(labels.findAll(TENANT, List.of(vip.id()))).containsExactly(vip);
        }

        private Label label(String name) {
            return new Label(new LabelId(UUID.randomUUID()), TENANT, new DisplayName(name), 0);
        }
    }

    /**
     * A label store that isolates like a SQL database at READ COMMITTED, for one writer: the writer
     * thread reads its own inserts, every other thread reads only what was there before (nothing
     * here commits). Only the calls the test makes are supported.
     */
    private static final class ReadCommittedLabels implements LabelRepository {

        private final List<Label> uncommitted = new CopyOnWriteArrayList<>();
        volatile Thread writer;

        @Override
        public Label insert(Label label) {
            uncommitted.add(label);
            return label;
        }

        @Override
        public List<Label> list(TenantId tenant) {
            return Thread.currentThread() == writer ? List.copyOf(uncommitted) : List.of();
        }

        @Override
        public Optional<Label> find(TenantId tenant, LabelId id) {
            return list(tenant).stream().filter(l -> l.id().equals(id)).findFirst();
        }

        @Override
        public Optional<Label> findForShare(TenantId tenant, LabelId id) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public List<Label> findAll(TenantId tenant, Collection<LabelId> ids) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public Label update(Label label) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public boolean delete(TenantId tenant, LabelId id, long expectedVersion) {
            throw new UnsupportedOperationException("not used here");
        }
    }

    @Nested
    class Spec {

        @Test
        void the_defaults_are_ten_thousand_tenants_and_five_minutes() {
            assertThat(CacheSpec.defaults().maximumTenants()).isEqualTo(10_000);
            assertThat(CacheSpec.defaults().timeToLive()).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void a_bound_or_time_to_live_out_of_range_is_refused_naming_the_field() {
            Map<String, Runnable> refused = Map.of(
                    "maximumTenants", () -> spec.withMaximumTenants(0),
                    "timeToLive", () -> spec.withTimeToLive(Duration.ZERO));
            refused.forEach((field, make) -> assertThatThrownBy(make::run)
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo(field);
                        assertThat(e.rule()).isEqualTo("range");
                    }));
            assertThatThrownBy(() -> spec.withTimeToLive(Duration.ofDays(1).plusMillis(1)))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> spec.withMaximumTenants(CacheSpec.MAX_TENANTS + 1))
                    .isInstanceOf(ValidationException.class);
        }
    }
}
