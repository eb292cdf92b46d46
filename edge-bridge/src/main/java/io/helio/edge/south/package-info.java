/**
 * Southbound: the edge's own MQTT broker, where the site's devices connect with the device protocol
 * exactly as they would to the cloud, each signing in with its own secret and using only its own
 * topics.
 */
@NullMarked
package io.helio.edge.south;

import org.jspecify.annotations.NullMarked;
