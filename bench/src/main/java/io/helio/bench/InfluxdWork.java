package io.helio.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What influxd counts of its own work in {@code /debug/vars}: its write requests and the time it spent
 * in them (beside the platform's timing of the same writes, it tells influxd's share of a write from
 * the rest: the client, the network, waiting for a core), and the runs of its continuous queries (the
 * rollups), which compete with the writes for the same cores.
 */
record InfluxdWork(long writes, long writeNanos, long rollupRuns, long rollupRunsFailed) {

    // the HTTP service's statistics; other sections (the write service, each shard) count "writeReq" too
    private static final Pattern WRITES = Pattern.compile("\"name\":\\s*\"httpd\".*?\"writeReq\":\\s*(\\d+)");
    private static final Pattern WRITE_NANOS =
            Pattern.compile("\"name\":\\s*\"httpd\".*?\"writeReqDurationNs\":\\s*(\\d+)");
    // the continuous query service's; an influxd that runs none may leave the section out
    private static final Pattern RUNS = Pattern.compile("\"name\":\\s*\"cq\".*?\"queryOk\":\\s*(\\d+)");
    private static final Pattern RUNS_FAILED = Pattern.compile("\"name\":\\s*\"cq\".*?\"queryFail\":\\s*(\\d+)");

    /** The counts in influxd's {@code /debug/vars} JSON. */
    static InfluxdWork parse(String vars) {
        return new InfluxdWork(
                number(WRITES, vars), number(WRITE_NANOS, vars), count(RUNS, vars), count(RUNS_FAILED, vars));
    }

    InfluxdWork since(InfluxdWork earlier) {
        return new InfluxdWork(
                writes - earlier.writes,
                writeNanos - earlier.writeNanos,
                rollupRuns - earlier.rollupRuns,
                rollupRunsFailed - earlier.rollupRunsFailed);
    }

    /** "influxd's own time per write 4.2 ms on average, 2 runs of its continuous queries (0 failed)" */
    String describe() {
        return String.format(
                "influxd's own time per write %.1f ms on average, %d runs of its continuous queries (%d failed)",
                writes == 0 ? 0 : writeNanos / 1e6 / writes, rollupRuns, rollupRunsFailed);
    }

    private static long number(Pattern pattern, String vars) {
        Matcher found = pattern.matcher(vars);
        if (!found.find()) {
            throw new IllegalStateException("influxd's /debug/vars has no " + pattern.pattern());
        }
        return Long.parseLong(found.group(1));
    }

    private static long count(Pattern pattern, String vars) {
        Matcher found = pattern.matcher(vars);
        return found.find() ? Long.parseLong(found.group(1)) : 0;
    }
}
