package io.helio.platform.timeseries;

/** As many writes wait as may: this one was not accepted; the caller should retry a little later. */
public class WriterBusyException extends RuntimeException {

    public WriterBusyException(int waiting) {
        super("the platform is busy (" + waiting + " writes waiting); nothing was stored, retry later");
    }
}
