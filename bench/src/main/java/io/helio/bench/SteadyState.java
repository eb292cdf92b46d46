package io.helio.bench;

import java.time.Duration;

/**
 * Warms the JVMs a call passes through (the platform; an edge bridge) up on that call until their
 * JIT compilers have nearly settled. The platform compiles some 20,000 methods; after a few hundred
 * calls its C2 compiler still keeps one of the two cores a third busy for a minute or more, and
 * latencies measured meanwhile are those of a JVM that has just started, not of one that runs for
 * days.
 */
final class SteadyState {

    /** Calls for at least this long, whatever the compilers do. */
    private static final Duration AT_LEAST = Duration.ofSeconds(20);

    /** And then until a round of calls costs fewer than {@link #QUIET} compilations, up to this long. */
    private static final Duration AT_MOST = Duration.ofSeconds(120);

    private static final Duration ROUND = Duration.ofSeconds(5);
    private static final int QUIET = 100;

    private SteadyState() {}

    /** What a warm-up took, for the report. */
    record WarmUp(Duration took, long calls, long lastRoundCompilations) {
        @Override
        public String toString() {
            return String.format(
                    "%,d calls in %d s (%d JIT compilations in the last %d s)",
                    calls, took.toSeconds(), lastRoundCompilations, ROUND.toSeconds());
        }
    }

    /** Work that a warm-up repeats: it runs for about {@code round} and says how many calls it made. */
    interface Load {
        long runFor(Duration round) throws Exception;
    }

    /** Runs {@code call} again and again until the JVMs of {@code pids} compile little more. */
    static WarmUp reach(RoundTrips.Call call, long... pids) throws Exception {
        return reach(
                round -> {
                    long calls = 0;
                    long roundEnd = System.nanoTime() + round.toNanos();
                    while (System.nanoTime() < roundEnd) {
                        call.run();
                        calls++;
                    }
                    return calls;
                },
                pids);
    }

    /** Runs {@code load} round after round until the JVMs of {@code pids} compile little more. */
    static WarmUp reach(Load load, long... pids) throws Exception {
        long started = System.nanoTime();
        long calls = 0;
        long compiled = compilations(pids);
        while (true) {
            long roundCalls = load.runFor(ROUND);
            calls += roundCalls;
            long nowCompiled = compilations(pids);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            long round = nowCompiled - compiled;
            compiled = nowCompiled;
            System.out.printf(
                    "warming up: %,d calls in this round, %d JIT compilations, %d s in%n",
                    roundCalls, round, took.toSeconds());
            if ((took.compareTo(AT_LEAST) >= 0 && round < QUIET) || took.compareTo(AT_MOST) >= 0) {
                return new WarmUp(took, calls, round);
            }
        }
    }

    private static long compilations(long... pids) throws Exception {
        long compiled = 0;
        for (long pid : pids) {
            compiled += Jcmd.compilations(pid);
        }
        return compiled;
    }
}
