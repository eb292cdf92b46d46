package io.helio.platform.connect;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which command topics ({@code thing/service/{service}} under a device's {@code /sys/{pk}/{dk}/})
 * an MQTT topic filter of the device subscribes to, with MQTT's wildcards ({@code +} one level,
 * {@code #} the rest): the commands waiting for the device go as soon as it hears their topics,
 * and not before (a command published before its topic is subscribed to is lost).
 */
final class CommandTopicFilter {

    private static final String COMMANDS = "thing/service/";

    private CommandTopicFilter() {}

    /**
     * What services the filter (its part after {@code /sys/{pk}/{dk}/}) covers, as paths such as
     * {@code flush} or {@code measurepoint/set}; empty when it covers no command topic.
     */
    static Optional<Predicate<String>> services(String filter) {
        String[] levels = filter.split("/", -1);
        if (!coversSomeCommand(levels)) {
            return Optional.empty();
        }
        return Optional.of(service -> matches(levels, (COMMANDS + service).split("/", -1)));
    }

    /** Whether some {@code thing/service/...} topic, of one or more levels after it, matches. */
    private static boolean coversSomeCommand(String[] filter) {
        String[] prefix = {"thing", "service"};
        for (int level = 0; level < prefix.length; level++) {
            if (level >= filter.length) {
                return false;
            }
            if (filter[level].equals("#")) {
                return true;
            }
            if (!filter[level].equals("+") && !filter[level].equals(prefix[level])) {
                return false;
            }
        }
        return filter.length > prefix.length;
    }

    /** MQTT's rule for a filter and a topic, level by level. */
    private static boolean matches(String[] filter, String[] topic) {
        for (int level = 0; level < filter.length; level++) {
            if (filter[level].equals("#")) {
                return true;
            }
            if (level >= topic.length) {
                return false;
            }
            if (!filter[level].equals("+") && !filter[level].equals(topic[level])) {
                return false;
            }
        }
        return filter.length == topic.length;
    }
}
