/**
 * Clientele's benchmarks: whole-path measurements run from one jar, {@code java
 * -jar benchmarks/target/clientele-benchmarks.jar <name>|all}, each printing one {@code RESULT
 * name=<name> key=value ...} line on stdout and its progress on stderr. They use only the public
 * API ({@link io.clientele.Clientele#builder()} and the in-memory adapters), so they measure what a
 * host gets. Never run by the test command.
 */
@NullMarked
package io.clientele.benchmarks;

import org.jspecify.annotations.NullMarked;
