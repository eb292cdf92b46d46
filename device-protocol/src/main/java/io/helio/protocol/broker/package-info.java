/** What Helio's two embedded MQTT brokers, the platform's and an edge's, share (Moquette is theirs to bring). */
@NullMarked
package io.helio.protocol.broker;

import org.jspecify.annotations.NullMarked;
