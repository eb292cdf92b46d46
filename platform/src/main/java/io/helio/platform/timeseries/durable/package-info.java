/**
 * Durable acceptance of measure points: writes are grouped into batches (group commit), and when
 * InfluxDB cannot take them they go to a bounded spill on local disk and are replayed in order.
 * A device is answered 200 only once its points are in InfluxDB or in the spill.
 */
@NullMarked
package io.helio.platform.timeseries.durable;

import org.jspecify.annotations.NullMarked;
