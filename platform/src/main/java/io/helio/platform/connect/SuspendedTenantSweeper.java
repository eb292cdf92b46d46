package io.helio.platform.connect;

import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.tenancy.TenantStatuses;
import io.moquette.broker.Server;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** Every {@code interval}, disconnects the devices on this node whose tenant has been suspended. */
class SuspendedTenantSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SuspendedTenantSweeper.class);

    private final ConnectedDevices connected;
    private final DeviceDirectory directory;
    private final TenantStatuses tenants;
    private final Server broker;
    private final Duration interval;
    private @Nullable Disposable sweeping;

    SuspendedTenantSweeper(
            ConnectedDevices connected,
            DeviceDirectory directory,
            TenantStatuses tenants,
            Server broker,
            Duration interval) {
        this.connected = connected;
        this.directory = directory;
        this.tenants = tenants;
        this.broker = broker;
        this.interval = interval;
    }

    @Override
    public void start() {
        sweeping = Flux.interval(interval)
                .concatMap(tick -> Flux.fromIterable(connected.devices())
                        .concatMap(device -> directory
                                .credentials(device.product(), device.device())
                                .filterWhen(credentials -> tenants.isRefused(credentials.tenant()))
                                .doOnNext(credentials -> {
                                    log.info(
                                            "disconnecting {}: its tenant {} is suspended or deleted",
                                            device,
                                            credentials.tenant());
                                    connected.clientIds(device).forEach(broker::disconnectClient);
                                }))
                        .onErrorResume(failure -> {
                            log.warn("sweep for suspended tenants failed", failure);
                            return Flux.empty();
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        if (sweeping != null) {
            sweeping.dispose();
            sweeping = null;
        }
    }

    @Override
    public boolean isRunning() {
        return sweeping != null && !sweeping.isDisposed();
    }
}
