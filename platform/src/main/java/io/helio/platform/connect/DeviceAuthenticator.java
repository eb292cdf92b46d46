package io.helio.platform.connect;

import io.helio.platform.model.DeviceCredentials;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductCredentials;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.certificate.ClientCertificates;
import io.helio.platform.model.certificate.PresentedCertificates;
import io.helio.platform.tenancy.TenantState;
import io.helio.platform.tenancy.TenantStatuses;
import io.helio.protocol.MqttLogin;
import io.moquette.broker.security.IAuthenticator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Authenticates a device at CONNECT the EnOS way: secure mode 2 signs with the device secret; secure
 * mode 3 (dynamic activation) signs with the product secret, only for a product that allows it and a
 * device that has never connected, which then receives its own secret. Moquette asks synchronously
 * on its connection threads, so lookups wait there, bounded by a timeout, served from the device
 * directory's cache when they can be.
 */
final class DeviceAuthenticator implements IAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(DeviceAuthenticator.class);

    private final DeviceDirectory directory;
    private final TenantStatuses tenants;
    private final PendingActivations activations;
    private final PresentedCertificates<MqttConnectPeek.ConnectCredentials> certificates;
    private final ConnectedDevices connected;
    private final Duration lookupTimeout;

    DeviceAuthenticator(
            DeviceDirectory directory,
            TenantStatuses tenants,
            PendingActivations activations,
            PresentedCertificates<MqttConnectPeek.ConnectCredentials> certificates,
            ConnectedDevices connected,
            Duration lookupTimeout) {
        this.directory = directory;
        this.tenants = tenants;
        this.activations = activations;
        this.certificates = certificates;
        this.connected = connected;
        this.lookupTimeout = lookupTimeout;
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        X509Certificate certificate =
                certificates.take(MqttConnectPeek.ConnectCredentials.of(clientId, username, password));
        Optional<ConnectRequest> parsed =
                ConnectRequest.parse(clientId == null ? "" : clientId, username == null ? "" : username, password);
        if (parsed.isEmpty()) {
            log.info("refused CONNECT of client '{}': credentials are not in the EnOS form", clientId);
            return false;
        }
        ConnectRequest request = parsed.get();
        DeviceCredentials device = lookup(
                directory.credentials(
                        request.address().product(), request.address().device()),
                request);
        // before the rest: a dynamic activation's claim, once made, is spent
        String refusal = device == null ? null : ClientCertificates.refusal(device, certificate);
        if (refusal == null) {
            refusal = switch (request.secureMode()) {
                case MqttLogin.STATIC_ACTIVATION -> staticRefusal(request, device);
                case MqttLogin.DYNAMIC_ACTIVATION -> dynamicRefusal(request, device);
                default -> "secure mode " + request.secureMode() + " is not supported";
            };
        }
        if (refusal != null) {
            log.info("refused CONNECT of {}: {}", request.address(), refusal);
            return false;
        }
        if (request.secureMode() == MqttLogin.DYNAMIC_ACTIVATION) {
            activations.expect(clientId, request.address());
        }
        return true;
    }

    private static ProductKey product(ConnectRequest request) {
        return request.address().product();
    }

    private static DeviceKey device(ConnectRequest request) {
        return request.address().device();
    }

    private @Nullable String staticRefusal(ConnectRequest request, @Nullable DeviceCredentials device) {
        if (device == null || !DeviceSignature.verify(request, device.secret())) {
            return "unknown device or wrong signature";
        }
        if (!device.mayConnect()) {
            return "the device is disabled";
        }
        return tenantRefusal(request, device);
    }

    /** A tenant that cannot be read in time does not keep its devices out (tenant-admin may be down). */
    private @Nullable String tenantRefusal(ConnectRequest request, DeviceCredentials device) {
        TenantState tenant = lookup(tenants.state(device.tenant()), request);
        if (tenant == null) {
            return null;
        }
        if (tenant.refused()) {
            return "its tenant is suspended or deleted";
        }
        if (!connected.admits(device.tenant(), request.address(), tenant.maxConnectedDevices())) {
            return "its tenant's quota of " + tenant.maxConnectedDevices() + " connected devices is reached";
        }
        return null;
    }

    private @Nullable String dynamicRefusal(ConnectRequest request, @Nullable DeviceCredentials device) {
        ProductCredentials product =
                lookup(directory.productCredentials(request.address().product()), request);
        if (product == null || device == null || !DeviceSignature.verify(request, product.secret())) {
            return "unknown device or wrong signature";
        }
        if (!product.dynamicActivation()) {
            return "product " + product.product() + " does not allow dynamic activation";
        }
        String tenantRefusal = tenantRefusal(request, device);
        if (tenantRefusal != null) {
            return tenantRefusal;
        }
        // the claim, not the (possibly cached) status, decides: it is atomic, so a device activates once
        if (!Boolean.TRUE.equals(lookup(directory.claimActivation(product(request), device(request)), request))) {
            return "the device is already activated; sign with its own secret (secure mode 2)";
        }
        return null;
    }

    private <T> @Nullable T lookup(Mono<T> lookup, ConnectRequest request) {
        try {
            return lookup.block(lookupTimeout);
        } catch (RuntimeException e) {
            log.warn("credentials lookup for {} failed", request.address(), e);
            return null;
        }
    }
}
