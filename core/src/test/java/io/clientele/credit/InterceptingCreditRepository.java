package io.clientele.credit;

import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.CreditSummary;
import io.clientele.credit.port.CreditRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A {@link CreditRepository} that hands every call to a real one, but first lets a test act just
 * before each {@link #update} or {@link #expireDue}: wait at a barrier, make a concurrent change,
 * or throw. Counts the updates it was asked for. Thread-safe when the hooks are.
 */
public final class InterceptingCreditRepository implements CreditRepository {

    private final CreditRepository delegate;
    private final Consumer<Credit> beforeUpdate;
    private final Consumer<Collection<CreditId>> beforeExpireDue;
    private final AtomicInteger updates = new AtomicInteger();

    /** Acts before each update only. */
    public InterceptingCreditRepository(CreditRepository delegate, Consumer<Credit> beforeUpdate) {
        this(delegate, beforeUpdate, ids -> { });
    }

    /** Acts before each update and before each bulk expiry (with the ids it was asked to expire). */
    public InterceptingCreditRepository(CreditRepository delegate, Consumer<Credit> beforeUpdate,
            Consumer<Collection<CreditId>> beforeExpireDue) {
        this.delegate = delegate;
        this.beforeUpdate = beforeUpdate;
        this.beforeExpireDue = beforeExpireDue;
    }

    /** How many updates were asked for, whether they succeeded or not. */
    public int updates() {
        return updates.get();
    }

    @Override
    public Credit update(Credit credit) {
        updates.incrementAndGet();
        beforeUpdate.accept(credit);
        return delegate.update(credit);
    }

    @Override
    public List<Credit> expireDue(TenantId tenant, Collection<CreditId> ids, Instant now, String actor) {
        beforeExpireDue.accept(ids);
        return delegate.expireDue(tenant, ids, now, actor);
    }

    @Override
    public void appendAll(List<CreditChange> changes) {
        delegate.appendAll(changes);
    }

    @Override
    public Optional<Credit> find(TenantId tenant, CreditId id) {
        return delegate.find(tenant, id);
    }

    @Override
    public void insertAll(List<Credit> credits) {
        delegate.insertAll(credits);
    }

    @Override
    public void append(CreditChange change) {
        delegate.append(change);
    }

    @Override
    public List<Credit> listForClient(TenantId tenant, ClientId client) {
        return delegate.listForClient(tenant, client);
    }

    @Override
    public List<Credit> listForClient(TenantId tenant, ClientId client, CreditState state, Instant now) {
        return delegate.listForClient(tenant, client, state, now);
    }

    @Override
    public Page<Credit> pageForClient(TenantId tenant, ClientId client, PageRequest page) {
        return delegate.pageForClient(tenant, client, page);
    }

    @Override
    public Page<Credit> pageForClient(TenantId tenant, ClientId client, CreditState state, Instant now,
            PageRequest page) {
        return delegate.pageForClient(tenant, client, state, now, page);
    }

    @Override
    public Map<CreditState, Long> countByState(TenantId tenant, ClientId client, Instant now) {
        return delegate.countByState(tenant, client, now);
    }

    @Override
    public CreditSummary summaryForClient(TenantId tenant, ClientId client, Instant now, int limit) {
        return delegate.summaryForClient(tenant, client, now, limit);
    }

    @Override
    public List<Credit> redeemable(TenantId tenant, ClientId client, Instant now, int limit) {
        return delegate.redeemable(tenant, client, now, limit);
    }

    @Override
    public List<Credit> redeemedFor(TenantId tenant, String bookingRef) {
        return delegate.redeemedFor(tenant, bookingRef);
    }

    @Override
    public List<Credit> fromSource(TenantId tenant, CreditSource source) {
        return delegate.fromSource(tenant, source);
    }

    @Override
    public List<Credit> dueForExpiry(Instant now, int limit) {
        return delegate.dueForExpiry(now, limit);
    }

    @Override
    public List<CreditChange> changes(TenantId tenant, ClientId client) {
        return delegate.changes(tenant, client);
    }

    @Override
    public void closeSource(TenantId tenant, CreditSource source) {
        delegate.closeSource(tenant, source);
    }

    @Override
    public boolean isSourceClosed(TenantId tenant, CreditSource source) {
        return delegate.isSourceClosed(tenant, source);
    }

    @Override
    public void eraseReasons(TenantId tenant, ClientId client) {
        delegate.eraseReasons(tenant, client);
    }
}
