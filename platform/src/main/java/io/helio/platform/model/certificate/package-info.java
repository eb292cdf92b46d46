/**
 * Devices' X.509 client certificates: registered through the API, pinned by their SHA-256
 * fingerprint, and required at an MQTT TLS connection for the devices of a product that says so.
 */
@NullMarked
package io.helio.platform.model.certificate;

import org.jspecify.annotations.NullMarked;
