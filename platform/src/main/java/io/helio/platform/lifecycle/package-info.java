/** Background work that runs with the application. */
@NullMarked
package io.helio.platform.lifecycle;

import org.jspecify.annotations.NullMarked;
