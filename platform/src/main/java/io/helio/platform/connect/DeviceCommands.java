package io.helio.platform.connect;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a command to a device on its command topic, as EnOS does: a measure-point set or a service
 * invocation. At most once: a device that is not connected (or a gateway that has not logged it in)
 * does not receive it, and its reply is not awaited.
 */
public class DeviceCommands {

    private final DevicePublisher publisher;
    private final JsonMapper json;

    DeviceCommands(DevicePublisher publisher, JsonMapper json) {
        this.publisher = publisher;
        this.json = json;
    }

    /** {@code thing.service.measurepoint.set} with the values to set. */
    public void setMeasurePoints(ProductKey product, DeviceKey device, Map<String, Object> values) {
        invoke(product, device, "measurepoint/set", "thing.service.measurepoint.set", values);
    }

    /** {@code thing.service.{serviceId}} with the service's input parameters. */
    public void invokeService(ProductKey product, DeviceKey device, String serviceId, Map<String, Object> inputs) {
        invoke(product, device, serviceId, "thing.service." + serviceId, inputs);
    }

    private void invoke(
            ProductKey product, DeviceKey device, String topicEnd, String method, Map<String, Object> params) {
        publisher.request(
                "/sys/" + product.value() + "/" + device.value() + "/thing/service/" + topicEnd,
                method,
                json.valueToTree(params));
    }
}
