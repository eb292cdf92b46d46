package io.helio.platform.connect;

import io.helio.platform.model.certificate.ClientCertificates;
import io.helio.platform.model.certificate.PresentedCertificates;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The TLS engine of one device connection: the JDK's, plus a look at the first bytes it decrypts.
 * Once they hold the MQTT CONNECT, the client certificate the device presented in the handshake is
 * filed under that CONNECT's credentials ({@link PresentedCertificates}), where device
 * authentication finds it. Everything else is the JDK engine's own doing.
 */
final class CertificateCapturingEngine extends SSLEngine {

    /** A CONNECT longer than this is no device's; the look ends there. */
    private static final int MAX_CONNECT_BYTES = 65_536;

    private final SSLEngine engine;
    private final PresentedCertificates<MqttConnectPeek.ConnectCredentials> presented;
    private byte[] firstBytes = new byte[512];
    private int firstBytesLength;
    private boolean looking = true;

    CertificateCapturingEngine(SSLEngine engine, PresentedCertificates<MqttConnectPeek.ConnectCredentials> presented) {
        super(engine.getPeerHost(), engine.getPeerPort());
        this.engine = engine;
        this.presented = presented;
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        if (!looking) {
            return engine.unwrap(src, dsts, offset, length);
        }
        int[] before = new int[length];
        for (int i = 0; i < length; i++) {
            before[i] = dsts[offset + i].position();
        }
        SSLEngineResult result = engine.unwrap(src, dsts, offset, length);
        if (result.bytesProduced() > 0) {
            for (int i = 0; i < length && looking; i++) {
                ByteBuffer produced = dsts[offset + i].duplicate();
                produced.flip().position(before[i]);
                keep(produced);
            }
            lookForConnect();
        }
        return result;
    }

    private void keep(ByteBuffer produced) {
        int size = produced.remaining();
        if (firstBytesLength + size > MAX_CONNECT_BYTES) {
            stopLooking();
            return;
        }
        if (firstBytesLength + size > firstBytes.length) {
            firstBytes = Arrays.copyOf(firstBytes, Math.max(firstBytes.length * 2, firstBytesLength + size));
        }
        produced.get(firstBytes, firstBytesLength, size);
        firstBytesLength += size;
    }

    private void lookForConnect() {
        if (!looking) {
            return;
        }
        MqttConnectPeek.ConnectCredentials connect = MqttConnectPeek.read(firstBytes, firstBytesLength);
        if (connect != null) {
            X509Certificate certificate = ClientCertificates.presentedIn(engine.getSession());
            if (certificate != null) {
                presented.presented(connect, certificate);
            }
            stopLooking();
        }
    }

    private void stopLooking() {
        looking = false;
        firstBytes = new byte[0];
        firstBytesLength = 0;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        return engine.wrap(srcs, offset, length, dst);
    }

    @Override
    public Runnable getDelegatedTask() {
        return engine.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        engine.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return engine.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        engine.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
        engine.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return engine.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        engine.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        engine.setSSLParameters(parameters);
    }

    @Override
    public String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        engine.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return engine.getHandshakeApplicationProtocolSelector();
    }
}
