/**
 * The intake context's service package. Use cases; stateless and thread-safe, obtained from {@code Clientele}.
 */
@NullMarked
package io.clientele.intake.service;

import org.jspecify.annotations.NullMarked;
