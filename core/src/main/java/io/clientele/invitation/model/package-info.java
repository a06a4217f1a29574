/**
 * The invitation context's model package. Pure Java: depends only on {@code java..}, {@code
 * io.clientele.common} and the id records of the aggregates it refers to in other contexts
 * (a campaign targets a client group or a label by its {@code GroupId} or {@code LabelId}).
 */
@NullMarked
package io.clientele.invitation.model;

import org.jspecify.annotations.NullMarked;
