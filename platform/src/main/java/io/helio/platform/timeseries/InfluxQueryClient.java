package io.helio.platform.timeseries;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.tenancy.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends InfluxQL to one tenant's database over the 1.x HTTP API. Values travel only as bound
 * parameters ({@code $name}); InfluxDB's own errors become 503 problems that say what it answered.
 */
public class InfluxQueryClient {

    /** The most an answer read whole, or a chunk of one, may hold: a page has up to 640,000 values. */
    static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

    private static final String WHOLE = "/query?db={db}&epoch=ms&q={q}&params={params}";
    private static final String IN_CHUNKS = WHOLE + "&chunked=true&chunk_size={chunkRows}";

    /** influxd's start time, in the {@code system} section that opens its {@code /debug/vars}. */
    private static final Pattern STARTED =
            Pattern.compile("^\\{\\s*\"system\":\\s*\\{[^}]*\"started\":\\s*\"([^\"]+)\"");

    private static final int START_WITHIN_BYTES = 16 * 1024;

    private final WebClient influx;
    private final JsonMapper json;
    private final Duration timeout;
    private final Timer answers;

    /**
     * Registers {@code helio.influx.queries}: a query's answer, from sent to InfluxDB to received
     * whole (an answer read in chunks: to its last chunk received and read; streamed answers are not
     * timed: they wait for their consumer).
     */
    public InfluxQueryClient(WebClient influx, JsonMapper json, Duration timeout, MeterRegistry registry) {
        this.influx = influx;
        this.json = json;
        this.timeout = timeout;
        this.answers = Timer.builder("helio.influx.queries")
                .description("queries' answers from InfluxDB, from sent to received whole")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** The result of the (single) statement. */
    Mono<JsonNode> query(TenantId tenant, String statement, Map<String, Object> parameters) {
        return queryAll(tenant, statement, parameters).map(results -> results.path(0));
    }

    /** The results of several statements separated by {@code ;}, in order, read as one tree. */
    Mono<JsonNode> queryAll(TenantId tenant, String statements, Map<String, Object> parameters) {
        return Mono.defer(() -> {
                    long sent = System.nanoTime();
                    return request(tenant, statements, parameters, 0)
                            .bodyToMono(DataBuffer.class)
                            .doOnNext(body -> answers.record(System.nanoTime() - sent, TimeUnit.NANOSECONDS));
                })
                .timeout(timeout)
                .map(body -> {
                    // read from the buffers it arrived in, not copied into one array (humongous for G1 once 512 KB)
                    try (JsonParser answer = json.createParser(body.asInputStream(true))) {
                        return results(json.readTree(answer));
                    }
                })
                .onErrorMap(this::unavailable);
    }

    /**
     * The rows of the answer, read chunk by chunk as InfluxDB sends them (see {@link #readChunks}) and
     * whole within the timeout.
     */
    <T> Mono<List<T>> readRows(
            TenantId tenant, String statement, Map<String, Object> parameters, StreamedAnswer<T> answer) {
        return Mono.defer(() -> {
                    long sent = System.nanoTime();
                    return readChunks(tenant, statement, parameters, answer)
                            .doOnComplete(() -> answers.record(System.nanoTime() - sent, TimeUnit.NANOSECONDS))
                            .<List<T>>collect(ArrayList::new, List::addAll);
                })
                .timeout(timeout)
                .onErrorMap(this::unavailable);
    }

    /**
     * The rows of the answer chunk by chunk, in the chunks {@code answer} asks for, each read by it
     * (it fails on the errors InfluxDB puts in a chunk, see {@link #failed}). InfluxDB writes the next
     * chunk only as the connection drains, so a slow consumer holds back the query instead of filling
     * memory.
     */
    <T> Flux<List<T>> readChunks(
            TenantId tenant, String statement, Map<String, Object> parameters, StreamedAnswer<T> answer) {
        return AnswerChunks.of(
                        request(tenant, statement, parameters, answer.chunkRows())
                                .bodyToFlux(DataBuffer.class),
                        MAX_ANSWER_BYTES)
                .map(chunk -> {
                    try (JsonParser parser = json.createParser(chunk.asInputStream(true))) {
                        return answer.rows(parser);
                    }
                })
                // only the first chunk is timed here: later ones wait for the consumer, however slow
                .timeout(Mono.delay(timeout), chunk -> Mono.never())
                .onErrorMap(this::unavailable);
    }

    /**
     * Runs statements that write ({@code SELECT ... INTO}), which InfluxDB takes only by POST, with
     * their bound parameters, within {@code timeout}; fails if any of them fails.
     */
    Mono<Void> execute(TenantId tenant, String statements, Map<String, Object> parameters, Duration timeout) {
        return influx.post()
                .uri("/query?db={db}", tenant.timeSeriesDatabase())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("q", statements).with("params", json.writeValueAsString(parameters)))
                .retrieve()
                .bodyToMono(byte[].class)
                .timeout(timeout)
                .map(body -> results(json.readTree(body)))
                .onErrorMap(this::unavailable)
                .then();
    }

