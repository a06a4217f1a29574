package io.clientele.payment.port;

import io.clientele.common.TenantId;

/**
 * The host's payment provider, as far as Clientele needs it: detaching a saved payment method so it
 * can no longer be charged. Called when staff cancel a method and when a client is erased.
 *
 * <p>SPI for the host. Implementations must be thread-safe and <em>idempotent</em>: detaching a
 * reference that is already detached (or unknown to the provider) must succeed, because a detach
 * whose surrounding work failed afterwards is retried. Throwing any exception means the method was
 * not detached; Clientele then keeps it active and reports a {@code PaymentGatewayException}. An
 * exception's message should not carry card data. During an erasure the call runs inside the
 * erasure's unit of work, so keep it short (use the provider's timeouts).
 */
@FunctionalInterface
public interface PaymentGateway {

    /** Detaches the saved payment method {@code providerRef} of the tenant at the provider. */
    void detach(TenantId tenant, String providerRef);
}
