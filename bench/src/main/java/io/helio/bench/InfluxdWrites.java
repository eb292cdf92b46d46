package io.helio.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * influxd's own count of write requests and the time it spent in them (its {@code /debug/vars}
 * HTTP statistics): beside the platform's timing of the same writes, it tells influxd's share of a
 * write from the rest (the client, the network, waiting for a core).
 */
record InfluxdWrites(long requests, long nanos) {

    // the HTTP service's statistics; other sections (the write service, each shard) count "writeReq" too
    private static final Pattern REQUESTS = Pattern.compile("\"name\":\\s*\"httpd\".*?\"writeReq\":\\s*(\\d+)");
    private static final Pattern NANOS = Pattern.compile("\"name\":\\s*\"httpd\".*?\"writeReqDurationNs\":\\s*(\\d+)");

    /** The counts in influxd's {@code /debug/vars} JSON. */
    static InfluxdWrites parse(String vars) {
        return new InfluxdWrites(number(REQUESTS, vars), number(NANOS, vars));
    }

    InfluxdWrites since(InfluxdWrites earlier) {
        return new InfluxdWrites(requests - earlier.requests, nanos - earlier.nanos);
    }

    /** "influxd's own time per write 4.2 ms on average" */
    String describe() {
        return String.format(
                "influxd's own time per write %.1f ms on average", requests == 0 ? 0 : nanos / 1e6 / requests);
    }

    private static long number(Pattern pattern, String vars) {
        Matcher found = pattern.matcher(vars);
        if (!found.find()) {
            throw new IllegalStateException("influxd's /debug/vars has no " + pattern.pattern());
        }
        return Long.parseLong(found.group(1));
    }
}
