package io.clientele.payment.port;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodId;
import java.util.List;
import java.util.Optional;

/**
 * Stores saved payment methods. SPI; implementations must be thread-safe, scope every call by
 * tenant, join the caller's unit of work and enforce the optimistic version check atomically with
 * the write ({@link ConflictException} {@code STALE_VERSION}).
 */
public interface PaymentMethodRepository {

    /** The payment method, if it exists in this tenant. */
    Optional<PaymentMethod> find(TenantId tenant, PaymentMethodId id);

    /** Stores a new payment method (version 0) and returns it as stored. */
    PaymentMethod insert(PaymentMethod method);

    /**
     * Stores a changed payment method if the stored version equals {@code method.version()};
     * returns it with the version incremented.
     */
    PaymentMethod update(PaymentMethod method);

    /**
     * Every payment method of the client, cancelled ones included, newest first (erasure detaches
     * and deletes them all).
     */
    List<PaymentMethod> listForClient(TenantId tenant, ClientId client);

    /**
     * One keyset page of the client's payment methods, cancelled ones included, newest added first
     * (time added, then id, both descending). The page's position holds the last method's time
     * added and id; a position that is not one is a {@code ValidationException} on field {@code
     * cursor}. In SQL one statement: {@code WHERE tenant_id = ? AND client_id = ? AND (added_at, id)
     * < (?, ?) ORDER BY added_at DESC, id DESC LIMIT ?} (the page size plus one), on an index {@code
     * (tenant_id, client_id, added_at, id)}.
     */
    Page<PaymentMethod> pageForClient(TenantId tenant, ClientId client, PageRequest page);

    /**
     * The active method with this provider reference in the tenant, whichever client holds it. In
     * SQL one look-up on an index {@code (tenant_id, provider_ref)}.
     */
    Optional<PaymentMethod> findActiveByProviderRef(TenantId tenant, String providerRef);

    /** Deletes every payment method of the client (erasure); returns how many there were. Idempotent. */
    int deleteAllForClient(TenantId tenant, ClientId client);
}
