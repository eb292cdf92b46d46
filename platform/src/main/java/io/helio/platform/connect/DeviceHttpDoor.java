package io.helio.platform.connect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helio.errors.ApiException;
import io.helio.platform.api.DeviceDoorApi;
import io.helio.platform.api.model.DeviceLogin;
import io.helio.platform.api.model.DeviceSession;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DeviceCredentials;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantStatuses;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
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

    private static final Duration SESSION_LIFETIME = Duration.ofMinutes(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DeviceDirectory directory;
    private final TenantStatuses tenants;
    private final DeviceRequestDispatcher dispatcher;
    private final JsonMapper json;
    private final Clock clock;
    private final Cache<String, DeviceAddress> sessions = Caffeine.newBuilder()
            .expireAfterWrite(SESSION_LIFETIME)
            .maximumSize(1_000_000)
            .build();

    DeviceHttpDoor(
            DeviceDirectory directory,
            TenantStatuses tenants,
            DeviceRequestDispatcher dispatcher,
            JsonMapper json,
            Clock clock) {
        this.directory = directory;
        this.tenants = tenants;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Mono<ResponseEntity<DeviceSession>> loginDevice(Mono<DeviceLogin> login, ServerWebExchange exchange) {
        return login.flatMap(credentials -> {
            DeviceAddress device = address(credentials.getProductKey(), credentials.getDeviceKey());
            SignMethod method = SignMethod.parse(credentials.getSignMethod().getValue())
                    .orElseThrow(() -> refused("unknown sign method"));
            return directory
                    .credentials(device.product(), device.device())
                    .filter(known -> known.mayConnect()
                            && DeviceSignature.verify(
                                    method,
                                    credentials.getClientId(),
                                    device,
                                    credentials.getTimestamp(),
                                    credentials.getSign(),
                                    known.secret()))
                    .switchIfEmpty(Mono.error(() -> refused("unknown or disabled device, or a wrong signature")))
                    .flatMap(known -> tenants.isRefused(known.tenant()))
                    .flatMap(refused -> refused
                            ? Mono.error(refused("the device's tenant is suspended or deleted"))
                            : Mono.just(ResponseEntity.ok(
                                    new DeviceSession(open(device), (int) SESSION_LIFETIME.toSeconds()))));
        });
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.DeviceReply>> postDeviceMessage(
            String topic, String sessionId, Mono<Map<String, Object>> body, ServerWebExchange exchange) {
        DeviceAddress device = sessions.getIfPresent(sessionId);
        if (device == null) {
            return Mono.error(new ApiException(
                    PlatformError.DEVICE_SESSION_UNKNOWN, "no device session '" + sessionId + "' (or it expired)"));
        }
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
                .switchIfEmpty(Mono.fromRunnable(() -> sessions.invalidate(sessionId))
                        .then(Mono.error(() -> new ApiException(
                                PlatformError.DEVICE_SESSION_UNKNOWN,
                                "the session ended: the device is disabled or gone, or its tenant is suspended"))))
                .then();
    }

    private String open(DeviceAddress device) {
        byte[] id = new byte[24];
        RANDOM.nextBytes(id);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        sessions.put(sessionId, device);
        return sessionId;
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
