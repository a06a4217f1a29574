package io.clientele.payment.model;

import io.clientele.common.ClienteleException;
import java.util.UUID;

/**
 * The host's payment provider failed to detach a saved payment method (through {@code
 * PaymentGateway}). The method stays {@code ACTIVE} (an erasure that needed the detach was rolled
 * back); retrying later may succeed. The message names the payment method's id, never card details
 * or the provider's reference; the provider's exception is the cause. Code: {@value #CODE}.
 */
public final class PaymentGatewayException extends ClienteleException {

    private static final long serialVersionUID = 1L;

    /** The stable code of every payment gateway failure. */
    public static final String CODE = "payment_gateway";

    // the uuid, not the id record: an exception is Serializable and the record is not
    private final UUID paymentMethodId;

    /**
     * The provider's exception is not kept as the cause: its message may echo what the provider
     * was sent, and hosts log causes. Only its type is named.
     *
     * @param paymentMethodId the method that could not be detached
     * @param detail what was rolled back or kept, never card data
     * @param providerFailure the type of the provider's failure, for example its class name
     */
    public PaymentGatewayException(PaymentMethodId paymentMethodId, String detail, String providerFailure) {
        super(CODE, "payment method " + paymentMethodId + " could not be detached at the payment provider ("
                + providerFailure + "): " + detail);
        this.paymentMethodId = paymentMethodId.value();
    }

    /** The payment method that could not be detached. */
    public PaymentMethodId paymentMethodId() {
        return new PaymentMethodId(paymentMethodId);
    }
}
