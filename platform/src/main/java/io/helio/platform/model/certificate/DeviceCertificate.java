package io.helio.platform.model.certificate;

import io.helio.platform.model.DeviceRef;
import java.time.Instant;

/** A client certificate registered for a device, known by its fingerprint. */
public record DeviceCertificate(
        DeviceRef device,
        String fingerprint,
        String subject,
        String issuer,
        Instant notBefore,
        Instant notAfter,
        Instant registeredAt) {}
