/** Helio's control plane: tenants, applications and the tokens that carry them. */
@NullMarked
package io.helio.admin;

import org.jspecify.annotations.NullMarked;
