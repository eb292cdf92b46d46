package io.helio.bench;

import io.helio.local.LocalStack;
import io.helio.sdk.HelioAdminClient;
import io.helio.sdk.HelioClient;
import io.helio.sdk.admin.model.ApplicationCreate;
import io.helio.sdk.admin.model.ApplicationCredentials;
import io.helio.sdk.admin.model.Quotas;
import io.helio.sdk.admin.model.Scope;
import io.helio.sdk.admin.model.Tenant;
import io.helio.sdk.admin.model.TenantCreate;
import io.helio.sdk.platform.model.DataType;
import io.helio.sdk.platform.model.MeasurePointDefinition;
import io.helio.sdk.platform.model.ProductCreate;
import io.helio.sdk.platform.model.ThingModelCreate;
import io.helio.sdk.platform.model.ThingModelElements;
import io.helio.sdk.platform.model.ValueType;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A tenant whose quotas do not limit a benchmark, its application (with every scope), and a product
 * of a model of {@code points} DOUBLE points named {@code p0}, {@code p1}, ...
 */
record BenchTenant(String tenantId, String clientId, String clientSecret, HelioClient app, String productKey) {

    static BenchTenant create(LocalStack stack, String name, int points) throws Exception {
        HelioAdminClient operator =
                HelioAdminClient.connect(stack.adminUrl(), LocalStack.OPERATOR_ID, stack.operatorSecret());
        Tenant tenant = operator.tenants().createTenant(new TenantCreate().name(name));
        operator.tenants()
                .setTenantQuotas(
                        tenant.getTenantId(),
                        new Quotas()
                                .devices(1_000_000)
                                .connectedDevices(1_000_000)
                                .messagesPerSecond(10_000_000)
                                .pointsPerSecond(100_000_000)
                                .apiRequestsPerSecond(1_000_000)
                                .rawRetentionDays(365));
        ApplicationCredentials credentials = operator.applications()
                .createApplication(
                        tenant.getTenantId(), new ApplicationCreate().name(name).scopes(Set.of(Scope.values())));
        String clientId = credentials.getApplication().getClientId();
        HelioClient app = HelioClient.connect(stack.platformUrl(), clientId, credentials.getClientSecret());
        app.thingModels()
                .createThingModel(new ThingModelCreate()
                        .modelId(name)
                        .name(name)
                        .elements(new ThingModelElements()
                                .measurePoints(IntStream.range(0, points)
                                        .mapToObj(i -> new MeasurePointDefinition()
                                                .identifier("p" + i)
                                                .type(new ValueType().dataType(DataType.DOUBLE)))
                                        .toList())));
        String productKey = app.products()
                .createProduct(new ProductCreate().name(name).modelId(name))
                .getProduct()
                .getProductKey();
        return new BenchTenant(tenant.getTenantId(), clientId, credentials.getClientSecret(), app, productKey);
    }
}
