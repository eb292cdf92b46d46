/**
 * The edge bridge. Southbound ({@code south}): an MQTT broker where the site's devices connect with
 * the device protocol. Between: a durable buffer ({@code buffer}) that holds their data until the
 * cloud acknowledges it, after a point mapping ({@code mapping}). Northbound ({@code north}): the
 * RSocket connection to the platform's edge endpoint, which also brings commands back down.
 */
@NullMarked
package io.helio.edge;

import org.jspecify.annotations.NullMarked;
