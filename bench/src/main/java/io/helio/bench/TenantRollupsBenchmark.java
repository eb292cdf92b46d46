package io.helio.bench;

import io.helio.local.LocalStack;
import io.helio.sdk.HelioAdminClient;
import io.helio.sdk.admin.model.TenantCreate;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How much of each minute influxd spends on the rollups' continuous queries of many tenants. It runs
 * every database's queries one after another, so past some number of tenants a minute's runs take
 * longer than the minute, and the rollups fall further behind with every minute. The tenants are
 * created through tenant-admin (their databases and continuous queries as in production); each gets a
 * small fleet's data written straight to its database every 10 s; influxd's count of finished runs
 * ({@code SHOW STATS FOR 'cq'}) is read every second.
 */
public final class TenantRollupsBenchmark {

    private static final int DEVICES = 10;
    private static final int POINTS = 10;
    private static final Duration WRITE_EVERY = Duration.ofSeconds(10);
    private static final Pattern RUNS = Pattern.compile("\"columns\":\\[([^]]*)],\"values\":\\[\\[([^]]*)]");

    private TenantRollupsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int tenants = BenchRun.argument(args, 0, 500);
        int minutes = BenchRun.argument(args, 1, 4);
        StringBuilder report = BenchRun.report("Helio tenant rollups benchmark")
                .append(String.format(
                        "%d tenants created through tenant-admin, each with %d devices × %d points written straight to"
                                + " its database every %d s; influxd's finished runs of their continuous queries,"
                                + " read every second, over %d whole minutes.%n%n",
                        tenants, DEVICES, POINTS, WRITE_EVERY.toSeconds(), minutes));
        try (BenchRun run = BenchRun.start("tenants")) {
            LocalStack stack = run.stack();
            List<String> databases = createTenants(stack, tenants);
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
            writer.scheduleAtFixedRate(
                    () -> writeAll(stack.influxUrl(), databases), 0, WRITE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            try {
                // a first whole minute of data before the minutes that count
                Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
                sleepUntil(first);
                CpuUse cpu = CpuUse.start(Map.of("influxd", stack.influxdPid()));
                report.append("| minute | runs finished | seconds in which runs finished | expected runs |\n"
                        + "| --- | ---: | ---: | ---: |\n");
                long finished = finishedRuns(stack.influxUrl());
                for (int m = 0; m < minutes; m++) {
                    Instant minute = first.plus(Duration.ofMinutes(m));
                    long atStart = finished;
                    int busySeconds = 0;
                    for (int second = 1; second <= 60; second++) {
                        sleepUntil(minute.plusSeconds(second));
                        long runs = finishedRuns(stack.influxUrl());
                        busySeconds += runs > finished ? 1 : 0;
                        finished = runs;
                    }
                    boolean onTheHour = minute.equals(minute.truncatedTo(ChronoUnit.HOURS));
                    report.append(String.format(
                            "| %s | %d | %d | %d |%n",
                            minute, finished - atStart, busySeconds, onTheHour ? 2L * tenants : tenants));
                }
                report.append(String.format(
                        "%ninfluxd used %.2f cores over those minutes (its writes included). The seconds in which runs"
                                + " finished are about how long a minute's runs took (a run can finish in the next"
                                + " minute's first second). Near 60, or fewer runs than expected, is the limit:"
                                + " beyond it the minute rollups lag more every minute.%n",
                        cpu.coresSinceStart("influxd")));
                long openFiles = openFiles(stack.influxdPid());
                report.append(String.format(
                        "%ninfluxd had %,d files open at the end (sockets included), %.1f a tenant; it keeps about two"
                                + " open per shard, and each tenant has a shard per retention policy it wrote to.%n",
                        openFiles, (double) openFiles / tenants));
            } finally {
                writer.shutdownNow();
            }
        }
        BenchRun.write("tenants-bench-report.md", report);
    }

    private static List<String> createTenants(LocalStack stack, int tenants) throws Exception {
        HelioAdminClient operator =
                HelioAdminClient.connect(stack.adminUrl(), LocalStack.OPERATOR_ID, stack.operatorSecret());
        List<String> databases = new ArrayList<>();
        for (int i = 0; i < tenants; i++) {
            String id = operator.tenants()
                    .createTenant(new TenantCreate().name("rollups-" + i))
                    .getTenantId();
            databases.add("helio_" + id);
        }
        return databases;
    }

    private static void writeAll(String influx, List<String> databases) {
        long now = System.currentTimeMillis();
        StringBuilder lines = new StringBuilder();
        for (int d = 0; d < DEVICES; d++) {
            DeviceLines.append(lines, "fleet", d, POINTS, now / 1000, now);
        }
        for (String database : databases) {
            try {
                BenchHttp.post(influx + "/write?precision=ms&db=" + database, lines.toString(), 204);
            } catch (RuntimeException e) {
                // the next round writes again; a refused write shows in the runs influxd finishes
                System.err.println("cannot write to " + database + ": " + e.getMessage());
            }
        }
    }

    /**
     * influxd's count of the continuous query runs it finished since it started. The same count as
     * {@link InfluxdWork}'s, read with {@code SHOW STATS FOR 'cq'}: a few bytes every second, where
     * {@code /debug/vars} grows with every database.
     */
    private static long finishedRuns(String influx) {
        String stats =
                BenchHttp.get(influx + "/query?q=" + URLEncoder.encode("SHOW STATS FOR 'cq'", StandardCharsets.UTF_8));
        Matcher found = RUNS.matcher(stats);
        if (!found.find()) {
            return 0; // no run finished yet
        }
        String[] columns = found.group(1).split(",");
        String[] values = found.group(2).split(",");
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].equals("\"queryOk\"")) {
                return Long.parseLong(values[i]);
            }
        }
        throw new IllegalStateException("influxd's cq statistics have no queryOk: " + stats);
    }

    /** The file descriptors a process holds (Linux). */
    private static long openFiles(long pid) throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return descriptors.count();
        }
    }

    private static void sleepUntil(Instant time) throws InterruptedException {
        long millis = Duration.between(Instant.now(), time).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
