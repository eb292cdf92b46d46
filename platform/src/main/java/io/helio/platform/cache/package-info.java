/**
 * Caches in front of what is slow to ask (PostgreSQL, tenant-admin) that the hot paths read on
 * every message or request.
 */
@NullMarked
package io.helio.platform.cache;

import org.jspecify.annotations.NullMarked;
