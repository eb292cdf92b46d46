package io.helio.protocol.edge;

/**
 * A site device connected to its edge or left it (route {@code presence}, fire-and-forget): the
 * platform shows it ONLINE or OFFLINE as it would a device with a session of its own. An edge
 * repeats the connected ones after each reconnection; when its connection ends, its devices go
 * OFFLINE.
 */
public record EdgePresence(String productKey, String deviceKey, boolean online) {}
