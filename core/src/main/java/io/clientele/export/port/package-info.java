/**
 * The export context's port package: the sections other contexts (and a host) contribute to a
 * client's data export, and the encoder that writes the document. SPI: implementations must be
 * thread-safe.
 */
@NullMarked
package io.clientele.export.port;

import org.jspecify.annotations.NullMarked;
