package io.helio.platform.timeseries;

/** Neither InfluxDB nor the spill could take the write: nothing was stored; the caller should retry. */
public class WriterUnavailableException extends RuntimeException {

    public WriterUnavailableException(String message) {
        super(message);
    }

    public WriterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
