package io.helio.platform.model.certificate;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.DeviceService;
import io.helio.platform.model.DeviceSessions;
import io.helio.platform.model.DirectoryChangeSignal;
import io.helio.platform.model.UniqueViolations;
import io.helio.platform.tenancy.TenantId;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Registers and revokes devices' client certificates. Each change reaches every node's device door
 * at once ({@link DirectoryChangeSignal}); a revocation ends the device's sessions, so one opened
 * with the revoked certificate does not outlive it.
 */
public class DeviceCertificateService {

    private final R2dbcDeviceCertificateRepository certificates;
    private final DeviceService devices;
    private final DeviceSessions sessions;
    private final DirectoryChangeSignal changes;
    private final Clock clock;

    DeviceCertificateService(
            R2dbcDeviceCertificateRepository certificates,
            DeviceService devices,
            DeviceSessions sessions,
            DirectoryChangeSignal changes,
            Clock clock) {
        this.certificates = certificates;
        this.devices = devices;
        this.sessions = sessions;
        this.changes = changes;
        this.clock = clock;
    }

    public Mono<DeviceCertificate> register(TenantId tenant, DeviceRef device, String pem) {
        Instant now = clock.instant();
        return devices.get(tenant, device.product(), device.device()).then(Mono.defer(() -> {
            X509Certificate certificate;
            try {
                certificate = PemCertificate.read(pem, now);
            } catch (IllegalArgumentException invalid) {
                return Mono.error(new ApiException(PlatformError.CERTIFICATE_INVALID, invalid.getMessage()));
            }
            DeviceCertificate registered = new DeviceCertificate(
                    device,
                    Fingerprints.sha256(certificate),
                    certificate.getSubjectX500Principal().getName(),
                    certificate.getIssuerX500Principal().getName(),
                    certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant(),
                    now.truncatedTo(ChronoUnit.MILLIS));
            return certificates
                    .insert(tenant, registered)
                    .onErrorResume(UniqueViolations.as(new ApiException(
                            PlatformError.CERTIFICATE_ALREADY_REGISTERED,
                            "certificate " + registered.fingerprint() + " is already registered for " + device)))
                    .then(changes.announce("device " + device))
                    .thenReturn(registered);
        }));
    }

    public Flux<DeviceCertificate> list(TenantId tenant, DeviceRef device) {
        return devices.get(tenant, device.product(), device.device()).thenMany(certificates.list(tenant, device));
    }

    public Mono<Void> revoke(TenantId tenant, DeviceRef device, String fingerprint) {
        return devices.get(tenant, device.product(), device.device())
                .then(certificates.delete(tenant, device, fingerprint))
                .flatMap(deleted -> deleted
                        ? changes.announce("device " + device).then(sessions.close(device.product(), device.device()))
                        : Mono.error(new ApiException(
                                PlatformError.CERTIFICATE_NOT_FOUND,
                                "no certificate " + fingerprint + " is registered for " + device)));
    }
}
