package io.helio.platform.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;

/**
 * A window rule's values for one device, kept as per-second slots (count, sum, min, max, first,
 * last) so a window of any rate costs at most {@code minutes × 60} slots. A tumbling window is judged
 * when it ends, a sliding one on each value; either only once it has been watched for a whole window,
 * so a window that was partly missed (before the rule existed, before a restart) is never judged.
 * Values older than the window being kept are ignored.
 */
final class WindowState {

    /** The window's aggregate at {@code at}, and whether it meets the rule's threshold. */
    record Judgement(Instant at, double aggregate, boolean holds) {}

    private static final class Slot {
        final long second;
        long count;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double first;
        double last;

        Slot(long second) {
            this.second = second;
        }

        void add(double value) {
            if (count == 0) {
                first = value;
            }
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            last = value;
        }
    }

    private final RuleTrigger.Window window;
    private final long length;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private final long watchedFrom;
    private long openBucket;
    private Instant lastArrival;
    private boolean timerRunning;

    WindowState(RuleTrigger.Window window, Instant firstValue, Instant arrivedAt) {
        this.window = window;
        this.length = window.minutes() * 60L;
        this.watchedFrom = firstValue.getEpochSecond();
        this.openBucket = Math.floorDiv(watchedFrom, length);
        this.lastArrival = arrivedAt;
    }

    RuleTrigger.Window window() {
        return window;
    }

    /**
     * Adds a value (of {@code time}, arrived at {@code arrivedAt}); a judgement when it ends a
     * tumbling window or moves a sliding one.
     */
    synchronized Optional<Judgement> add(Instant time, double value, Instant arrivedAt) {
        lastArrival = arrivedAt;
        long second = time.getEpochSecond();
        if (window.type() == RuleTrigger.WindowType.TUMBLING) {
            long bucket = Math.floorDiv(second, length);
            if (bucket < openBucket) {
                return Optional.empty();
            }
            Optional<Judgement> ended = bucket > openBucket ? closeOpenBucket(bucket) : Optional.empty();
            slotOf(second).add(value);
            return ended;
        }
        if (!slots.isEmpty() && second <= slots.getLast().second - length) {
            return Optional.empty();
        }
        slotOf(second).add(value);
        long newest = slots.getLast().second;
        while (slots.getFirst().second <= newest - length) {
            slots.removeFirst();
        }
        return newest - length >= watchedFrom ? judge(Instant.ofEpochSecond(newest)) : Optional.empty();
    }

    /**
     * When the open tumbling window may be ended without a later value: once its time is over and no
     * value has arrived for {@code grace} (values a device sends late, or back-dated, still count).
     */
    synchronized Instant endableAt(Duration grace) {
        Instant end = Instant.ofEpochSecond((openBucket + 1) * length);
        return (end.isAfter(lastArrival) ? end : lastArrival).plus(grace);
    }

    /** Ends the open tumbling window: its judgement, if it was watched whole. */
    synchronized Optional<Judgement> endOpenWindow() {
        return closeOpenBucket(openBucket + 1);
    }

    /** Whether the caller is to run the timer that ends open windows (one runs at a time). */
    synchronized boolean claimTimer() {
        boolean claimed = !timerRunning;
        timerRunning = true;
        return claimed;
    }

    synchronized void releaseTimer() {
        timerRunning = false;
    }

    private Optional<Judgement> closeOpenBucket(long next) {
        long start = openBucket * length;
        Optional<Judgement> judged = start >= watchedFrom && !slots.isEmpty()
                ? judge(Instant.ofEpochSecond(start + length))
                : Optional.empty();
        slots.clear();
        openBucket = next;
        return judged;
    }

    private Slot slotOf(long second) {
        if (slots.isEmpty() || slots.getLast().second < second) {
            slots.addLast(new Slot(second));
            return slots.getLast();
        }
        // a value out of order: its slot, or a new one in its place
        ArrayDeque<Slot> after = new ArrayDeque<>();
        while (!slots.isEmpty() && slots.getLast().second > second) {
            after.addFirst(slots.removeLast());
        }
        if (slots.isEmpty() || slots.getLast().second < second) {
            slots.addLast(new Slot(second));
        }
        Slot slot = slots.getLast();
        slots.addAll(after);
        return slot;
    }

    private Optional<Judgement> judge(Instant at) {
        long count = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Iterator<Slot> each = slots.iterator(); each.hasNext(); ) {
            Slot slot = each.next();
            count += slot.count;
            sum += slot.sum;
            min = Math.min(min, slot.min);
            max = Math.max(max, slot.max);
        }
        if (count == 0) {
            return Optional.empty();
        }
        double aggregate = switch (window.function()) {
            case COUNT -> count;
            case SUM -> sum;
            case AVG -> sum / count;
            case MIN -> min;
            case MAX -> max;
            case FIRST -> slots.getFirst().first;
            case LAST -> slots.getLast().last;
        };
        return Optional.of(new Judgement(at, aggregate, window.operator().holds(aggregate, window.threshold())));
    }
}
