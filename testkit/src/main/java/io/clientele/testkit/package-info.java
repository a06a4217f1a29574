/**
 * Test support for Clientele's adapters: a {@link io.clientele.testkit.MutableClock}, fixture
 * builders for the domain objects ({@link io.clientele.testkit.Fixtures}), the pairing of a port
 * with the unit-of-work runner it joins ({@link io.clientele.testkit.PortUnderTest}) and helpers for
 * races between units of work ({@link io.clientele.testkit.Race}, {@link
 * io.clientele.testkit.LockProbe}). The contract suites themselves are in {@code
 * io.clientele.testkit.contract}. No method takes or returns null.
 */
@NullMarked
package io.clientele.testkit;

import org.jspecify.annotations.NullMarked;
