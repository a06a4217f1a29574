/**
 * The audit trail: append-only entries recording who changed what on a client, with personal
 * data masked. Pure Java.
 */
@NullMarked
package io.clientele.audit.model;

import org.jspecify.annotations.NullMarked;
