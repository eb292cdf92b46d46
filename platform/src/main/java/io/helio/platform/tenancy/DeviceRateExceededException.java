package io.helio.platform.tenancy;

/** A tenant's devices sent more messages or points a second than its quota allows; this one is turned away. */
public class DeviceRateExceededException extends RuntimeException {

    public DeviceRateExceededException(String message) {
        super(message);
    }
}
