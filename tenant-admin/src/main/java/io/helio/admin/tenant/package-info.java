/** Tenants: their identity, status and lifecycle. */
@NullMarked
package io.helio.admin.tenant;

import org.jspecify.annotations.NullMarked;
