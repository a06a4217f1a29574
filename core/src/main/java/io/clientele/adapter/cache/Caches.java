package io.clientele.adapter.cache;

import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.client.port.LabelRepository;
import io.clientele.client.port.TenantSettingsProvider;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.Validate;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.port.MembershipTypeRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The caches of one Clientele instance: its tenant settings and its per-tenant catalogs (labels,
 * membership types, marketing preferences), each a bounded Caffeine cache with a time-to-live
 * ({@link CacheSpec}). {@code Clientele.builder().caching(caches)} wraps the ports with them; a
 * host wiring the services by hand wraps them itself with the methods here, the unit-of-work runner
 * included ({@link #transactions}).
 *
 * <p>What a cache serves: a catalog is cached whole per tenant, as the store lists it, and serves
 * its look-ups by id (and the preferences' by key), the labels' batch look-up, and the whole list
 * of membership types and preferences; an id or key the cached catalog lacks (just created by
 * another instance) is asked of the store. The labels' paged list, locking reads ({@code
 * LabelRepository#findForShare}), the labels' look-ups inside a read-write unit of work and every
 * write go to the store.
 *
 * <p>When a change shows: a write through these decorators invalidates its tenant's catalog at
 * once, and the unit of work that wrote it reads that catalog from the store until it ends, when
 * the catalog is invalidated again; so a value is never cached that its unit of work then rolls
 * back, nor one a concurrent reader loaded before the writer committed. A change made by another
 * instance of the host, or in the database directly, shows when the time-to-live has passed, or
 * when the host calls {@link #invalidate}. A host whose own transaction wraps Clientele's calls
 * should call {@link #invalidate} for the tenants it changed after that transaction commits (or
 * rolls back), since only then does the write settle.
 *
 * <p>One per Clientele instance; thread-safe.
 */
public final class Caches {

    private final CacheSpec spec;
    private final Units units = new Units();
    private final List<CachedTenantSettings> settings = new CopyOnWriteArrayList<>();
    private final List<TenantCatalog<?, ?>> catalogs = new CopyOnWriteArrayList<>();

    Caches(CacheSpec spec) {
        this.spec = Validate.notNull("spec", spec);
    }

    /** The bound and time-to-live of every cache here. */
    public CacheSpec spec() {
        return spec;
    }

    /**
     * The unit-of-work runner to wire in place of {@code delegate}: it runs every unit on {@code
     * delegate} and tells the catalog caches when the outermost one ends, whether it committed or
     * rolled back. Nested units join as {@code delegate} makes them. Without it, the catalogs are
     * invalidated on write only, and a value a failed unit of work wrote could be served until
     * its time-to-live passes.
     */
    public TransactionRunner transactions(TransactionRunner delegate) {
        Validate.notNull("delegate", delegate);
        return new TransactionRunner() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return units.tracked(true, () -> delegate.inTransaction(work));
            }

            @Override
            public <T> T inReadOnlyTransaction(Supplier<T> work) {
                return units.tracked(false, () -> delegate.inReadOnlyTransaction(work));
            }
        };
    }

    /** The host's tenant settings, cached (see {@link CachedTenantSettings}). */
    public CachedTenantSettings tenantSettings(TenantSettingsProvider delegate) {
        CachedTenantSettings cached = new CachedTenantSettings(delegate, spec);
        settings.add(cached);
        return cached;
    }

    /**
     * The label catalog, cached for look-ups by id; writes, {@code findForShare}, the paged list and
     * deleted labels go to {@code delegate}. The cache loads a tenant's catalog page by page.
     *
     * <p>Inside a read-write unit of work ({@link #transactions}) the look-ups by id go to {@code
     * delegate} too: those units read a label to check the version the staff member saw (rename,
     * delete), and that version comes from the paged list, which reads the store; a cached label
     * another instance renamed would turn every such write into a stale-version conflict until
     * the time-to-live passes. The labels' cached readers are the read-only views (profile,
     * export).
     */
    public LabelRepository labels(LabelRepository delegate) {
        Validate.notNull("delegate", delegate);
        TenantCatalog<LabelId, Label> catalog = register(new TenantCatalog<>(spec, units,
                tenant -> wholeCatalog(delegate, tenant), Label::id));
        return new LabelRepository() {
            @Override
            public Optional<Label> find(TenantId tenant, LabelId id) {
                if (units.writing()) {
                    return delegate.find(tenant, id);
                }
                return catalog.find(tenant, id).or(() -> delegate.find(tenant, id));
            }

            @Override
            public Optional<Label> findForShare(TenantId tenant, LabelId id) {
                return delegate.findForShare(tenant, id);
            }

            @Override
            public List<Label> findAll(TenantId tenant, Collection<LabelId> ids) {
                if (units.writing()) {
                    return delegate.findAll(tenant, ids);
                }
                TenantCatalog.Snapshot<LabelId, Label> snapshot = catalog.of(tenant);
                Set<LabelId> wanted = Set.copyOf(ids);
                if (!snapshot.byId().keySet().containsAll(wanted)) {
                    return delegate.findAll(tenant, ids);
                }
                return snapshot.all().stream().filter(label -> wanted.contains(label.id())).toList();
            }

            @Override
            public Page<Label> list(TenantId tenant, PageRequest page) {
                return delegate.list(tenant, page);
            }

            @Override
            public Optional<Label> findDeleted(TenantId tenant, LabelId id) {
                return delegate.findDeleted(tenant, id);
            }

            @Override
            public boolean purge(TenantId tenant, LabelId id) {
                catalog.written(tenant);
                return delegate.purge(tenant, id);
            }

            @Override
            public Label insert(Label label) {
                catalog.written(label.tenantId());
                return delegate.insert(label);
            }

            @Override
            public Label update(Label label) {
                catalog.written(label.tenantId());
                return delegate.update(label);
            }

            @Override
            public boolean delete(TenantId tenant, LabelId id, long expectedVersion) {
                catalog.written(tenant);
                return delegate.delete(tenant, id, expectedVersion);
            }
        };
    }

    private static List<Label> wholeCatalog(LabelRepository labels, TenantId tenant) {
        List<Label> all = new ArrayList<>();
        Page<Label> page = labels.list(tenant, PageRequest.first(PageRequest.MAX_SIZE));
        all.addAll(page.items());
        while (page.next().isPresent()) {
            page = labels.list(tenant, PageRequest.after(page.next().get(), PageRequest.MAX_SIZE));
            all.addAll(page.items());
        }
        return all;
    }

    /** The membership type catalog, cached; writes go to {@code delegate}. */
    public MembershipTypeRepository membershipTypes(MembershipTypeRepository delegate) {
        Validate.notNull("delegate", delegate);
        TenantCatalog<MembershipTypeId, MembershipType> catalog = register(
                new TenantCatalog<>(spec, units, delegate::list, MembershipType::id));
        return new MembershipTypeRepository() {
            @Override
            public Optional<MembershipType> find(TenantId tenant, MembershipTypeId id) {
                return catalog.find(tenant, id).or(() -> delegate.find(tenant, id));
            }

            @Override
            public List<MembershipType> list(TenantId tenant) {
                return catalog.of(tenant).all();
            }

            @Override
            public MembershipType insert(MembershipType type) {
                catalog.written(type.tenantId());
                return delegate.insert(type);
            }

            @Override
            public MembershipType update(MembershipType type) {
                catalog.written(type.tenantId());
                return delegate.update(type);
            }
        };
    }

    /** The marketing preference catalog, cached; writes go to {@code delegate}. */
    public PreferenceRepository preferences(PreferenceRepository delegate) {
        Validate.notNull("delegate", delegate);
        TenantCatalog<PreferenceId, MarketingPreference> catalog = register(
                new TenantCatalog<>(spec, units, delegate::list, MarketingPreference::id));
        return new PreferenceRepository() {
            @Override
            public Optional<MarketingPreference> find(TenantId tenant, PreferenceId id) {
                return catalog.find(tenant, id).or(() -> delegate.find(tenant, id));
            }

            @Override
            public Optional<MarketingPreference> findByKey(TenantId tenant, String key) {
                return catalog.of(tenant).all().stream().filter(p -> p.key().equals(key)).findFirst()
                        .or(() -> delegate.findByKey(tenant, key));
            }

            @Override
            public List<MarketingPreference> list(TenantId tenant) {
                return catalog.of(tenant).all();
            }

            @Override
            public void save(MarketingPreference preference) {
                catalog.written(preference.tenantId());
                delegate.save(preference);
            }

            @Override
            public MarketingPreference insertIfAbsent(MarketingPreference preference) {
                catalog.written(preference.tenantId());
                return delegate.insertIfAbsent(preference);
            }
        };
    }

    /**
     * Forgets everything cached about the tenant (its settings and catalogs) in this instance: the
     * host calls it when it changed the studio's settings, or its catalogs outside Clientele.
     */
    public void invalidate(TenantId tenant) {
        Validate.notNull("tenant", tenant);
        settings.forEach(cache -> cache.invalidate(tenant));
        catalogs.forEach(catalog -> catalog.invalidate(tenant));
    }

    /** Forgets everything cached in this instance. */
    public void invalidateAll() {
        settings.forEach(CachedTenantSettings::invalidateAll);
        catalogs.forEach(TenantCatalog::invalidateAll);
    }

    private <I, T> TenantCatalog<I, T> register(TenantCatalog<I, T> catalog) {
        catalogs.add(catalog);
        return catalog;
    }

    /**
     * The catalogs each thread's open unit of work has written: they are read from the store until
     * the outermost unit ends, and invalidated then. Also whether that unit is a read-write one.
     */
    static final class Units {

        /** One written catalog of one tenant. */
        private record Written(TenantCatalog<?, ?> catalog, TenantId tenant) {
        }

        /** The outermost open unit of a thread: read-write or read-only, and what it wrote. */
        private record Open(boolean readWrite, Set<Written> written) {
        }

        private final ThreadLocal<Open> open = new ThreadLocal<>();

        /**
         * Runs {@code unit} ({@code readWrite} or read-only); when it is the outermost on this
         * thread, invalidates what it wrote at its end. A nested unit takes the outermost's kind.
         */
        <T> T tracked(boolean readWrite, Supplier<T> unit) {
            if (open.get() != null) {
                return unit.get();
            }
            Set<Written> written = new LinkedHashSet<>();
            open.set(new Open(readWrite, written));
            try {
                return unit.get();
            } finally {
                open.remove();
                written.forEach(w -> w.catalog().invalidate(w.tenant()));
            }
        }

        /** Notes that the open unit of work, if any, writes the tenant's catalog. */
        void record(TenantCatalog<?, ?> catalog, TenantId tenant) {
            Open unit = open.get();
            if (unit != null) {
                unit.written().add(new Written(catalog, tenant));
            }
        }

        /** True when the open unit of work on this thread wrote the tenant's catalog. */
        boolean wrote(TenantCatalog<?, ?> catalog, TenantId tenant) {
            Open unit = open.get();
            return unit != null && unit.written().contains(new Written(catalog, tenant));
        }

        /** True when this thread runs in a read-write unit of work. */
        boolean writing() {
            Open unit = open.get();
            return unit != null && unit.readWrite();
        }
    }
}
