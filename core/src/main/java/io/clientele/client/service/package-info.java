/**
 * Use cases of the client context. Each service method takes the acting {@link
 * io.clientele.common.Actor} and the {@link io.clientele.common.TenantId}, checks the permission,
 * runs in one unit of work, appends an audit entry for every change and publishes a domain event.
 * Services are obtained from {@code Clientele}; they are stateless and thread-safe.
 */
@NullMarked
package io.clientele.client.service;

import org.jspecify.annotations.NullMarked;
