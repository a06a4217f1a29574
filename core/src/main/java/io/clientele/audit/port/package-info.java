/** Driven port (SPI) of the audit context. */
@NullMarked
package io.clientele.audit.port;

import org.jspecify.annotations.NullMarked;
