/**
 * The invitation context's service package. Use cases; stateless and thread-safe, obtained from {@code Clientele}.
 */
@NullMarked
package io.clientele.invitation.service;

import org.jspecify.annotations.NullMarked;
