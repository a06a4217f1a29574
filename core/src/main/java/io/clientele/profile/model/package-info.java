/**
 * The profile context's model: how one section of the whole-profile view stands for the actor who
 * asked ({@link io.clientele.profile.model.Section}). Pure Java: depends only on {@code java..} and
 * {@code io.clientele.common}.
 */
@NullMarked
package io.clientele.profile.model;

import org.jspecify.annotations.NullMarked;
