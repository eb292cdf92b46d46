package io.helio.bench;

import io.helio.local.LocalStack;
import io.helio.sdk.HelioClient;
import io.helio.sdk.platform.model.DeviceCreate;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A tenant without limits, its model of {@code points} DOUBLE points, a product and its devices d0, d1, ... */
final class Fleet {

    private final BenchTenant tenant;
    private final int points;
    private final List<String> secrets;
    private final List<String> refusals = new ArrayList<>();

    private Fleet(BenchTenant tenant, int points, List<String> secrets) {
        this.tenant = tenant;
        this.points = points;
        this.secrets = secrets;
    }

    static Fleet create(LocalStack stack, int points, int count) throws Exception {
        BenchTenant tenant = BenchTenant.create(stack, "bench", points);
        HelioClient app = tenant.app();
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            secrets.add(app.devices()
                    .createDevice(
                            tenant.productKey(),
                            new DeviceCreate().name("d" + i).deviceKey("d" + i))
                    .getDeviceSecret());
        }
        return new Fleet(tenant, points, secrets);
    }

    BenchTenant tenant() {
        return tenant;
    }

    String secret(int device) {
        return secrets.get(device);
    }

    /** Why each refused connection failed: the broker's CONNACK code, a disconnect, or no answer in time. */
    List<String> refusals() {
        return refusals;
    }

    /** Connects devices d{from}..d{to-1}, a hundred at a time; those refused are counted, not connected. */
    List<SimulatedDevice> connect(EventLoopGroup loops, URI mqtt, int from, int to, Recorder recorder)
            throws InterruptedException {
        List<SimulatedDevice> connected = new ArrayList<>();
        for (int start = from; start < to; start += 100) {
            List<CompletableFuture<SimulatedDevice>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(to, start + 100); i++) {
                batch.add(new SimulatedDevice(tenant.productKey(), "d" + i, secrets.get(i), points, recorder)
                        .connect(loops, mqtt.getHost(), mqtt.getPort()));
            }
            for (CompletableFuture<SimulatedDevice> device : batch) {
                try {
                    connected.add(device.get(30, TimeUnit.SECONDS));
                } catch (ExecutionException refused) {
                    refusals.add(refused.getCause().getMessage());
                } catch (TimeoutException notAnswered) {
                    refusals.add("no CONNACK and SUBACK within 30 s");
                }
            }
        }
        return connected;
    }
}