    /** The tenants that have a database in influxd. */
    Mono<List<TenantId>> tenants() {
        return influx.get()
                .uri("/query?q={q}", "SHOW DATABASES")
                .retrieve()
                .bodyToMono(byte[].class)
                .timeout(timeout)
                .map(body -> {
                    List<TenantId> tenants = new ArrayList<>();
                    for (JsonNode database : results(json.readTree(body))
                            .path(0)
                            .path("series")
                            .path(0)
                            .path("values")) {
                        TenantId.ofTimeSeriesDatabase(database.path(0).asString())
                                .ifPresent(tenants::add);
                    }
                    return tenants;
                })
                .onErrorMap(this::unavailable);
    }

    /**
     * When influxd started, from its {@code /debug/vars}: a new start time tells that it restarted.
     * Empty when it does not answer or does not say (InfluxDB 2 and 3 serve no such page). influxd
     * writes its {@code system} section first and then a section per shard, megabytes with a few
     * thousand shards, so only the page's start is read and the rest is left unread.
     */
    Mono<Instant> startedAt() {
        return influx.get()
                .uri("/debug/vars")
                .retrieve()
                .bodyToFlux(DataBuffer.class)
                .scanWith(StringBuilder::new, InfluxQueryClient::append)
                .takeUntil(read -> read.length() >= START_WITHIN_BYTES
                        || STARTED.matcher(read).find())
                .last(new StringBuilder())
                .timeout(timeout)
                .flatMap(read -> {
                    Matcher started = STARTED.matcher(read);
                    return started.find() ? Mono.just(Instant.parse(started.group(1))) : Mono.<Instant>empty();
                })
                .onErrorResume(unanswered -> Mono.empty());
    }

    /** Bytes as characters one for one: the start time is ASCII, and a character split between buffers stays whole. */
    private static StringBuilder append(StringBuilder read, DataBuffer buffer) {
        read.append(buffer.toString(StandardCharsets.ISO_8859_1));
        DataBufferUtils.release(buffer);
        return read;
    }

    /** Asks for the answer in chunks of {@code chunkRows} rows, or whole when that is 0. */
    private WebClient.ResponseSpec request(
            TenantId tenant, String statement, Map<String, Object> parameters, int chunkRows) {
        // a template: the client's metrics (http.client.requests) name the requests by it, apart from others
        return influx.get()
                .uri(
                        chunkRows > 0 ? IN_CHUNKS : WHOLE,
                        Map.of(
                                "db",
                                tenant.timeSeriesDatabase(),
                                "q",
                                statement,
                                "params",
                                json.writeValueAsString(parameters),
                                "chunkRows",
                                chunkRows))
                .retrieve();
    }

    private JsonNode results(JsonNode answer) {
        if (answer.has("error")) {
            throw failed(answer.get("error").asString());
        }
        JsonNode results = answer.path("results");
        for (JsonNode result : results) {
            if (result.has("error")) {
                throw failed(result.get("error").asString());
            }
        }
        return results;
    }

    private Throwable unavailable(Throwable failure) {
        if (failure instanceof WebClientResponseException response) {
            return failed(response.getStatusCode() + " " + response.getResponseBodyAsString());
        }
        if (failure instanceof TimeoutException) {
            return failed("no answer within " + timeout);
        }
        return failure;
    }

    /** What InfluxDB's error in an answer becomes. */
    static ApiException failed(String reason) {
        return new ApiException(PlatformError.TIMESERIES_UNAVAILABLE, "the time-series query failed: " + reason);
    }
}
