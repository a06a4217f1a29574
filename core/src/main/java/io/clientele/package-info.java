/**
 * Clientele's entry point: {@link io.clientele.Clientele#builder()} wires the ports and exposes the
 * use cases.
 */
@NullMarked
package io.clientele;

import org.jspecify.annotations.NullMarked;
