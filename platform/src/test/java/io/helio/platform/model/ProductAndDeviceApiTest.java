package io.helio.platform.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlatformTest
class ProductAndDeviceApiTest {

    private static final String MODEL = """
            {"modelId":"meter","name":"Meter","elements":{
              "attributes":[
                {"identifier":"serial","type":{"dataType":"STRING","maxLength":12},"required":true},
                {"identifier":"phases","type":{"dataType":"INT","min":1,"max":3}},
                {"identifier":"site","type":{"dataType":"STRUCT","fields":[{"identifier":"lat","type":{"dataType":"DOUBLE"}}]}}],
              "measurePoints":[{"identifier":"energy","type":{"dataType":"DOUBLE"}}]}}""";

    @Autowired
    WebTestClient web;

    Api api;
    String productKey;

    @BeforeEach
    void meterProduct() {
        api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        api.postJson("/thing-models", MODEL).expectStatus().isCreated();
        productKey = api.createProduct("{\"name\":\"Meter\",\"modelId\":\"meter\"}");
    }

    @Test
    void aProductHasATypeAndASecretShownOnce() {
        api.postJson(
                        "/products",
                        "{\"name\":\"Edge box\",\"modelId\":\"meter\",\"type\":\"GATEWAY\",\"dynamicActivation\":true}")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.product.type")
                .isEqualTo("GATEWAY")
                .jsonPath("$.product.dynamicActivation")
                .isEqualTo(true)
                .jsonPath("$.productSecret")
                .value(secret -> assertThat((String) secret).hasSize(32));
        api.get("/products/" + productKey)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("DEVICE")
                .jsonPath("$.dynamicActivation")
                .isEqualTo(false)
                .jsonPath("$.productSecret")
                .doesNotExist();
        api.get("/products?type=GATEWAY")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(1)
                .jsonPath("$.items[0].name")
                .isEqualTo("Edge box");
    }

    @Test
    void aDeviceCarriesTimeZoneAttributesAndTagsCheckedAgainstItsModel() {
        api.postJson("/products/" + productKey + "/devices", """
                        {"deviceKey":"m-1","name":"Meter 1","timeZone":"Europe/Berlin",
                         "attributes":{"serial":"SN-0001","phases":3,"site":{"lat":52.5}},"tags":{"site":"berlin","floor":"2"}}""")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.device.status")
                .isEqualTo("INACTIVE")
                .jsonPath("$.device.deviceSecret")
                .doesNotExist();

        api.get("/products/" + productKey + "/devices/m-1")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.timeZone")
                .isEqualTo("Europe/Berlin")
                .jsonPath("$.attributes.phases")
                .isEqualTo(3)
                .jsonPath("$.attributes.site.lat")
                .isEqualTo(52.5)
                .jsonPath("$.tags.site")
                .isEqualTo("berlin");
    }

    @Test
    void aChangeMergesAttributesAndTagsAndNullRemoves() {
        api.postJson("/products/" + productKey + "/devices", """
                        {"deviceKey":"m-1","name":"Meter 1","attributes":{"serial":"SN-1","phases":1},"tags":{"a":"1","b":"2"}}""").expectStatus().isCreated();

        api.patchJson("/products/" + productKey + "/devices/m-1", """
                        {"name":"Main meter","attributes":{"phases":null},"tags":{"a":null,"c":"3"}}""")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Main meter")
                .jsonPath("$.attributes.serial")
                .isEqualTo("SN-1")
                .jsonPath("$.attributes.phases")
                .doesNotExist()
                .jsonPath("$.tags.a")
                .doesNotExist()
                .jsonPath("$.tags.b")
                .isEqualTo("2")
                .jsonPath("$.tags.c")
                .isEqualTo("3");
        expectInvalid(
                api.patchJson("/products/" + productKey + "/devices/m-1", "{\"attributes\":{\"serial\":null}}"),
                "attribute 'serial' is required");
    }

    @Test
    void devicesThatDoNotFitTheirModelAreRefusedSayingWhy() {
        String devices = "/products/" + productKey + "/devices";
        expectInvalid(api.postJson(devices, "{\"name\":\"x\"}"), "attribute 'serial' is required");
        expectInvalid(
                api.postJson(devices, "{\"name\":\"x\",\"attributes\":{\"serial\":\"S\",\"colour\":\"red\"}}"),
                "attribute 'colour' is not in thing model 'meter'");
        expectInvalid(
                api.postJson(devices, "{\"name\":\"x\",\"attributes\":{\"serial\":\"S\",\"phases\":4}}"),
                "attribute 'phases': is above the maximum 3");
        expectInvalid(
                api.postJson(devices, "{\"name\":\"x\",\"attributes\":{\"serial\":\"TOO-LONG-SERIAL-NUMBER\"}}"),
                "longer than 12");
        expectInvalid(
                api.postJson(
                        devices, "{\"name\":\"x\",\"timeZone\":\"Mars/Olympus\",\"attributes\":{\"serial\":\"S\"}}"),
                "'Mars/Olympus' is not an IANA time zone");
        expectInvalid(
                api.postJson(
                        devices, "{\"name\":\"x\",\"attributes\":{\"serial\":\"S\"},\"tags\":{\"bad key\":\"v\"}}"),
                "tag key 'bad key'");
        api.get("/devices?productKey=" + productKey)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(0);
    }

    @Test
    void deviceListsFilterAndPageInAStableOrder() {
        for (int i = 1; i <= 5; i++) {
            api.postJson("/products/" + productKey + "/devices", """
                            {"deviceKey":"m-%d","name":"%s %d","attributes":{"serial":"S%d"},"tags":{"site":"%s"}}""".formatted(
                                    i, i % 2 == 0 ? "Spare" : "Meter", i, i, i <= 3 ? "north" : "south"))
                    .expectStatus()
                    .isCreated();
        }
        String otherProduct = api.createProduct("{\"name\":\"Other\",\"modelId\":\"meter\"}");
        api.postJson(
                        "/products/" + otherProduct + "/devices",
                        "{\"deviceKey\":\"o-1\",\"name\":\"Meter o\",\"attributes\":{\"serial\":\"O\"}}")
                .expectStatus()
                .isCreated();

        assertThat(keys("/devices?productKey=" + productKey + "&limit=2"))
                .containsExactly("m-1", "m-2", "m-3", "m-4", "m-5");
        assertThat(keys("/devices?tag=site:north")).containsExactly("m-1", "m-2", "m-3");
        assertThat(keys("/devices?namePrefix=Spare")).containsExactly("m-2", "m-4");
        assertThat(keys("/devices?status=INACTIVE&productKey=" + otherProduct)).containsExactly("o-1");
        assertThat(keys("/devices?status=ONLINE")).isEmpty();
        api.get("/devices?tag=nocolon").expectStatus().isBadRequest();
    }

    private List<String> keys(String firstPage) {
        List<String> keys = new ArrayList<>();
        String cursor = null;
        do {
            Map<?, ?> page = api.get(firstPage + (cursor == null ? "" : "&cursor=" + cursor))
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            ((List<?>) page.get("items"))
                    .forEach(
                            item -> keys.add(((Map<?, ?>) item).get("deviceKey").toString()));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return keys;
    }

    private static void expectInvalid(WebTestClient.ResponseSpec response, String detailPart) {
        response.expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DEVICE_INVALID")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains(detailPart));
    }
}
