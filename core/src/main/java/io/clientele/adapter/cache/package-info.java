/**
 * Caffeine caches for what a host reads on nearly every call and rarely changes: its tenant
 * settings and the per-tenant catalogs (labels, membership types, marketing preferences). Entry
 * point: {@link io.clientele.adapter.cache.Caching}. Every cache is bounded (tenants) and expires
 * entries after a time-to-live; a write through the cached instance invalidates its tenant's entry.
 */
@NullMarked
package io.clientele.adapter.cache;

import org.jspecify.annotations.NullMarked;
