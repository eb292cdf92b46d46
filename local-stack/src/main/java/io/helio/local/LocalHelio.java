package io.helio.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The README's run command: the whole system on this machine, a demo tenant with simulated devices
 * posting data, and what a newcomer needs to try it. Stops everything on Ctrl-C.
 */
public final class LocalHelio {

    private LocalHelio() {}

    public static void main(String[] args) throws Exception {
        Path home =
                Path.of(System.getProperty("helio.home", ".")).toAbsolutePath().normalize();
        Path folder = home.resolve(".local/run");
        Folders.deleteRecursively(folder);
        LocalStack.Ports ports = new LocalStack.Ports(
                port("HELIO_PLATFORM_PORT", 8080),
                port("HELIO_ADMIN_PORT", 8081),
                port("HELIO_MQTT_PORT", 11883),
                port("HELIO_EDGE_PORT", 17000),
                port("HELIO_EDGE_WS_PORT", 17001));

        System.out.println("Starting PostgreSQL, influxd, tenant-admin and platform (data in " + folder + ") ...");
        LocalStack stack = LocalStack.start(home, folder, ports);
        DemoTenant demo = DemoTenant.create(stack, 3);
        DeviceSimulator simulator = DeviceSimulator.start(stack.mqttUrl(), demo);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping Helio ...");
                            simulator.close();
                            stack.close();
                            stopped.countDown();
                        },
                        "helio-stop"));
        System.out.println(Banner.text(stack, demo));
        stopped.await();
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }
}
