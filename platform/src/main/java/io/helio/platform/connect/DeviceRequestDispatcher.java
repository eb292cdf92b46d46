package io.helio.platform.connect;

import io.helio.platform.ingest.InvalidPayloadException;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.tenancy.DeviceRateExceededException;
import io.helio.platform.tenancy.DeviceRateLimits;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.WriterBusyException;
import io.helio.platform.timeseries.WriterUnavailableException;
import io.helio.platform.usage.UsageMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes a device's request, checks it against its topic, hands it to the handler that serves its
 * method, and answers on the reply topic with what the handler returns. At most {@code maxInflight} requests are in progress;
 * beyond that the device is told to retry (429) instead of being queued without bound.
 */
class DeviceRequestDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeviceRequestDispatcher.class);

    private final DeviceDirectory directory;
    private final Map<String, DeviceRequestHandler> handlers = new HashMap<>();
    /** Every handler, for methods with an identifier inside that no map key names. */
    private final List<DeviceRequestHandler> allHandlers;

    private final DevicePublisher replies;
    private final UsageMeter usage;
    private final DeviceRateLimits rateLimits;
    private final JsonMapper json;
    private final int maxPayloadBytes;
    private final Semaphore inflight;
    private final DeviceLanes lanes;
    private final Map<ReplyCode, Counter> replyCounters = new EnumMap<>(ReplyCode.class);
    private final Timer mqttRequests;

    DeviceRequestDispatcher(
            DeviceDirectory directory,
            List<DeviceRequestHandler> handlers,
            DevicePublisher replies,
            DeviceRateLimits rateLimits,
            UsageMeter usage,
            JsonMapper json,
            ConnectProperties properties,
            DeviceLanes lanes,
            MeterRegistry registry) {
        this.directory = directory;
        this.usage = usage;
        this.rateLimits = rateLimits;
        handlers.forEach(handler -> handler.methods().forEach(method -> this.handlers.put(method, handler)));
        this.allHandlers = List.copyOf(handlers);
        this.replies = replies;
        this.json = json;
        this.maxPayloadBytes = properties.maxPayloadBytes();
        this.inflight = new Semaphore(properties.maxInflight());
        this.lanes = lanes;
        this.mqttRequests = Timer.builder("helio.device.requests")
                .description("MQTT device requests, from the broker handing one over to its reply being sent")
                .publishPercentileHistogram()
                .register(registry);
        for (ReplyCode code : ReplyCode.values()) {
            replyCounters.put(
                    code,
                    Counter.builder("helio.device.replies")
                            .description("device requests answered, by reply code (200 accepted, others refused)")
                            .tag("code", Integer.toString(code.code()))
                            .register(registry));
        }
    }

    /**
     * Called for every publish the broker accepted (the topic policy already checked it is the
     * device's own), on Moquette's single interceptor thread: the work is handed to the device's lane
     * at once, so that the interceptor never becomes the platform's one serial stage.
     */
    void dispatch(String clientId, String topic, byte[] payload, Instant receivedAt) {
        Optional<DeviceTopics.SysTopic> request = requestTopic(topic);
        if (request.isEmpty()) {
            return; // a device's own replies (to commands) are not requests
        }
        long handedOver = System.nanoTime();
        serve(clientId, request.get(), payload, receivedAt)
                .subscribe(
                        reply -> {
                            replies.reply(topic, reply);
                            mqttRequests.record(System.nanoTime() - handedOver, TimeUnit.NANOSECONDS);
                        },
                        failure -> log.error("no reply sent on {}", topic, failure));
    }

    /** Serves a request that came over HTTP: its reply. */
    Mono<DeviceReply> request(String clientId, String topic, byte[] payload, Instant receivedAt) {
        return requestTopic(topic)
                .map(request -> serve(clientId, request, payload, receivedAt))
                .orElseGet(() -> Mono.just(
                        DeviceReply.of("", ReplyCode.METHOD_MISMATCH, "'" + topic + "' is no request topic")));
    }

    private static Optional<DeviceTopics.SysTopic> requestTopic(String topic) {
        return DeviceTopics.parse(topic).filter(sys -> !sys.isReply());
    }

    /** Serves a request and counts its answer by reply code ({@code helio.device.replies}). */
    private Mono<DeviceReply> serve(String clientId, DeviceTopics.SysTopic topic, byte[] payload, Instant receivedAt) {
        return serveWithinLimit(clientId, topic, payload, receivedAt)
                .doOnNext(reply -> replyCounters.get(reply.code()).increment());
    }

    /** Within the in-flight limit, on the session's lane. */
    private Mono<DeviceReply> serveWithinLimit(
            String clientId, DeviceTopics.SysTopic topic, byte[] payload, Instant receivedAt) {
        if (!inflight.tryAcquire()) {
            return Mono.just(DeviceReply.of("", ReplyCode.RATE_LIMITED, "the platform is busy; retry later"));
        }
        return Mono.defer(() -> handle(clientId, topic, payload, receivedAt))
                .subscribeOn(lanes.of(clientId))
                .doFinally(signal -> inflight.release());
    }

    private Mono<DeviceReply> handle(String clientId, DeviceTopics.SysTopic topic, byte[] payload, Instant receivedAt) {
        if (payload.length == 0) {
            return Mono.just(DeviceReply.of("", ReplyCode.EMPTY_PAYLOAD, "the payload is empty"));
        }
        if (payload.length > maxPayloadBytes) {
            return Mono.just(DeviceReply.of(
                    "", ReplyCode.MESSAGE_TOO_LARGE, "the payload exceeds " + maxPayloadBytes + " bytes"));
        }
        JsonNode request;
        try {
            request = json.readTree(payload);
        } catch (JacksonException e) {
            return Mono.just(DeviceReply.of("", ReplyCode.MALFORMED_JSON, "the payload is not valid JSON"));
        }
        if (!request.isObject()) {
            return Mono.just(DeviceReply.of("", ReplyCode.MALFORMED_JSON, "the payload must be a JSON object"));
        }
        String id = requestId(request);
        String method = request.path("method").asString("");
        if (!method.equals(topic.expectedMethod())) {
            return Mono.just(DeviceReply.of(
                    id,
                    ReplyCode.METHOD_MISMATCH,
                    "method '" + method + "' does not match topic method '" + topic.expectedMethod() + "'"));
        }
        DeviceRequestHandler handler = handlerOf(method);
        if (handler == null) {
            return Mono.just(DeviceReply.of(id, ReplyCode.METHOD_MISMATCH, "method '" + method + "' is not served"));
        }
        return directory
                .credentials(topic.product(), topic.device())
                .switchIfEmpty(Mono.error(() -> new DeviceGone(topic)))
                .flatMap(device -> answer(
                        new DeviceRequest(
                                clientId, topic, id, method, request.path("params"), request, device, receivedAt),
                        handler))
                .onErrorResume(
                        DeviceGone.class,
                        e -> Mono.just(DeviceReply.of(id, ReplyCode.DEVICE_NOT_FOUND, e.getMessage())))
                .onErrorResume(e -> notServed(id, method, topic, null, e));
    }

    /** A known device's request, within its tenant's message rate: the handler's answer, or why there is none. */
    private Mono<DeviceReply> answer(DeviceRequest request, DeviceRequestHandler handler) {
        TenantId tenant = request.device().tenant();
        String id = request.id();
        return rateLimits
                .admitMessage(tenant)
                .doOnSuccess(admitted -> usage.message(tenant))
                .then(Mono.defer(() -> handler.handle(request)))
                .map(data -> DeviceReply.success(id, data))
                .onErrorResume(
                        InvalidPayloadException.class,
                        e -> Mono.just(DeviceReply.of(id, ReplyCode.INVALID_PAYLOAD, e.getMessage())))
                .onErrorResume(
                        DeviceRateExceededException.class,
                        e -> Mono.just(DeviceReply.of(id, ReplyCode.RATE_LIMITED, e.getMessage())))
                .onErrorResume(
                        WriterBusyException.class,
                        e -> Mono.just(DeviceReply.of(id, ReplyCode.RATE_LIMITED, e.getMessage())))
                .onErrorResume(
                        WriterUnavailableException.class,
                        e -> Mono.just(DeviceReply.of(id, ReplyCode.NOT_ACCEPTED, e.getMessage())))
                .onErrorResume(e -> notServed(id, request.method(), request.topic(), tenant, e));
    }

    /** A failure of the platform's own: logged with the device (and its tenant, once known), answered 500. */
    private static Mono<DeviceReply> notServed(
            String id, String method, DeviceTopics.SysTopic topic, @Nullable TenantId tenant, Throwable e) {
        LoggingEventBuilder event = log.atWarn()
                .addKeyValue("productKey", topic.product().value())
                .addKeyValue("deviceKey", topic.device().value());
        if (tenant != null) {
            event = event.addKeyValue("tenant", tenant.value());
        }
        event.setCause(e)
                .log("could not serve {} from {}/{} (tenant {})", method, topic.product(), topic.device(), tenant);
        return Mono.just(DeviceReply.of(id, ReplyCode.NOT_ACCEPTED, "the request could not be served; retry"));
    }

    /** The handler named for the method; only when none is, the one that serves it by pattern. */
    private @Nullable DeviceRequestHandler handlerOf(String method) {
        DeviceRequestHandler named = handlers.get(method);
        if (named != null) {
            return named;
        }
        return allHandlers.stream()
                .filter(candidate -> candidate.serves(method))
                .findFirst()
                .orElse(null);
    }

    private static String requestId(JsonNode request) {
        JsonNode id = request.path("id");
        return id.isString() || id.isNumber() ? id.asString() : "";
    }

    /** The device no longer exists. */
    private static final class DeviceGone extends RuntimeException {
        DeviceGone(DeviceTopics.SysTopic topic) {
            super("device " + topic.product() + "/" + topic.device() + " does not exist");
        }
    }
}
