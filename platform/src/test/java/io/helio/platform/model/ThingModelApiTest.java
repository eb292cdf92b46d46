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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlatformTest
class ThingModelApiTest {

    /** A model with every kind of element and every data type. */
    static final String FULL_MODEL = """
            {"modelId":"inverter","name":"Inverter","description":"PV inverter","elements":{
              "attributes":[
                {"identifier":"serial","type":{"dataType":"STRING","maxLength":32},"required":true},
                {"identifier":"ratedPower","type":{"dataType":"DOUBLE","unit":"kW","min":0}}],
              "measurePoints":[
                {"identifier":"power","name":"Power","type":{"dataType":"DOUBLE","unit":"kW","min":-10,"max":60},"hasQuality":true},
                {"identifier":"energy","type":{"dataType":"INT","unit":"Wh","min":0}},
                {"identifier":"state","type":{"dataType":"ENUM","enumValues":[{"value":0,"label":"off"},{"value":1,"label":"grid"}]}},
                {"identifier":"running","type":{"dataType":"BOOL"}},
                {"identifier":"fault","type":{"dataType":"STRING","maxLength":8}},
                {"identifier":"serviceDay","type":{"dataType":"DATE"}},
                {"identifier":"lastStart","type":{"dataType":"TIMESTAMP"}},
                {"identifier":"ratio","type":{"dataType":"FLOAT"}},
                {"identifier":"strings","type":{"dataType":"ARRAY","itemType":{"dataType":"DOUBLE"},"maxSize":4}},
                {"identifier":"grid","type":{"dataType":"STRUCT","fields":[
                  {"identifier":"voltage","type":{"dataType":"DOUBLE","unit":"V"}},
                  {"identifier":"phase","type":{"dataType":"INT"}}]}}],
              "services":[
                {"identifier":"setLimit","callType":"SYNC",
                 "inputs":[{"identifier":"limit","type":{"dataType":"DOUBLE","min":0,"max":100}}],
                 "outputs":[{"identifier":"applied","type":{"dataType":"BOOL"}}]}],
              "events":[
                {"identifier":"overheat","outputs":[{"identifier":"temp","type":{"dataType":"DOUBLE"}}]}]}}
            """;

    @Autowired
    WebTestClient web;

    Api api;

    @BeforeEach
    void tenant() {
        api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
    }

    @Test
    void aModelWithEveryElementAndTypeIsStoredAndReadBackAsDefined() {
        api.postJson("/thing-models", FULL_MODEL).expectStatus().isCreated();

        api.get("/thing-models/inverter")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(1)
                .jsonPath("$.elements.attributes[0].required")
                .isEqualTo(true)
                .jsonPath("$.elements.attributes[0].type.maxLength")
                .isEqualTo(32)
                .jsonPath("$.elements.measurePoints[0].hasQuality")
                .isEqualTo(true)
                .jsonPath("$.elements.measurePoints[0].type.unit")
                .isEqualTo("kW")
                .jsonPath("$.elements.measurePoints[0].type.max")
                .isEqualTo(60)
                .jsonPath("$.elements.measurePoints[2].type.enumValues[1].label")
                .isEqualTo("grid")
                .jsonPath("$.elements.measurePoints[8].type.itemType.dataType")
                .isEqualTo("DOUBLE")
                .jsonPath("$.elements.measurePoints[9].type.fields[0].type.unit")
                .isEqualTo("V")
                .jsonPath("$.elements.services[0].callType")
                .isEqualTo("SYNC")
                .jsonPath("$.elements.services[0].inputs[0].type.max")
                .isEqualTo(100)
                .jsonPath("$.elements.events[0].outputs[0].identifier")
                .isEqualTo("temp")
                .jsonPath("$.inheritedElements.measurePoints.length()")
                .isEqualTo(0);
    }

