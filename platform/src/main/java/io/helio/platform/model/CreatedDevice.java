package io.helio.platform.model;

/** A new device with its secret in clear: returned once, then kept only encrypted. */
public record CreatedDevice(Device device, String secret) {}
