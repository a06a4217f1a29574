/**
 * Cross-cutting building blocks shared by every context: tenant and entity ids, actors and
 * permissions, the exception hierarchy, keyset pagination and the small infrastructure ports
 * (transactions, events).
 *
 * <p>Nothing in this package or any other Clientele package accepts or returns {@code null}
 * unless a parameter is documented otherwise; optional values are {@link java.util.Optional}.
 */
@NullMarked
package io.clientele.common;

import org.jspecify.annotations.NullMarked;
