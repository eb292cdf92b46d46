package io.helio.bench;

import io.helio.infra.EnosDevice;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One device over MQTT 3.1.1 on a shared event loop (thousands fit in a few threads): EnOS-signed
 * CONNECT, a subscription to its reply topic, and QoS 1 posts of measure points whose replies it
 * times. Its state is touched only on its channel's event loop.
 */
final class SimulatedDevice extends SimpleChannelInboundHandler<MqttMessage> {

    private final String productKey;
    private final String deviceKey;
    private final String secret;
    private final String payloadHead;
    private final String payloadTail;
    private final int points;
    private volatile Recorder recorder;
    private final CompletableFuture<SimulatedDevice> ready = new CompletableFuture<>();
    private final Map<String, Long> sentAt = new HashMap<>();
    private Channel channel;
    private int packetId;
    private long requestId;
    private long lastTime;
    private int window;

    SimulatedDevice(String productKey, String deviceKey, String secret, int points, Recorder recorder) {
        this.productKey = productKey;
        this.deviceKey = deviceKey;
        this.secret = secret;
        this.points = points;
        this.recorder = recorder;
        StringBuilder measurepoints = new StringBuilder();
        for (int i = 0; i < points; i++) {
            measurepoints
                    .append(i == 0 ? "" : ",")
                    .append("\"p")
                    .append(i)
                    .append("\":")
                    .append(20.5 + i);
        }
        this.payloadHead = "{\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{"
                + measurepoints + "},\"time\":";
        this.payloadTail = "},\"id\":\"";
    }

    /** Connects and subscribes; completes when the device may post. */
    CompletableFuture<SimulatedDevice> connect(EventLoopGroup loops, String host, int port) {
        new Bootstrap()
                .group(loops)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel socket) {
                        socket.pipeline().addLast(new MqttDecoder(1 << 20), MqttEncoder.INSTANCE, SimulatedDevice.this);
                    }
                })
                .connect(host, port)
                .addListener(connected -> {
                    if (!connected.isSuccess()) {
                        ready.completeExceptionally(connected.cause());
                    }
                });
        return ready;
    }

    /** Keeps {@code window} posts in flight: the next goes out as soon as one is answered. */
    void postClosedLoop(int window) {
        channel.eventLoop().execute(() -> {
            this.window = window;
            for (int i = 0; i < window; i++) {
                post();
            }
        });
    }

    /** The event loop the device's state belongs to. */
    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** Where the replies from now on are counted. */
    void record(Recorder into) {
        this.recorder = into;
    }

    void stopPosting() {
        channel.eventLoop().execute(() -> window = 0);
    }

    void close() {
        channel.close();
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        channel = context.channel();
        String timestamp = Long.toString(System.currentTimeMillis());
        context.writeAndFlush(MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId(deviceKey + "|securemode=2,signmethod=sha256,timestamp=" + timestamp + "|")
                .username(deviceKey + "&" + productKey)
                .password(EnosDevice.sign(secret, deviceKey, deviceKey, productKey, timestamp)
                        .getBytes(StandardCharsets.UTF_8))
                .cleanSession(true)
                .keepAlive(0)
                .build());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, MqttMessage message) {
        if (message instanceof MqttConnAckMessage connAck) {
            if (connAck.variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                ready.completeExceptionally(new IllegalStateException(
                        deviceKey + " refused: " + connAck.variableHeader().connectReturnCode()));
                return;
            }
            context.writeAndFlush(MqttMessageBuilders.subscribe()
                    .messageId(nextPacketId())
                    .addSubscription(MqttQoS.AT_MOST_ONCE, topic() + "_reply")
                    .build());
        } else if (message instanceof MqttSubAckMessage) {
            ready.complete(this);
        } else if (message instanceof MqttPublishMessage reply) {
            replied(reply.payload().toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        ready.completeExceptionally(new IllegalStateException(deviceKey + " was disconnected"));
    }

    /** One post, on the device's event loop. */
    void post() {
        String id = Long.toString(++requestId);
        // each post its own time, so that stored points can be counted
        long now = Math.max(System.currentTimeMillis(), lastTime + 1);
        lastTime = now;
        byte[] payload = (payloadHead + now + payloadTail + id + "\"}").getBytes(StandardCharsets.UTF_8);
        sentAt.put(id, System.nanoTime());
        channel.writeAndFlush(MqttMessageBuilders.publish()
                .topicName(topic())
                .qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(nextPacketId())
                .retained(false)
                .payload(Unpooled.wrappedBuffer(payload))
                .build());
    }

    private void replied(String reply) {
        int at = reply.indexOf("\"id\":\"");
        if (at < 0) {
            return;
        }
        String id = reply.substring(at + 6, reply.indexOf('"', at + 6));
        Long sent = sentAt.remove(id);
        if (sent == null) {
            return;
        }
        recorder.reply(reply.contains("\"code\":200"), points, System.nanoTime() - sent);
        if (window > 0) {
            post();
        }
    }

    private String topic() {
        return "/sys/" + productKey + "/" + deviceKey + "/thing/measurepoint/post";
    }

    private int nextPacketId() {
        packetId = packetId % 65_535 + 1;
        return packetId;
    }
}
