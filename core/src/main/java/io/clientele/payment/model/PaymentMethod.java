package io.clientele.payment.model;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

/**
 * A payment method a client saved at the host's payment provider, as the provider describes it:
 * kind, brand, last 4 digits, optional expiry month and the provider's reference. It never holds a
 * card number or CVC (the field rules of {@link PaymentMethodInput} apply here too). Lifecycle:
 * {@code ACTIVE} -> {@code CANCELLED} (after the provider detached it, {@code cancelledAt} set);
 * cancelling again is a {@link ConflictException} {@code ILLEGAL_STATE}.
 *
 * <p>Immutable and thread-safe; changes return new instances stored with a version check.
 */
public record PaymentMethod(
        PaymentMethodId id,
        TenantId tenantId,
        ClientId clientId,
        PaymentMethodKind kind,
        String brand,
        String last4,
        Optional<YearMonth> expiry,
        String providerRef,
        PaymentMethodStatus status,
        Instant addedAt,
        Optional<Instant> cancelledAt,
        long version) {

    public PaymentMethod {
        Validate.notNull("id", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("clientId", clientId);
        Validate.notNull("kind", kind);
        brand = PaymentFields.brand(brand);
        last4 = PaymentFields.last4(last4);
        expiry = PaymentFields.expiry(expiry);
        providerRef = PaymentFields.providerRef(providerRef);
        Validate.notNull("status", status);
        Validate.notNull("addedAt", addedAt);
        Validate.notNull("cancelledAt", cancelledAt);
        if (cancelledAt.isPresent() != (status == PaymentMethodStatus.CANCELLED)) {
            throw new ValidationException("cancelledAt", "status",
                    "set exactly when the payment method is cancelled");
        }
    }

    /** A new active payment method at version 0. */
    public static PaymentMethod add(PaymentMethodId id, TenantId tenant, ClientId client, PaymentMethodInput input,
            Instant now) {
        Validate.notNull("input", input);
        return new PaymentMethod(id, tenant, client, input.kind(), input.brand(), input.last4(), input.expiry(),
                input.providerRef(), PaymentMethodStatus.ACTIVE, now, Optional.empty(), 0);
    }

    /** True while the method can be charged. */
    public boolean active() {
        return status == PaymentMethodStatus.ACTIVE;
    }

    /** Marked cancelled at {@code now}; call only after the provider detached it. */
    public PaymentMethod cancel(Instant now) {
        if (!active()) {
            throw ConflictException.illegalState("payment method " + id + " is already cancelled");
        }
        return new PaymentMethod(id, tenantId, clientId, kind, brand, last4, expiry, providerRef,
                PaymentMethodStatus.CANCELLED, addedAt, Optional.of(now), version);
    }

    /** This method with the stored version (used by repositories). */
    public PaymentMethod withVersion(long newVersion) {
        return new PaymentMethod(id, tenantId, clientId, kind, brand, last4, expiry, providerRef, status, addedAt,
                cancelledAt, newVersion);
    }
}
