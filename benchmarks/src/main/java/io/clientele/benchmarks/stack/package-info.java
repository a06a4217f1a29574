/**
 * What the benchmarks and the reliability suite run on: PostgreSQL 17 started from the JVM
 * ({@link io.clientele.benchmarks.stack.PostgresStack}), an in-process SMTP server ({@link
 * io.clientele.benchmarks.stack.SmtpStack}) and a Clientele wired on them as a host would ({@link
 * io.clientele.benchmarks.stack.JpaStudio}).
 */
package io.clientele.benchmarks.stack;
