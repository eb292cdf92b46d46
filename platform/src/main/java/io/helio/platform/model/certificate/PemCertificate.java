package io.helio.platform.model.certificate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;

/** Reads the one X.509 certificate a PEM text holds, valid at a given time, or says what is wrong. */
final class PemCertificate {

    private PemCertificate() {}

    /** @throws IllegalArgumentException saying why the text is not one certificate valid at {@code now} */
    static X509Certificate read(String pem, Instant now) {
        if (!pem.strip().startsWith("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("the certificate must be PEM: -----BEGIN CERTIFICATE----- ...");
        }
        Collection<? extends java.security.cert.Certificate> found;
        try {
            found = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the certificate cannot be read: " + e.getMessage());
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException(
                    "send exactly one certificate, the device's own (this text holds " + found.size() + ")");
        }
        X509Certificate certificate = (X509Certificate) found.iterator().next();
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new IllegalArgumentException(
                    "the certificate expired at " + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new IllegalArgumentException("the certificate is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
        return certificate;
    }
}
