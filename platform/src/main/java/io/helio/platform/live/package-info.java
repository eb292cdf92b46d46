/** Live streams of accepted measure points, fed by ingestion, for subscribers of the tenant only. */
@NullMarked
package io.helio.platform.live;

import org.jspecify.annotations.NullMarked;
