package io.clientele.payment.model;

import io.clientele.common.Validate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * A payment method to save, as the payment provider describes it. Never a card number or CVC:
 * a field carrying one is refused (rules {@value CardData#CARD_NUMBER_NOT_ALLOWED} and {@value
 * CardData#CVC_NOT_ALLOWED}, see {@link CardData}), whatever else is wrong with it.
 *
 * <p>Rules: {@code brand} single line, up to 40 characters, empty when the provider gives none;
 * {@code last4} exactly 4 ASCII digits (of the card number, IBAN or account); {@code expiry} the
 * card's expiry month, if any, in the years 2000 to 2100; {@code providerRef} the provider's id
 * of the saved method, single line, 1 to 200 characters. Text is NFC-normalized and trimmed.
 *
 * <p>Immutable and thread-safe.
 */
public record PaymentMethodInput(
        PaymentMethodKind kind,
        String brand,
        String last4,
        Optional<YearMonth> expiry,
        String providerRef) {

    public PaymentMethodInput {
        Validate.notNull("kind", kind);
        brand = PaymentFields.brand(brand);
        last4 = PaymentFields.last4(last4);
        expiry = PaymentFields.expiry(expiry);
        providerRef = PaymentFields.providerRef(providerRef);
    }

    /** A card with its brand, last 4 digits, expiry month and the provider's reference. */
    public static PaymentMethodInput card(String brand, String last4, YearMonth expiry, String providerRef) {
        Validate.notNull("expiry", expiry);
        return new PaymentMethodInput(PaymentMethodKind.CARD, brand, last4, Optional.of(expiry), providerRef);
    }

    /** A method without an expiry (a SEPA mandate, a wallet, ...). */
    public static PaymentMethodInput of(PaymentMethodKind kind, String brand, String last4, String providerRef) {
        return new PaymentMethodInput(kind, brand, last4, Optional.empty(), providerRef);
    }
}
