package io.clientele.client.model;

import io.clientele.common.Validate;

/**
 * One of a client's addresses, with its id so it can be edited or removed.
 *
 * <p>Immutable and thread-safe.
 */
public record Address(AddressId id, PostalAddress postal) {
    public Address {
        Validate.notNull("addressId", id);
        Validate.notNull("address", postal);
    }
}
