/**
 * What an edge bridge and the platform's edge endpoint exchange over RSocket: the SETUP login
 * ({@link io.helio.protocol.edge.EdgeLogin}), telemetry frames and their acknowledgements on the
 * {@code telemetry} request-channel, other device requests on {@code request}, and commands from the
 * cloud on {@code command}.
 */
@NullMarked
package io.helio.protocol.edge;

import org.jspecify.annotations.NullMarked;
