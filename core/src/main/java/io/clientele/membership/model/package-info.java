/**
 * The membership context's model package. Pure Java: depends only on {@code java..} and {@code io.clientele.common}.
 */
@NullMarked
package io.clientele.membership.model;

import org.jspecify.annotations.NullMarked;
