package io.helio.platform.model;

/** A device's key, unique within its product. */
public record DeviceKey(String value) {

    public DeviceKey {
        Identifiers.require(Identifiers.DEVICE_KEY, value, "device key");
    }

    public static DeviceKey of(String value) {
        return new DeviceKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
