/**
 * The durable buffer between the site's devices and the cloud: a device's message is acknowledged
 * once it is here, and leaves only when the cloud has acknowledged it.
 */
@NullMarked
package io.helio.edge.buffer;

import org.jspecify.annotations.NullMarked;
