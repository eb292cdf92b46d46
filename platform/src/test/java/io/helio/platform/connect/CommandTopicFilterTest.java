package io.helio.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** A device's subscription lets the commands go whose topics it covers, and only those. */
class CommandTopicFilterTest {

    @Test
    void filtersThatCoverEveryCommandTopic() {
        for (String filter : new String[] {"#", "thing/#", "thing/service/#", "+/service/#", "thing/+/#"}) {
            Predicate<String> services = CommandTopicFilter.services(filter).orElseThrow();
            assertThat(services.test("flush")).as(filter).isTrue();
            assertThat(services.test("measurepoint/set")).as(filter).isTrue();
        }
    }

    @Test
    void filtersThatCoverSomeCommandTopics() {
        Predicate<String> one =
                CommandTopicFilter.services("thing/service/flush").orElseThrow();
        assertThat(one.test("flush")).isTrue();
        assertThat(one.test("drain")).isFalse();
        assertThat(one.test("measurepoint/set")).isFalse();

        Predicate<String> points =
                CommandTopicFilter.services("thing/service/measurepoint/+").orElseThrow();
        assertThat(points.test("measurepoint/set")).isTrue();
        assertThat(points.test("measurepoint/get")).isTrue();
        assertThat(points.test("flush")).isFalse();

        Predicate<String> services =
                CommandTopicFilter.services("thing/service/+").orElseThrow();
        assertThat(services.test("flush")).isTrue();
        assertThat(services.test("measurepoint/set")).isFalse();
    }

    @Test
    void filtersThatCoverNoCommandTopic() {
        for (String filter : new String[] {
            "thing/measurepoint/post_reply", "thing/service", "thing/event/+/post_reply", "+/measurepoint/#"
        }) {
            assertThat(CommandTopicFilter.services(filter)).as(filter).isEmpty();
        }
    }
}
