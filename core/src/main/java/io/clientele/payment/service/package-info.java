/**
 * The payment context's service package. Use cases; stateless and thread-safe, obtained from {@code Clientele}.
 */
@NullMarked
package io.clientele.payment.service;

import org.jspecify.annotations.NullMarked;