    @Test
    void aModelInheritsTheElementsOfTheModelItExtendsAndMayNotRedefineThem() {
        api.postJson("/thing-models", FULL_MODEL).expectStatus().isCreated();

        api.postJson("/thing-models", """
                        {"modelId":"hybridInverter","name":"Hybrid inverter","extends":"inverter",
                         "elements":{"measurePoints":[{"identifier":"soc","type":{"dataType":"DOUBLE","unit":"%"}}]}}""")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.extends")
                .isEqualTo("inverter")
                .jsonPath("$.elements.measurePoints[0].identifier")
                .isEqualTo("soc")
                .jsonPath("$.inheritedElements.measurePoints[0].identifier")
                .isEqualTo("power")
                .jsonPath("$.inheritedElements.services[0].identifier")
                .isEqualTo("setLimit");
        expectProblem(api.postJson("/thing-models", """
                        {"modelId":"clash","name":"Clash","extends":"inverter",
                         "elements":{"attributes":[{"identifier":"power","type":{"dataType":"INT"}}]}}"""), 400, "MODEL_INVALID", "'power'");
        expectProblem(
                api.postJson("/thing-models", "{\"modelId\":\"orphan\",\"name\":\"Orphan\",\"extends\":\"nothing\"}"),
                404,
                "MODEL_NOT_FOUND",
                "'nothing'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "enum without values     | {\"dataType\":\"ENUM\"}                                   | ENUM needs enumValues",
                "array without item type | {\"dataType\":\"ARRAY\"}                                  | ARRAY needs an itemType",
                "array of arrays         | {\"dataType\":\"ARRAY\",\"itemType\":{\"dataType\":\"ARRAY\",\"itemType\":{\"dataType\":\"INT\"}}} | cannot hold arrays",
                "struct without fields   | {\"dataType\":\"STRUCT\"}                                 | STRUCT needs fields",
                "range on a string       | {\"dataType\":\"STRING\",\"min\":1}                        | range applies only",
                "min above max           | {\"dataType\":\"INT\",\"min\":5,\"max\":1}                  | min must not exceed max",
                "length on a number      | {\"dataType\":\"INT\",\"maxLength\":3}                     | maxLength applies only to STRING",
                "duplicate enum values   | {\"dataType\":\"ENUM\",\"enumValues\":[{\"value\":1,\"label\":\"a\"},{\"value\":1,\"label\":\"b\"}]} | distinct"
            })
    void typesWhoseConstraintsDoNotFitAreRefused(String kind, String type, String message) {
        expectProblem(
                api.postJson(
                        "/thing-models",
                        "{\"modelId\":\"bad\",\"name\":\"Bad\",\"elements\":{\"measurePoints\":[{\"identifier\":\"p\",\"type\":"
                                + type + "}]}}"),
                400,
                "MODEL_INVALID",
                message);
    }

    @Test
    void identifiersAreUniqueAcrossAllElementsAndWellFormed() {
        expectProblem(api.postJson("/thing-models", """
                        {"modelId":"twice","name":"Twice","elements":{
                          "attributes":[{"identifier":"temp","type":{"dataType":"INT"}}],
                          "measurePoints":[{"identifier":"temp","type":{"dataType":"DOUBLE"}}]}}"""), 400, "MODEL_INVALID", "'temp' is used twice");
        expectProblem(
                api.postJson("/thing-models", "{\"modelId\":\"9bad\",\"name\":\"x\"}"),
                400,
                "VALIDATION_FAILED",
                "modelId");
        expectProblem(
                api.postJson("/thing-models", """
                        {"modelId":"long","name":"x","elements":{"measurePoints":[{"identifier":"%s","type":{"dataType":"INT"}}]}}""".formatted("p".repeat(129))), 400, "VALIDATION_FAILED", "identifier");
        expectProblem(api.postJson("/thing-models", """
                        {"modelId":"typed","name":"x","elements":{"measurePoints":[{"identifier":"a","type":{"dataType":"DECIMAL"}}]}}"""), 400, "VALIDATION_FAILED", "");
        api.postJson("/thing-models", FULL_MODEL).expectStatus().isCreated();
        expectProblem(api.postJson("/thing-models", FULL_MODEL), 409, "MODEL_ID_TAKEN", "'inverter'");
    }

    @Test
    void anUnusedModelMayChangeFreely() {
        api.postJson("/thing-models", FULL_MODEL).expectStatus().isCreated();

        api.putJson("/thing-models/inverter", """
                        {"name":"Inverter v2","elements":{"measurePoints":[{"identifier":"power","type":{"dataType":"STRING"}}]}}""")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Inverter v2")
                .jsonPath("$.version")
                .isEqualTo(2)
                .jsonPath("$.elements.measurePoints.length()")
                .isEqualTo(1)
                .jsonPath("$.elements.services.length()")
                .isEqualTo(0);
    }

    @Test
    void aUsedModelAcceptsAdditionsButNotRemovalsOrRetyping() {
        // given a model that a product uses
        Api.ProvisionedDevice device = api.provisionDevice("meter", Map.of("energy", "INT", "voltage", "DOUBLE"), "m1");
        String points = "{\"identifier\":\"energy\",\"type\":{\"dataType\":\"INT\",\"unit\":\"kWh\"}},"
                + "{\"identifier\":\"voltage\",\"type\":{\"dataType\":\"DOUBLE\",\"min\":0}}";

        // when an element is added and units and ranges change, then the change is accepted
        api.putJson(
                        "/thing-models/meter",
                        "{\"name\":\"Meter\",\"elements\":{\"measurePoints\":[" + points
                                + ",{\"identifier\":\"current\",\"type\":{\"dataType\":\"DOUBLE\"}}]}}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(2);

        // when a point is removed or retyped, then it is refused naming the product that uses the model
        expectProblem(
                api.putJson(
                        "/thing-models/meter",
                        "{\"name\":\"Meter\",\"elements\":{\"measurePoints\":[" + points + "]}}"),
                409,
                "MODEL_CHANGE_BREAKS_USERS",
                "measure point 'current' would be removed");
        expectProblem(
                api.putJson("/thing-models/meter", """
                        {"name":"Meter","elements":{"measurePoints":[
                          {"identifier":"energy","type":{"dataType":"DOUBLE"}},
                          {"identifier":"voltage","type":{"dataType":"DOUBLE"}},
                          {"identifier":"current","type":{"dataType":"DOUBLE"}}]}}"""),
                409,
                "MODEL_CHANGE_BREAKS_USERS",
                "'" + device.productKey() + "'");
        api.get("/thing-models/meter")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(2);
    }

    @Test
    void aParentModelCannotBreakTheProductsOfModelsThatExtendIt() {
        api.postJson("/thing-models", """
                        {"modelId":"base","name":"Base","elements":{"measurePoints":[{"identifier":"temp","type":{"dataType":"DOUBLE"}}]}}""").expectStatus().isCreated();
        api.postJson("/thing-models", """
                        {"modelId":"child","name":"Child","extends":"base",
                         "elements":{"measurePoints":[{"identifier":"hum","type":{"dataType":"DOUBLE"}}]}}""").expectStatus().isCreated();
        String product = api.createProduct("{\"name\":\"Sensor\",\"modelId\":\"child\"}");

        expectProblem(
                api.putJson("/thing-models/base", "{\"name\":\"Base\"}"), 409, "MODEL_CHANGE_BREAKS_USERS", product);
        expectProblem(api.putJson("/thing-models/base", """
                        {"name":"Base","elements":{"measurePoints":[
                          {"identifier":"temp","type":{"dataType":"DOUBLE"}},
                          {"identifier":"hum","type":{"dataType":"INT"}}]}}"""), 400, "MODEL_INVALID", "model 'child'");
    }

    @Test
    void aModelIsDeletedOnlyWhenNothingUsesIt() {
        api.provisionDevice("used", Map.of("x", "INT"), "d1");
        api.postJson("/thing-models", "{\"modelId\":\"parent\",\"name\":\"Parent\"}")
                .expectStatus()
                .isCreated();
        api.postJson("/thing-models", "{\"modelId\":\"kid\",\"name\":\"Kid\",\"extends\":\"parent\"}")
                .expectStatus()
                .isCreated();

        expectProblem(api.delete("/thing-models/used"), 409, "MODEL_IN_USE", "used by products");
        expectProblem(api.delete("/thing-models/parent"), 409, "MODEL_IN_USE", "'kid'");
        api.delete("/thing-models/kid").expectStatus().isNoContent();
        api.delete("/thing-models/parent").expectStatus().isNoContent();
        api.get("/thing-models/parent").expectStatus().isNotFound();
        expectProblem(api.delete("/thing-models/parent"), 404, "MODEL_NOT_FOUND", "'parent'");
    }

    @Test
    void listsFilterAndPageInAStableOrder() {
        for (String id : List.of("m5", "m1", "m4", "m2", "m3")) {
            api.postJson("/thing-models", "{\"modelId\":\"" + id + "\",\"name\":\"Meter " + id + "\"}")
                    .expectStatus()
                    .isCreated();
        }
        api.postJson("/thing-models", "{\"modelId\":\"x1\",\"name\":\"Other\",\"extends\":\"m2\"}")
                .expectStatus()
                .isCreated();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<?, ?> page = api.get(
                            "/thing-models?namePrefix=Meter&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            ((List<?>) page.get("items"))
                    .forEach(item -> seen.add(((Map<?, ?>) item).get("modelId").toString()));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);

        assertThat(seen).containsExactly("m1", "m2", "m3", "m4", "m5");
        api.get("/thing-models?extends=m2")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].modelId")
                .isEqualTo("x1")
                .jsonPath("$.items.length()")
                .isEqualTo(1);
        expectProblem(api.get("/thing-models?cursor=%%%"), 400, "VALIDATION_FAILED", "cursor");
    }

    private static void expectProblem(WebTestClient.ResponseSpec response, int status, String code, String detailPart) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith("application/problem+json")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains(detailPart));
    }
}
