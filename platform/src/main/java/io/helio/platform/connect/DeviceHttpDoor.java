package io.helio.platform.connect;

import io.helio.errors.ApiException;
import io.helio.platform.api.DeviceDoorApi;
import io.helio.platform.api.model.DeviceLogin;
import io.helio.platform.api.model.DeviceSession;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DeviceCredentials;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.certificate.ClientCertificates;
import io.helio.platform.tenancy.TenantStatuses;
import io.helio.protocol.SignMethod;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP door for devices that cannot keep an MQTT session: a device logs in with the signature it
 * would send at CONNECT and gets a session; then it posts device-protocol requests, naming the topic,
 * and gets the reply it would have got on MQTT — the same checks, quotas and durable storage.
 */
@RestController
class DeviceHttpDoor implements DeviceDoorApi {

    private final DeviceDirectory directory;
    private final TenantStatuses tenants;
    private final DeviceRequestDispatcher dispatcher;
    private final DeviceHttpSessions sessions;
    private final JsonMapper json;
    private final Clock clock;

    DeviceHttpDoor(
            DeviceDirectory directory,
            TenantStatuses tenants,
            DeviceRequestDispatcher dispatcher,
            DeviceHttpSessions sessions,
            JsonMapper json,
            Clock clock) {
        this.directory = directory;
        this.tenants = tenants;
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Mono<ResponseEntity<DeviceSession>> loginDevice(Mono<DeviceLogin> login, ServerWebExchange exchange) {
        return login.flatMap(credentials -> {
            DeviceAddress device = address(credentials.getProductKey(), credentials.getDeviceKey());
            SignMethod method = SignMethod.parse(credentials.getSignMethod().getValue())
                    .orElseThrow(() -> refused("unknown sign method"));
            return DeviceSignature.signedIn(
                            directory,
                            method,
                            credentials.getClientId(),
                            device,
                            credentials.getTimestamp(),
                            credentials.getSign())
                    .switchIfEmpty(Mono.error(() -> refused("unknown or disabled device, or a wrong signature")))
                    .flatMap(known -> {
                        // the HTTP door sees no client certificate: a device that must present one is refused
                        String refusal = ClientCertificates.refusal(known, null);
                        return refusal == null ? Mono.just(known) : Mono.error(refused(refusal));
                    })
                    .flatMap(known -> tenants.isRefused(known.tenant())
                            .flatMap(refused -> refused
                                    ? Mono.error(refused("the device's tenant is suspended or deleted"))
                                    : sessions.open(known.tenant(), device)))
                    .map(sessionId -> ResponseEntity.ok(new DeviceSession(
                            sessionId, (int) sessions.lifetime().toSeconds())));
        });
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.DeviceReply>> postDeviceMessage(
            String topic, String sessionId, Mono<Map<String, Object>> body, ServerWebExchange exchange) {
        return sessions.find(sessionId)
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        PlatformError.DEVICE_SESSION_UNKNOWN, "no device session '" + sessionId + "' (or it expired)")))
                .flatMap(device -> post(topic, sessionId, device, body));
    }

    private Mono<ResponseEntity<io.helio.platform.api.model.DeviceReply>> post(
            String topic, String sessionId, DeviceAddress device, Mono<Map<String, Object>> body) {
        if (!device.owns(topic)) {
            return Mono.error(new ApiException(
                    PlatformError.NOT_THE_DEVICES_TOPIC,
                    "'" + topic + "' is not a topic of " + device.product() + "/" + device.device()));
        }
        return stillAdmitted(sessionId, device)
                .then(body)
                .flatMap(request -> dispatcher.request(
                        "http:" + sessionId, topic, json.writeValueAsBytes(request), clock.instant()))
                .map(reply -> ResponseEntity.ok(new io.helio.platform.api.model.DeviceReply(
                                reply.id(), reply.code().code(), reply.message())
                        .data(reply.data() == null ? null : json.convertValue(reply.data(), Map.class))));
    }

    /**
     * A session ends as an MQTT session would: when its device is disabled or deleted, or its tenant
     * suspended or deleted (checked on each message, from the same caches as the broker's).
     */
    private Mono<Void> stillAdmitted(String sessionId, DeviceAddress device) {
        return directory
                .credentials(device.product(), device.device())
                .filter(DeviceCredentials::mayConnect)
                .flatMap(known -> tenants.isRefused(known.tenant()))
                .filter(refused -> !refused)
                .switchIfEmpty(Mono.defer(() -> sessions.end(sessionId))
                        .then(Mono.error(() -> new ApiException(
                                PlatformError.DEVICE_SESSION_UNKNOWN,
                                "the session ended: the device is disabled or gone, or its tenant is suspended"))))
                .then();
    }

    private static DeviceAddress address(String productKey, String deviceKey) {
        try {
            return new DeviceAddress(ProductKey.of(productKey), DeviceKey.of(deviceKey));
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
    }

    private static ApiException refused(String why) {
        return new ApiException(PlatformError.DEVICE_LOGIN_FAILED, "the device cannot log in: " + why);
    }
}
