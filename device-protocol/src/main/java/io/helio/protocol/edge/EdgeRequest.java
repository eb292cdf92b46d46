package io.helio.protocol.edge;

import tools.jackson.databind.JsonNode;

/**
 * A device request other than telemetry that an edge forwards for the gateway or one of its
 * sub-devices (route {@code request}): the topic the device published on and its request
 * ({@code {"id","version","method","params"}}). The answer is the device protocol's reply.
 */
public record EdgeRequest(String topic, JsonNode request) {}
