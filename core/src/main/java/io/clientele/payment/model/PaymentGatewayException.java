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

    private final UUID paymentMethodId;

    /**
     * @param paymentMethodId the method that could not be detached
     * @param detail what was rolled back or kept, never card data
     * @param cause the provider's failure
     */
    public PaymentGatewayException(UUID paymentMethodId, String detail, Throwable cause) {
        super(CODE, "payment method " + paymentMethodId + " could not be detached at the payment provider: " + detail,
                cause);
        this.paymentMethodId = paymentMethodId;
    }

    /** The payment method that could not be detached. */
    public UUID paymentMethodId() {
        return paymentMethodId;
    }
}
