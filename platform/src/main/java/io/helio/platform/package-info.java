/** Helio's data plane. */
@NullMarked
package io.helio.platform;

import org.jspecify.annotations.NullMarked;
