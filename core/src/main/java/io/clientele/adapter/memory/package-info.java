/**
 * In-memory implementations of every port, for tests, prototypes and the demo. They are
 * thread-safe, check versions optimistically like a database would (a stale update is a {@link
 * io.clientele.common.ConflictException}), enforce the same uniqueness rules, and roll back what a
 * failed unit of work wrote. {@link io.clientele.adapter.memory.InMemoryAdapters} wires them all.
 */
@NullMarked
package io.clientele.adapter.memory;

import org.jspecify.annotations.NullMarked;
