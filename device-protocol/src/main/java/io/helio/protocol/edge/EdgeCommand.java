package io.helio.protocol.edge;

import tools.jackson.databind.JsonNode;

/**
 * A command the platform sends an edge for one of its devices (a request on the edge's connection,
 * route {@code command}): the device protocol's request ({@code id}, {@code method}, {@code params})
 * and which device it is for. The edge answers with the device's reply, {@code {"id","code","message","data"}}.
 */
public record EdgeCommand(String id, String productKey, String deviceKey, String method, JsonNode params) {}
