/**
 * The intake context's port package. Driven ports (SPI): implementations must be thread-safe and scope every call by tenant.
 */
@NullMarked
package io.clientele.intake.port;

import org.jspecify.annotations.NullMarked;
