package io.helio.protocol.edge;

import tools.jackson.databind.JsonNode;

/**
 * One telemetry message of an edge: its sequence number (increasing on the connection and across
 * reconnections), the device it is for (the gateway or one of its sub-devices) and the
 * {@code thing.measurepoint.post} params ({@code {"measurepoints":{...},"time":...}}).
 */
public record EdgeFrame(long seq, String productKey, String deviceKey, JsonNode params) {}
