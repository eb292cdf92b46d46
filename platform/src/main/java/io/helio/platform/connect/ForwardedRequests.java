package io.helio.platform.connect;

import io.helio.platform.model.DeviceRef;
import java.time.Clock;
import java.util.Optional;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Device requests that reach the platform through an intermediary that vouches for the device (an
 * edge bridge for its gateway and sub-devices) instead of the device's own session: served as the
 * device's own publish on {@code topic} would be, answered with the device protocol's reply.
 */
public class ForwardedRequests {

    private final DeviceRequestDispatcher dispatcher;
    private final JsonMapper json;
    private final Clock clock;

    ForwardedRequests(DeviceRequestDispatcher dispatcher, JsonMapper json, Clock clock) {
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    /** The device whose own {@code /sys/{productKey}/{deviceKey}/...} topic this is. */
    public Optional<DeviceRef> deviceOfSysTopic(String topic) {
        return topic.startsWith("/sys/")
                ? DeviceTopics.parse(topic).map(own -> new DeviceRef(own.product(), own.device()))
                : Optional.empty();
    }

    /** The reply ({@code {"id","code","message","data"}}); {@code via} names the intermediary's session. */
    public Mono<JsonNode> serve(String via, String topic, JsonNode request) {
        return dispatcher
                .request(via, topic, json.writeValueAsBytes(request), clock.instant())
                .map(reply -> {
                    ObjectNode answer = json.createObjectNode()
                            .put("id", reply.id())
                            .put("code", reply.code().code())
                            .put("message", reply.message());
                    if (reply.data() != null) {
                        answer.set("data", reply.data());
                    }
                    return answer;
                });
    }
}
