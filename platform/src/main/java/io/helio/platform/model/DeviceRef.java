package io.helio.platform.model;

/** A device named by its keys. */
public record DeviceRef(ProductKey product, DeviceKey device) {

    @Override
    public String toString() {
        return product + "/" + device;
    }
}
