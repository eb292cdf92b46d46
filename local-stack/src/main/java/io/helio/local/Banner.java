package io.helio.local;

/** What the run command prints once everything is up. */
final class Banner {

    private Banner() {}

    static String text(LocalStack stack, DemoTenant demo) {
        DemoTenant.DemoDevice first = demo.devices().get(0);
        return """

                Helio is running.

                  Platform API     %1$s   (docs: %1$s/api-docs/index.html)
                  Admin API        %2$s   (docs: %2$s/api-docs/index.html; tokens: %2$s/oauth2/token)
                  MQTT (devices)   %3$s
                  Edge (RSocket)   %17$s
                  InfluxDB         %4$s
                  Logs             .local/run/logs/

                Operator (creates tenants):   client id %5$s   secret %6$s

                Demo tenant %7$s
                  its admin logs in as %15$s with password %16$s
                  (authorization code + PKCE at %2$s/oauth2/authorize, client helio-console)
                  its application (scopes: all): client id %8$s
                                                 secret    %9$s
                Product %10$s (thing model %11$s) with devices %12$s, posting every second.
                Device %13$s signs its MQTT CONNECT with secret %14$s.

                Try it:
                  TOKEN=$(curl -s -u '%8$s:%9$s' -d grant_type=client_credentials %2$s/oauth2/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -s -H "Authorization: Bearer $TOKEN" "%1$s/timeseries/raw?productKey=%10$s&deviceKey=%13$s&point=power&point=temp&start=$(date -u -d '-1 min' +%%FT%%TZ)&end=$(date -u -d '+1 min' +%%FT%%TZ)"

                Press Ctrl-C to stop.
                """.formatted(
                stack.platformUrl(),
                stack.adminUrl(),
                stack.mqttUrl(),
                stack.influxUrl(),
                LocalStack.OPERATOR_ID,
                stack.operatorSecret(),
                demo.tenantId(),
                demo.clientId(),
                demo.clientSecret(),
                demo.productKey(),
                DemoTenant.MODEL_ID,
                demo.devices().stream().map(DemoTenant.DemoDevice::deviceKey).toList(),
                first.deviceKey(),
                first.secret(),
                demo.adminUsername(),
                demo.adminPassword(),
                stack.edgeUrl());
    }
}
