package io.helio.protocol.edge;

/**
 * An edge's SETUP data: its gateway device's keys and the device protocol's SHA-256 signature over
 * {@code clientId} (the device key), {@code deviceKey}, {@code productKey} and {@code timestamp}.
 */
public record EdgeLogin(String productKey, String deviceKey, String timestamp, String sign) {}
