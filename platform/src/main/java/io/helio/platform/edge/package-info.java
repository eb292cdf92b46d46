/**
 * The edge endpoint: RSocket connections from edge bridges, each authenticated at SETUP as its
 * gateway device, sending telemetry for the gateway and its sub-devices on a request-channel with
 * sequence numbers, acknowledged once durably stored and de-duplicated by sequence.
 */
@NullMarked
package io.helio.platform.edge;

import org.jspecify.annotations.NullMarked;
