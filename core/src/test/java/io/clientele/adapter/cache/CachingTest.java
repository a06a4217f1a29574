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
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.DisplayName;
import io.clientele.common.Ids;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.Channel;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.profile.model.Section;
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
        private final Clientele otherInstance = memory.installInto(Clientele.builder()).clock(clock)
                .ids(new Ids(clock)).invitations(INVITATIONS).pacer(clock::advance).build();

        @Test
        void a_tenants_label_catalog_is_read_from_the_store_once_per_time_to_live() {
            ClientId ana = labelled(clientele, OWNER, TENANT, "VIP");
            ports.reset();

            List<String> first = labelNames(clientele, OWNER, TENANT, ana);
            List<String> second = labelNames(clientele, OWNER, TENANT, ana);

            assertThat(first).containsExactly("VIP");
            assertThat(second).containsExactly("VIP");
            assertThat(ports.counts()).containsEntry("LabelRepository.list", 1L)
                    .doesNotContainKeys("LabelRepository.findAll", "LabelRepository.find");

            clock.advance(TTL.plusSeconds(1));
            labelNames(clientele, OWNER, TENANT, ana);

            assertThat(ports.counts()).containsEntry("LabelRepository.list", 2L);
        }

        @Test
        void a_write_through_this_instance_shows_at_once_in_every_catalog() {
            ClientId ana = labelled(clientele, OWNER, TENANT, "VIP");
            Label vip = clientele.labels().list(OWNER, TENANT, PageRequest.first()).items().get(0);
            assertThat(labelNames(clientele, OWNER, TENANT, ana)).containsExactly("VIP");
            clientele.membershipTypes().listTypes(OWNER, TENANT);
            clientele.consent().preferences(OWNER, TENANT);

            clientele.labels().rename(OWNER, TENANT, vip.id(), vip.version(), "Gold");
            MembershipType monthly = clientele.membershipTypes().createType(OWNER, TENANT, "Monthly",
                    RecurringCreditRule.of(1, CreditPeriod.MONTHLY, Period.ofMonths(1)));
            clientele.consent().definePreference(OWNER, TENANT, "news", "News", "News.", Channel.EMAIL);

            assertThat(labelNames(clientele, OWNER, TENANT, ana)).containsExactly("Gold");
            assertThat(clientele.membershipTypes().listTypes(OWNER, TENANT)).containsExactly(monthly);
            assertThat(clientele.consent().preferences(OWNER, TENANT)).extracting(p -> p.key()).contains("news");
            MembershipType disabled = clientele.membershipTypes().disableType(OWNER, TENANT, monthly.id());
            assertThat(clientele.membershipTypes().listTypes(OWNER, TENANT)).containsExactly(disabled);
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
            ClientId ana = labelled(clientele, OWNER, TENANT, "VIP");
            ClientId bea = labelled(clientele, OTHER_OWNER, OTHER_TENANT, "VIP");
            labelNames(clientele, OWNER, TENANT, ana);
            labelNames(clientele, OTHER_OWNER, OTHER_TENANT, bea);
            ports.reset();

            clientele.labels().create(OWNER, TENANT, "Regular");
            assertThat(labelNames(clientele, OTHER_OWNER, OTHER_TENANT, bea)).containsExactly("VIP");

            assertThat(ports.counts()).doesNotContainKeys("LabelRepository.list", "LabelRepository.findAll");
        }

        @Test
        void a_change_made_by_another_instance_shows_after_the_time_to_live_and_its_ids_are_found_at_once() {
            ClientId ana = labelled(clientele, OWNER, TENANT, "VIP");
            Label vip = clientele.labels().list(OWNER, TENANT, PageRequest.first()).items().get(0);
            assertThat(labelNames(clientele, OWNER, TENANT, ana)).containsExactly("VIP");

            otherInstance.labels().rename(OWNER, TENANT, vip.id(), vip.version(), "Gold");

            assertThat(labelNames(clientele, OWNER, TENANT, ana)).as("within the time-to-live").containsExactly("VIP");
            clock.advance(TTL.plusSeconds(1));
            assertThat(labelNames(clientele, OWNER, TENANT, ana)).containsExactly("Gold");

            Label spring = otherInstance.labels().create(OWNER, TENANT, "Spring");
            assertThat(clientele.labels().assign(OWNER, TENANT, ana, spring.id()).labels())
                    .contains(spring.id());
            assertThat(labelNames(clientele, OWNER, TENANT, ana)).as("an id the cached catalog lacks")
                    .containsExactly("Gold", "Spring");
        }

        @Test
        void the_host_invalidates_a_tenant_changed_elsewhere_without_waiting() {
            ClientId ana = labelled(clientele, OWNER, TENANT, "VIP");
            Label vip = clientele.labels().list(OWNER, TENANT, PageRequest.first()).items().get(0);
            assertThat(labelNames(clientele, OWNER, TENANT, ana)).containsExactly("VIP");
            otherInstance.labels().rename(OWNER, TENANT, vip.id(), vip.version(), "Gold");

            caches.invalidate(TENANT);

            assertThat(labelNames(clientele, OWNER, TENANT, ana)).containsExactly("Gold");
        }

        @Test
        void a_rename_of_a_label_another_instance_renamed_is_checked_against_the_stored_version() {
            ClientId ana = labelled(clientele, OWNER, TENANT, "VIP");
            Label vip = clientele.labels().list(OWNER, TENANT, PageRequest.first()).items().get(0);
            assertThat(labelNames(clientele, OWNER, TENANT, ana)).containsExactly("VIP");
            otherInstance.labels().rename(OWNER, TENANT, vip.id(), vip.version(), "Gold");

            Label gold = clientele.labels().list(OWNER, TENANT, PageRequest.first()).items().get(0);
            assertThat(gold.name().value()).as("the paged list reads the store").isEqualTo("Gold");
            Label platinum = clientele.labels().rename(OWNER, TENANT, gold.id(), gold.version(), "Platinum");

            assertThat(platinum.version()).isEqualTo(vip.version() + 2);
            assertThat(labelNames(clientele, OWNER, TENANT, ana)).containsExactly("Platinum");
            assertThatThrownBy(() -> clientele.labels().rename(OWNER, TENANT, vip.id(), vip.version(), "Silver"))
                    .isInstanceOf(ConflictException.class);
        }

        @Test
        void a_catalog_longer_than_one_store_page_is_cached_whole() {
            int size = PageRequest.MAX_SIZE + 5;
            List<Label> catalog = IntStream.range(0, size)
                    .mapToObj(i -> memory.labels().insert(new Label(new LabelId(UUID.randomUUID()), TENANT,
                            new DisplayName(String.format("Label %03d", i)), 0)))
                    .toList();
            ClientId ana = clientele.clients().create(OWNER, TENANT, ClientDetails.named("Ana", "Cached")).id();
            Label first = catalog.get(0);
            Label last = catalog.get(size - 1);
            clientele.labels().assign(OWNER, TENANT, ana, first.id());
            clientele.labels().assign(OWNER, TENANT, ana, last.id());
            ports.reset();

            assertThat(labelNames(clientele, OWNER, TENANT, ana)).containsExactly("Label 000", "Label 204");
            assertThat(labelNames(clientele, OWNER, TENANT, ana)).containsExactly("Label 000", "Label 204");

            assertThat(ports.counts()).as("two pages, read once").containsEntry("LabelRepository.list", 2L)
                    .doesNotContainKeys("LabelRepository.findAll", "LabelRepository.find");
        }
    }

    /** A new client of the tenant holding a new label with this name. */
    private static ClientId labelled(Clientele clientele, Actor owner, TenantId tenant, String label) {
        Label created = clientele.labels().create(owner, tenant, label);
        ClientId client = clientele.clients().create(owner, tenant, ClientDetails.named("Ana", "Cached")).id();
        clientele.labels().assign(owner, tenant, client, created.id());
        return client;
    }

    /** The names in the labels section of the client's profile view (labels read by id). */
    private static List<String> labelNames(Clientele clientele, Actor owner, TenantId tenant, ClientId client) {
        Section<List<Label>> section = clientele.profiles().view(owner, tenant, client).labels();
        assertThat(section).isInstanceOf(Section.Shown.class);
        return ((Section.Shown<List<Label>>) section).value().stream().map(l -> l.name().value()).toList();
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
            tx.run(() -> labels.insert(vip));
            assertThat(labels.find(TENANT, vip.id())).contains(vip);
            Label renamed = vip.renamed(new DisplayName("Gold"));

            assertThatThrownBy(() -> tx.run(() -> {
                Label gold = labels.update(renamed);
                assertThat(labels.find(TENANT, vip.id())).as("the unit reads its own write").contains(gold);
                assertThat(labels.findAll(TENANT, List.of(vip.id()))).containsExactly(gold);
                throw new IllegalStateException("the unit of work fails");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(labels.find(TENANT, vip.id())).contains(vip);
            assertThat(labels.findAll(TENANT, List.of(vip.id()))).containsExactly(vip);
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
                Optional<Label> duringTheUnit = labels.find(TENANT, vip.id());
                read.countDown();
                assertThatThrownBy(() -> failed.get(Latches.TIMEOUT_SECONDS, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(IllegalStateException.class);

                assertThat(duringTheUnit).contains(vip);
                assertThat(labels.find(TENANT, vip.id())).as("after the unit rolled back").isEmpty();
                assertThat(labels.findAll(TENANT, List.of(vip.id()))).isEmpty();
            } finally {
                writer.shutdownNow();
            }
        }

        @Test
        void another_thread_never_gets_from_the_cache_what_a_unit_of_work_has_not_committed() throws Exception {
            Label vip = label("VIP");
            ReadCommittedLabels store = new ReadCommittedLabels(vip);
            LabelRepository cached = caches.labels(store);
            Label gold = vip.renamed(new DisplayName("Gold"));
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch read = new CountDownLatch(1);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<Optional<Label>> ownRead = writer.submit(() -> tx.inTransaction(() -> {
                    store.writer = Thread.currentThread();
                    cached.update(gold);
                    Optional<Label> own = cached.find(TENANT, vip.id());
                    written.countDown();
                    Latches.await(read, "the reader never read the catalog");
                    return own;
                }));
                Latches.await(written, "the writer never wrote");
                Optional<Label> otherThread = cached.find(TENANT, vip.id());
                read.countDown();

                assertThat(ownRead.get(Latches.TIMEOUT_SECONDS, TimeUnit.SECONDS)).contains(gold);
                assertThat(otherThread).as("read by another thread before the commit").contains(vip);
            } finally {
                writer.shutdownNow();
            }
        }

        @Test
        void another_thread_never_gets_from_the_membership_type_cache_what_a_unit_has_not_committed()
                throws Exception {
            ReadCommittedTypes store = new ReadCommittedTypes();
            MembershipTypeRepository cached = caches.membershipTypes(store);
            MembershipType monthly = MembershipType.create(new MembershipTypeId(UUID.randomUUID()), TENANT,
                    new DisplayName("Monthly"), RecurringCreditRule.of(1, CreditPeriod.MONTHLY, Period.ofMonths(1)));
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch read = new CountDownLatch(1);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<List<MembershipType>> ownRead = writer.submit(() -> tx.inTransaction(() -> {
                    store.writer = Thread.currentThread();
                    cached.insert(monthly);
                    List<MembershipType> own = cached.list(TENANT);
                    written.countDown();
                    Latches.await(read, "the reader never read the catalog");
                    return own;
                }));
                Latches.await(written, "the writer never wrote");
                List<MembershipType> otherThread = cached.list(TENANT);
                read.countDown();

                assertThat(ownRead.get(Latches.TIMEOUT_SECONDS, TimeUnit.SECONDS)).containsExactly(monthly);
                assertThat(otherThread).as("read by another thread before the commit").isEmpty();
            } finally {
                writer.shutdownNow();
            }
        }

        @Test
        void a_write_outside_a_tracked_unit_of_work_shows_at_once() {
            Label vip = label("VIP");
            transactions.run(() -> labels.insert(vip));
            assertThat(labels.find(TENANT, vip.id())).contains(vip);

            Label gold = transactions.inTransaction(() -> labels.update(vip.renamed(new DisplayName("Gold"))));

            assertThat(labels.find(TENANT, vip.id())).contains(gold);
            assertThat(labels.findAll(TENANT, List.of(vip.id()))).containsExactly(gold);
        }

        @Test
        void a_committed_write_shows_to_every_reader_afterwards() {
            Label vip = label("VIP");
            tx.run(() -> labels.insert(vip));
            assertThat(labels.find(TENANT, vip.id())).contains(vip);

            Label gold = tx.inTransaction(() -> labels.update(vip.renamed(new DisplayName("Gold"))));

            assertThat(labels.find(TENANT, vip.id())).contains(gold);
            assertThat(labels.findAll(TENANT, List.of(vip.id()))).containsExactly(gold);
        }

        private Label label(String name) {
            return new Label(new LabelId(UUID.randomUUID()), TENANT, new DisplayName(name), 0);
        }
    }

    /**
     * A label store that isolates like a SQL database at READ COMMITTED, for one writer and one
     * label: the writer thread reads its own update, every other thread reads the label as it was
     * (nothing here commits, and versions are not bumped). Only the calls the test makes are
     * supported.
     */
    private static final class ReadCommittedLabels implements LabelRepository {

        private final Label committed;
        private volatile Label uncommitted;
        volatile Thread writer;

        ReadCommittedLabels(Label committed) {
            this.committed = committed;
            this.uncommitted = committed;
        }

        @Override
        public Label update(Label label) {
            uncommitted = label;
            return label;
        }

        @Override
        public Page<Label> list(TenantId tenant, PageRequest page) {
            return new Page<>(List.of(visible()), Optional.empty());
        }

        @Override
        public Optional<Label> find(TenantId tenant, LabelId id) {
            return Optional.of(visible()).filter(l -> l.id().equals(id));
        }

        @Override
        public List<Label> findAll(TenantId tenant, Collection<LabelId> ids) {
            return find(tenant, ids.iterator().next()).stream().toList();
        }

        private Label visible() {
            return Thread.currentThread() == writer ? uncommitted : committed;
        }

        @Override
        public Optional<Label> findForShare(TenantId tenant, LabelId id) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public Label insert(Label label) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public boolean delete(TenantId tenant, LabelId id, long expectedVersion) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public Optional<Label> findDeleted(TenantId tenant, LabelId id) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public boolean purge(TenantId tenant, LabelId id) {
            throw new UnsupportedOperationException("not used here");
        }
    }

    /**
     * A membership type store that isolates like a SQL database at READ COMMITTED, for one writer:
     * the writer thread reads its own inserts, every other thread reads only what was there before
     * (nothing here commits). Only the calls the test makes are supported.
     */
    private static final class ReadCommittedTypes implements MembershipTypeRepository {

        private final List<MembershipType> uncommitted = new CopyOnWriteArrayList<>();
        volatile Thread writer;

        @Override
        public MembershipType insert(MembershipType type) {
            uncommitted.add(type);
            return type;
        }

        @Override
        public List<MembershipType> list(TenantId tenant) {
            return Thread.currentThread() == writer ? List.copyOf(uncommitted) : List.of();
        }

        @Override
        public Optional<MembershipType> find(TenantId tenant, MembershipTypeId id) {
            return list(tenant).stream().filter(t -> t.id().equals(id)).findFirst();
        }

        @Override
        public MembershipType update(MembershipType type) {
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
