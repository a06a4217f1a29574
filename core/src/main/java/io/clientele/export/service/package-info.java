/**
 * The export context's service package. Use cases; stateless and thread-safe, obtained from {@code Clientele}.
 */
@NullMarked
package io.clientele.export.service;

import org.jspecify.annotations.NullMarked;
