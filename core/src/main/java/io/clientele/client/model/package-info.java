/**
 * The client profile: the {@link io.clientele.client.model.Client} aggregate and the value objects
 * that validate personal details, addresses, passes, labels, notes and groups. Pure Java: depends
 * only on {@code java..} and {@code io.clientele.common}.
 */
@NullMarked
package io.clientele.client.model;

import org.jspecify.annotations.NullMarked;
