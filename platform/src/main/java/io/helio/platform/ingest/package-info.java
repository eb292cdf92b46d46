/** From a decoded device request to stored data: validation against the thing model, then the time-series write. */
@NullMarked
package io.helio.platform.ingest;

import org.jspecify.annotations.NullMarked;
