/**
 * Driven ports (SPI) of the client context: repositories, photo storage, the host's booking
 * anonymizer and tenant settings. The JPA adapter, a host, or {@code io.clientele.adapter.memory}
 * implements them. Every method takes the {@link io.clientele.common.TenantId} and must scope its
 * work by it. Implementations must be thread-safe.
 */
@NullMarked
package io.clientele.client.port;

import org.jspecify.annotations.NullMarked;
