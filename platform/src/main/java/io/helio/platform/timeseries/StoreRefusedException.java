package io.helio.platform.timeseries;

/** InfluxDB refused the points for what they are (not for being unavailable): none of them is kept. */
public class StoreRefusedException extends RuntimeException {

    public StoreRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
