package io.helio.local;

import io.helio.sdk.HelioAdminClient;
import io.helio.sdk.HelioClient;
import io.helio.sdk.admin.model.ApplicationCreate;
import io.helio.sdk.admin.model.ApplicationCredentials;
import io.helio.sdk.admin.model.Role;
import io.helio.sdk.admin.model.Scope;
import io.helio.sdk.admin.model.Tenant;
import io.helio.sdk.admin.model.TenantCreate;
import io.helio.sdk.admin.model.UserCreate;
import io.helio.sdk.admin.model.UserCredentials;
import io.helio.sdk.platform.model.CreatedDevice;
import io.helio.sdk.platform.model.DataType;
import io.helio.sdk.platform.model.DeviceCreate;
import io.helio.sdk.platform.model.MeasurePointDefinition;
import io.helio.sdk.platform.model.Product;
import io.helio.sdk.platform.model.ProductCreate;
import io.helio.sdk.platform.model.ThingModelCreate;
import io.helio.sdk.platform.model.ThingModelElements;
import io.helio.sdk.platform.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A demo tenant created the way a real one is, through the SDK: the operator creates the tenant, its
 * admin (a person, who logs in) and an application; the application creates a thing model, a
 * product and its devices.
 */
public record DemoTenant(
        String tenantId,
        String adminUsername,
        String adminPassword,
        String clientId,
        String clientSecret,
        String productKey,
        List<DemoDevice> devices) {

    /** A device with the secret it signs its CONNECT with. */
    public record DemoDevice(String deviceKey, String secret) {}

    public static final String MODEL_ID = "solar_inverter";

    public static DemoTenant create(LocalStack stack, int deviceCount) throws Exception {
        HelioAdminClient operator =
                HelioAdminClient.connect(stack.adminUrl(), LocalStack.OPERATOR_ID, stack.operatorSecret());
        Tenant tenant = operator.tenants().createTenant(new TenantCreate().name("Demo Solar Park"));
        UserCredentials admin = operator.users()
                .createUser(
                        tenant.getTenantId(),
                        new UserCreate()
                                .username("admin@" + tenant.getTenantId())
                                .role(Role.TENANT_ADMIN));
        ApplicationCredentials app = operator.applications()
                .createApplication(
                        tenant.getTenantId(),
                        new ApplicationCreate().name("demo-dashboard").scopes(Set.of(Scope.values())));

        HelioClient helio =
                HelioClient.connect(stack.platformUrl(), app.getApplication().getClientId(), app.getClientSecret());
        helio.thingModels()
                .createThingModel(new ThingModelCreate()
                        .modelId(MODEL_ID)
                        .name("Solar inverter")
                        .elements(new ThingModelElements()
                                .measurePoints(List.of(
                                        point("power", "Active power (kW)", DataType.DOUBLE),
                                        point("temp", "Heat sink temperature (°C)", DataType.DOUBLE),
                                        point("energy", "Energy today (Wh)", DataType.INT),
                                        point("running", "Running", DataType.BOOL),
                                        point("state", "Operating state", DataType.STRING))))
                        .description("A grid-tied PV inverter"));
        Product product = helio.products()
                .createProduct(new ProductCreate().name("Inverter 50 kW").modelId(MODEL_ID))
                .getProduct();
        List<DemoDevice> devices = new ArrayList<>();
        for (int i = 1; i <= deviceCount; i++) {
            CreatedDevice created = helio.devices()
                    .createDevice(
                            product.getProductKey(),
                            new DeviceCreate().name("Inverter " + i).deviceKey("inv-" + i));
            devices.add(new DemoDevice(created.getDevice().getDeviceKey(), created.getDeviceSecret()));
        }
        return new DemoTenant(
                tenant.getTenantId(),
                admin.getUser().getUsername(),
                admin.getPassword(),
                app.getApplication().getClientId(),
                app.getClientSecret(),
                product.getProductKey(),
                devices);
    }

    private static MeasurePointDefinition point(String identifier, String name, DataType type) {
        return new MeasurePointDefinition()
                .identifier(identifier)
                .type(new ValueType().dataType(type))
                .name(name);
    }
}
