package io.helio.platform.timeseries;

/** The samples are older than the tenant's raw data retention: the store refused them, none is kept. */
public class BeyondRetentionException extends StoreRefusedException {

    public BeyondRetentionException(String message, Throwable cause) {
        super(message, cause);
    }
}
