/**
 * The consent context's service package. Use cases; stateless and thread-safe, obtained from {@code Clientele}.
 */
@NullMarked
package io.clientele.consent.service;

import org.jspecify.annotations.NullMarked;
