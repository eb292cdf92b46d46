package io.helio.local;

import io.helio.sdk.HelioAdminClient;
import io.helio.sdk.HelioClient;
import io.helio.sdk.admin.model.ApplicationCreate;
import io.helio.sdk.admin.model.ApplicationCredentials;
import io.helio.sdk.admin.model.Scope;
import io.helio.sdk.admin.model.Tenant;
import io.helio.sdk.admin.model.TenantCreate;
import io.helio.sdk.platform.model.DataType;
import io.helio.sdk.platform.model.MeasurePointDefinition;
import io.helio.sdk.platform.model.ValueType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/** What the end-to-end tests share: a stack of their own, and tenants with an application. */
final class Stacks {

    private Stacks() {}

    /** A fresh stack from the built jars, its data under {@code target/{name}-{pid}}. */
    static LocalStack start(String name) throws Exception {
        return LocalStack.start(
                home(), Path.of("target", name + "-" + ProcessHandle.current().pid()), LocalStack.Ports.free());
    }

    /** As {@link #start(String)}, with more settings for the platform. */
    static LocalStack start(String name, Map<String, String> platformSettings) throws Exception {
        return LocalStack.start(
                home(),
                Path.of("target", name + "-" + ProcessHandle.current().pid()),
                LocalStack.Ports.free(),
                platformSettings);
    }

    /** The project's root, where the services' jars are built. */
    static Path home() {
        return Path.of(System.getProperty("helio.home", "..")).toAbsolutePath().normalize();
    }

    static HelioAdminClient operator(LocalStack stack) {
        return HelioAdminClient.connect(stack.adminUrl(), LocalStack.OPERATOR_ID, stack.operatorSecret());
    }

    /** A new tenant's application with every scope. */
    static HelioClient newTenantApplication(LocalStack stack, String tenantName) throws Exception {
        HelioAdminClient operator = operator(stack);
        return applicationOf(stack, operator, operator.tenants().createTenant(new TenantCreate().name(tenantName)));
    }

    static HelioClient applicationOf(LocalStack stack, HelioAdminClient operator, Tenant tenant) throws Exception {
        ApplicationCredentials credentials = operator.applications()
                .createApplication(
                        tenant.getTenantId(),
                        new ApplicationCreate().name("app").scopes(Set.of(Scope.values())));
        return HelioClient.connect(
                stack.platformUrl(), credentials.getApplication().getClientId(), credentials.getClientSecret());
    }

    static MeasurePointDefinition point(String identifier, DataType type) {
        return new MeasurePointDefinition().identifier(identifier).type(new ValueType().dataType(type));
    }

    /** An instant as the query API takes it: ISO-8601 with an offset. */
    static String at(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC).toString();
    }
}
