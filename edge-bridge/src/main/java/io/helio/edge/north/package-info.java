/**
 * Northbound: the edge's RSocket connection to the platform's edge endpoint, signed in as its
 * gateway, re-established with back-off; the buffer's messages go up on a request-channel and leave
 * the buffer as the cloud acknowledges them; commands come down on the same connection.
 */
@NullMarked
package io.helio.edge.north;

import org.jspecify.annotations.NullMarked;
