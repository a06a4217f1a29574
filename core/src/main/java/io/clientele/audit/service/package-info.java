/** Use cases of the audit context: reading a client's audit trail. */
@NullMarked
package io.clientele.audit.service;

import org.jspecify.annotations.NullMarked;
