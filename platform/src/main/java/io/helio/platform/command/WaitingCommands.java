package io.helio.platform.command;

import io.helio.platform.cluster.PostgresNotifications;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Commands recorded PENDING by a node that does not reach their device: it says so to every node,
 * and the node that holds the device's MQTT session or its edge's connection claims and sends them
 * (as when a device connects). Commands for a device connected to no node wait for it to connect. A
 * node that (re)starts listening sends what waits for the devices it reaches, as it may have missed
 * their announcements.
 */
class WaitingCommands extends PostgresNotifications {

    static final String CHANNEL = "helio_command_waiting";

    private final DatabaseClient db;

    WaitingCommands(ConnectionFactory connections, DatabaseClient db, CommandDispatch dispatch) {
        // what was said while this node was not listening: it looks for the waiting commands itself
        super(CHANNEL, connections, device -> heard(device, dispatch), dispatch::sendAllWaiting);
        this.db = db;
    }

    /** Tells every node that the device has commands waiting. */
    Mono<Void> announce(ProductKey product, DeviceKey device) {
        return PostgresNotifications.send(db, CHANNEL, product + "/" + device);
    }

    private static void heard(String device, CommandDispatch dispatch) {
        int slash = device.indexOf('/');
        if (slash <= 0) {
            return;
        }
        ProductKey product;
        DeviceKey key;
        try {
            product = ProductKey.of(device.substring(0, slash));
            key = DeviceKey.of(device.substring(slash + 1));
        } catch (IllegalArgumentException malformed) {
            return;
        }
        if (dispatch.reachable(product, key)) {
            dispatch.sendWaiting(product, key, service -> true);
        }
    }
}
