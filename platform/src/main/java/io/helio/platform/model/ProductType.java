package io.helio.platform.model;

/** A GATEWAY's devices may have sub-devices that connect through them. */
public enum ProductType {
    DEVICE,
    GATEWAY
}
