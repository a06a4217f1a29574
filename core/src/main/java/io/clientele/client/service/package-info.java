/**
 * Use cases of the client context. Each service method takes the acting {@link
 * io.clientele.common.Actor} and the {@link io.clientele.common.TenantId}, checks the permission,
 * runs in one unit of work, appends an audit entry for every change and publishes a domain event.
 * Services are obtained from {@code Clientele}; they are stateless and thread-safe.
 *
 * <p><b>One argument order, one kind of result.</b> A use case on a client and a thing of its
 * profile takes the client first, then the thing ({@code labels().assign(actor, tenant, client,
 * label)}, {@code groups().addMember(actor, tenant, client, group)}, {@code addresses().edit(actor,
 * tenant, client, address, ...)}). A change to a section that lives on the client record
 * (addresses, passes, labels, groups, the photo, the lock) returns the {@link
 * io.clientele.client.model.Client} as stored, whose new version the next edit expects; a change
 * to a note, which has a version of its own, returns the {@link io.clientele.client.model.Note}
 * (the note as it was stored, for a delete). Catalog deletions (a label, a group) return nothing.
 */
@NullMarked
package io.clientele.client.service;

import org.jspecify.annotations.NullMarked;
