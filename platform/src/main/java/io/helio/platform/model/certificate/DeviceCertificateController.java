package io.helio.platform.model.certificate;

import io.helio.platform.api.DeviceCertificatesApi;
import io.helio.platform.api.model.DeviceCertificateList;
import io.helio.platform.api.model.DeviceCertificateRegistration;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.CurrentTenant;
import java.time.ZoneOffset;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class DeviceCertificateController implements DeviceCertificatesApi {

    private final DeviceCertificateService certificates;

    public DeviceCertificateController(DeviceCertificateService certificates) {
        this.certificates = certificates;
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.DeviceCertificate>> registerDeviceCertificate(
            String productKey,
            String deviceKey,
            Mono<DeviceCertificateRegistration> request,
            ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(request)
                .flatMap(tenantAndRequest -> certificates.register(
                        tenantAndRequest.getT1(),
                        device(productKey, deviceKey),
                        tenantAndRequest.getT2().getCertificate()))
                .map(registered -> ResponseEntity.status(HttpStatus.CREATED).body(toApi(registered)));
    }

    @Override
    public Mono<ResponseEntity<DeviceCertificateList>> listDeviceCertificates(
            String productKey, String deviceKey, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMapMany(tenant -> certificates.list(tenant, device(productKey, deviceKey)))
                .map(DeviceCertificateController::toApi)
                .collectList()
                .map(items -> ResponseEntity.ok(new DeviceCertificateList(items)));
    }

    @Override
    public Mono<ResponseEntity<Void>> revokeDeviceCertificate(
            String productKey, String deviceKey, String fingerprint, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> certificates.revoke(tenant, device(productKey, deviceKey), fingerprint))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private static DeviceRef device(String productKey, String deviceKey) {
        return new DeviceRef(ProductKey.of(productKey), DeviceKey.of(deviceKey));
    }

    private static io.helio.platform.api.model.DeviceCertificate toApi(DeviceCertificate certificate) {
        return new io.helio.platform.api.model.DeviceCertificate(
                certificate.fingerprint(),
                certificate.subject(),
                certificate.issuer(),
                certificate.notBefore().atOffset(ZoneOffset.UTC),
                certificate.notAfter().atOffset(ZoneOffset.UTC),
                certificate.registeredAt().atOffset(ZoneOffset.UTC));
    }
}
