package io.helio.platform.model.asset;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlatformTest
class AssetTreeTest {

    @Autowired
    WebTestClient web;

    Api api;
    Api.ProvisionedDevice turbine;
    String farm;
    String building;
    String device;

    @BeforeEach
    void windFarm() {
        api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        api.postJson("/thing-models", """
                        {"modelId":"site","name":"Site","elements":{"attributes":[
                          {"identifier":"region","type":{"dataType":"STRING"},"required":true},
                          {"identifier":"capacity","type":{"dataType":"DOUBLE","unit":"MW"}}]}}""").expectStatus().isCreated();
        turbine = api.provisionDevice("turbine", Map.of("speed", "DOUBLE"), "wtg-1");
        api.postJson("/asset-trees", "{\"treeId\":\"portfolio\",\"name\":\"Portfolio\"}")
                .expectStatus()
                .isCreated();
        farm = node(
                null,
                "North Farm",
                "\"asset\":{\"modelId\":\"site\",\"attributes\":{\"region\":\"north\",\"capacity\":120}}");
        building =
                node(farm, "Substation", "\"asset\":{\"modelId\":\"site\",\"attributes\":{\"region\":\"north-east\"}}");
        device = node(
                building,
                "Turbine 1",
                "\"device\":{\"productKey\":\"" + turbine.productKey() + "\",\"deviceKey\":\"wtg-1\"}");
    }

    @Test
    void nodesListTheirChildrenThePathFromTheRootAndAreFoundByNameOrAttribute() {
        assertThat(names("/asset-trees/portfolio/nodes/" + farm + "/children")).containsExactly("Substation");
        assertThat(names("/asset-trees/portfolio/nodes/" + device + "/path"))
                .containsExactly("North Farm", "Substation", "Turbine 1");
        assertThat(names("/asset-trees/portfolio/nodes?name=SUBST")).containsExactly("Substation");
        assertThat(names("/asset-trees/portfolio/nodes?attribute=region:north")).containsExactly("North Farm");
        api.get("/asset-trees/portfolio/nodes/" + device)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.device.deviceKey")
                .isEqualTo("wtg-1")
                .jsonPath("$.parentNodeId")
                .isEqualTo(building);
        api.get("/asset-trees/portfolio/nodes/" + farm)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.asset.attributes.capacity")
                .isEqualTo(120);
    }

    @Test
    void aSubtreeMovesAndIsDeletedAsAWhole() {
        String south =
                node(null, "South Farm", "\"asset\":{\"modelId\":\"site\",\"attributes\":{\"region\":\"south\"}}");

        api.postJson("/asset-trees/portfolio/nodes/" + building + "/move", "{\"parentNodeId\":\"" + south + "\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.parentNodeId")
                .isEqualTo(south);
        assertThat(names("/asset-trees/portfolio/nodes/" + device + "/path"))
                .containsExactly("South Farm", "Substation", "Turbine 1");
        assertThat(names("/asset-trees/portfolio/nodes/" + farm + "/children")).isEmpty();
        api.postJson("/asset-trees/portfolio/nodes/" + south + "/move", "{\"parentNodeId\":\"" + device + "\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ASSET_MOVE_INVALID");

        api.delete("/asset-trees/portfolio/nodes/" + south).expectStatus().isNoContent();
        api.get("/asset-trees/portfolio/nodes/" + device).expectStatus().isNotFound();
        api.get("/asset-trees/portfolio/nodes/" + building).expectStatus().isNotFound();
        api.get("/asset-trees/portfolio/nodes/" + farm).expectStatus().isOk();
    }

    @Test
    void nodesThatDoNotFitAreRefusedSayingWhy() {
        String nodes = "/asset-trees/portfolio/nodes";
        expect(api.postJson(nodes, "{\"name\":\"Nothing\"}"), 400, "ASSET_NODE_INVALID");
        expect(
                api.postJson(
                        nodes,
                        "{\"name\":\"Both\",\"asset\":{\"modelId\":\"site\"},\"device\":{\"productKey\":\""
                                + turbine.productKey() + "\",\"deviceKey\":\"wtg-1\"}}"),
                400,
                "ASSET_NODE_INVALID");
        expect(
                api.postJson(nodes, "{\"name\":\"No region\",\"asset\":{\"modelId\":\"site\"}}"),
                400,
                "ASSET_NODE_INVALID");
        expect(
                api.postJson(
                        nodes,
                        "{\"name\":\"Ghost\",\"device\":{\"productKey\":\"" + turbine.productKey()
                                + "\",\"deviceKey\":\"nope\"}}"),
                404,
                "DEVICE_NOT_FOUND");
        expect(
                api.postJson(
                        nodes,
                        "{\"name\":\"Orphan\",\"parentNodeId\":\"nAAAAAAAAAAAA\",\"asset\":{\"modelId\":\"site\",\"attributes\":{\"region\":\"x\"}}}"),
                404,
                "ASSET_NODE_NOT_FOUND");
        expect(api.get("/asset-trees/elsewhere/nodes/" + farm), 404, "ASSET_TREE_NOT_FOUND");
        expect(
                api.postJson("/asset-trees", "{\"treeId\":\"portfolio\",\"name\":\"Again\"}"),
                409,
                "ASSET_TREE_ID_TAKEN");
        expect(api.delete("/thing-models/site"), 409, "MODEL_IN_USE");
    }

    @Test
    void anotherTenantSeesNoneOfTheTree() {
        Api other = Api.forTenant(web, PlatformTestEnvironment.newTenant());

        other.get("/asset-trees/portfolio/nodes/" + farm).expectStatus().isNotFound();
        other.get("/asset-trees")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(0);
        other.postJson("/asset-trees", "{\"treeId\":\"mine\",\"name\":\"Mine\"}")
                .expectStatus()
                .isCreated();
        other.postJson(
                        "/asset-trees/mine/nodes",
                        "{\"name\":\"Stolen\",\"device\":{\"productKey\":\"" + turbine.productKey()
                                + "\",\"deviceKey\":\"wtg-1\"}}")
                .expectStatus()
                .isNotFound();
    }

    private String node(String parent, String name, String binding) {
        return api.postJson(
                        "/asset-trees/portfolio/nodes",
                        "{" + (parent == null ? "" : "\"parentNodeId\":\"" + parent + "\",") + "\"name\":\"" + name
                                + "\"," + binding + "}")
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("nodeId")
                .toString();
    }

    private List<String> names(String path) {
        Map<?, ?> page = api.get(path)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return ((List<?>) page.get("items"))
                .stream().map(item -> ((Map<?, ?>) item).get("name").toString()).toList();
    }

    private static void expect(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus()
                .isEqualTo(status)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }
}
