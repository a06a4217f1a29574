/**
 * The JPA persistence adapter: Clientele's ports on Jakarta Persistence (Hibernate ORM 7.x, and
 * 6.6 for Spring Boot 3 hosts), with Flyway migrations for PostgreSQL and H2 shipped in the jar.
 */
package io.clientele.adapter.jpa;
