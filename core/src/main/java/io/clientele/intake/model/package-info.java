/**
 * The intake context's model package. Pure Java: depends only on {@code java..} and {@code io.clientele.common}.
 */
@NullMarked
package io.clientele.intake.model;

import org.jspecify.annotations.NullMarked;
