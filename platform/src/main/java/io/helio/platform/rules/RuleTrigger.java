package io.helio.platform.rules;

import io.helio.platform.timeseries.Aggregation;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What makes a rule's condition hold for a device. */
sealed interface RuleTrigger {

    /** The name it is stored under. */
    String kind();

    /** A CEL expression over the device's latest values, judged on each new value. */
    record Expression(String expression) implements RuleTrigger {
        @Override
        public String kind() {
            return "EXPRESSION";
        }
    }

    /** One point's values over a window, aggregated and compared with a threshold. */
    record Window(
            WindowType type,
            int minutes,
            String point,
            Aggregation function,
            Comparison operator,
            double threshold,
            @Nullable String derivedPoint)
            implements RuleTrigger {
        @Override
        public String kind() {
            return "WINDOW";
        }

        /** The name of the aggregate in an alert's values: {@code avg_temp}. */
        String aggregateName() {
            return function.name().toLowerCase(Locale.ROOT) + "_" + point;
        }
    }

    enum WindowType {
        TUMBLING,
        SLIDING
    }

    /** Holds while the device has posted no new values for {@code minutes}. */
    record NoData(int minutes) implements RuleTrigger {
        @Override
        public String kind() {
            return "NO_DATA";
        }
    }

    /** Holds while the device has been offline for {@code minutes}. */
    record Offline(int minutes) implements RuleTrigger {
        @Override
        public String kind() {
            return "OFFLINE";
        }
    }

    /** Fires on each event of the type; its alert ends when a user closes it. */
    record Event(String eventId) implements RuleTrigger {
        @Override
        public String kind() {
            return "EVENT";
        }
    }
}
