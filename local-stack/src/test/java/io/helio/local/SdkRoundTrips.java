package io.helio.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.infra.TestKeyStore;
import io.helio.sdk.HelioApiException;
import io.helio.sdk.HelioClient;
import io.helio.sdk.platform.model.AssetNode;
import io.helio.sdk.platform.model.AssetNodeCreate;
import io.helio.sdk.platform.model.AssetNodeMove;
import io.helio.sdk.platform.model.AssetTreeCreate;
import io.helio.sdk.platform.model.AttributeDefinition;
import io.helio.sdk.platform.model.CreatedDevice;
import io.helio.sdk.platform.model.DataType;
import io.helio.sdk.platform.model.DeviceCertificate;
import io.helio.sdk.platform.model.DeviceCertificateRegistration;
import io.helio.sdk.platform.model.DeviceCreate;
import io.helio.sdk.platform.model.DeviceRef;
import io.helio.sdk.platform.model.DeviceStatus;
import io.helio.sdk.platform.model.DeviceUpdate;
import io.helio.sdk.platform.model.EnumValue;
import io.helio.sdk.platform.model.EventDefinition;
import io.helio.sdk.platform.model.LogicalAsset;
import io.helio.sdk.platform.model.MeasurePointDefinition;
import io.helio.sdk.platform.model.Parameter;
import io.helio.sdk.platform.model.ProductCreate;
import io.helio.sdk.platform.model.ProductType;
import io.helio.sdk.platform.model.ServiceDefinition;
import io.helio.sdk.platform.model.ThingModelCreate;
import io.helio.sdk.platform.model.ThingModelElements;
import io.helio.sdk.platform.model.ThingModelUpdate;
import io.helio.sdk.platform.model.ValueType;
import java.util.List;
import java.util.Map;

/** Every model-management operation of the platform API, called through the generated SDK. */
final class SdkRoundTrips {

    private SdkRoundTrips() {}

    static void modelsProductsDevicesAndAssets(HelioClient helio) throws Exception {
        // thing models: every element kind, extension, update, list, delete
        helio.thingModels()
                .createThingModel(new ThingModelCreate()
                        .modelId("meter")
                        .name("Meter")
                        .elements(new ThingModelElements()
                                .attributes(List.of(new AttributeDefinition()
                                        .identifier("serial")
                                        .type(type(DataType.STRING))
                                        .required(true)))
                                .measurePoints(List.of(
                                        new MeasurePointDefinition()
                                                .identifier("kwh")
                                                .type(type(DataType.DOUBLE).unit("kWh"))
                                                .hasQuality(true),
                                        new MeasurePointDefinition()
                                                .identifier("state")
                                                .type(type(DataType.ENUM)
                                                        .enumValues(List.of(
                                                                new EnumValue()
                                                                        .value(0L)
                                                                        .label("off"),
                                                                new EnumValue()
                                                                        .value(1L)
                                                                        .label("on"))))))
                                .services(List.of(new ServiceDefinition()
                                        .identifier("reset")
                                        .callType(ServiceDefinition.CallTypeEnum.SYNC)
                                        .inputs(List.of(new Parameter()
                                                .identifier("hard")
                                                .type(type(DataType.BOOL))))))
                                .events(List.of(new EventDefinition().identifier("tamper")))));
        helio.thingModels()
                .createThingModel(new ThingModelCreate()
                        .modelId("smartMeter")
                        .name("Smart meter")
                        ._extends("meter"));
        assertThat(helio.thingModels()
                        .getThingModel("smartMeter")
                        .getInheritedElements()
                        .getMeasurePoints())
                .extracting(MeasurePointDefinition::getIdentifier)
                .containsExactly("kwh", "state");
        assertThat(helio.thingModels()
                        .updateThingModel(
                                "smartMeter",
                                new ThingModelUpdate()
                                        .name("Smart meter v2")
                                        .elements(new ThingModelElements()
                                                .measurePoints(List.of(new MeasurePointDefinition()
                                                        .identifier("voltage")
                                                        .type(type(DataType.DOUBLE))))))
                        .getVersion())
                .isEqualTo(2);
        assertThat(helio.thingModels().listThingModels("Smart", null, 10, null).getItems())
                .hasSize(1);
        assertThatThrownBy(() -> helio.thingModels()
                        .createThingModel(
                                new ThingModelCreate().modelId("meter").name("Again")))
                .isInstanceOfSatisfying(
                        HelioApiException.Conflict.class,
                        e -> assertThat(e.code()).isEqualTo("MODEL_ID_TAKEN"));

        // products and devices
        String meters = helio.products()
                .createProduct(new ProductCreate().name("Meters").modelId("meter"))
                .getProduct()
                .getProductKey();
        String gateways = helio.products()
                .createProduct(
                        new ProductCreate().name("Gateways").modelId("meter").type(ProductType.GATEWAY))
                .getProduct()
                .getProductKey();
        assertThat(helio.products().getProduct(gateways).getType()).isEqualTo(ProductType.GATEWAY);
        assertThat(helio.products()
                        .listProducts(null, ProductType.GATEWAY, 10, null)
                        .getItems())
                .hasSize(1);
        CreatedDevice meter = helio.devices()
                .createDevice(
                        meters,
                        new DeviceCreate()
                                .deviceKey("m-1")
                                .name("Meter 1")
                                .timeZone("Europe/Paris")
                                .attributes(Map.of("serial", "S1"))
                                .tags(Map.of("site", "paris")));
        helio.devices()
                .createDevice(
                        gateways,
                        new DeviceCreate().deviceKey("gw-1").name("Gateway").attributes(Map.of("serial", "G1")));
        assertThat(helio.devices()
                        .listDevices(null, null, "site:paris", null, 10, null)
                        .getItems())
                .extracting(io.helio.sdk.platform.model.Device::getDeviceKey)
                .containsExactly("m-1");
        assertThat(helio.devices()
                        .updateDevice(meters, "m-1", new DeviceUpdate().name("Main meter"))
                        .getName())
                .isEqualTo("Main meter");
        assertThat(helio.devices().disableDevice(meters, "m-1").getStatus()).isEqualTo(DeviceStatus.DISABLED);
        assertThat(helio.devices().enableDevice(meters, "m-1").getStatus()).isEqualTo(DeviceStatus.INACTIVE);
        assertThat(helio.devices().rotateDeviceSecret(meters, "m-1").getDeviceSecret())
                .isNotEqualTo(meter.getDeviceSecret());
        helio.devices()
                .addSubDevice(
                        gateways, "gw-1", new DeviceRef().productKey(meters).deviceKey("m-1"));
        assertThat(helio.devices().listSubDevices(gateways, "gw-1").getItems())
                .extracting(DeviceRef::getDeviceKey)
                .containsExactly("m-1");
        helio.devices().removeSubDevice(gateways, "gw-1", meters, "m-1");

        // client certificates of a device whose product requires one
        String pinned = helio.products()
                .createProduct(
                        new ProductCreate().name("Pinned").modelId("meter").certificateRequired(true))
                .getProduct()
                .getProductKey();
        assertThat(helio.products().getProduct(pinned).getCertificateRequired()).isTrue();
        helio.devices()
                .createDevice(
                        pinned,
                        new DeviceCreate().deviceKey("p-1").name("Pinned 1").attributes(Map.of("serial", "P1")));
        String fingerprint = helio.deviceCertificates()
                .registerDeviceCertificate(
                        pinned,
                        "p-1",
                        new DeviceCertificateRegistration()
                                .certificate(TestKeyStore.clientKey("p-1").certificatePem()))
                .getFingerprint();
        assertThat(helio.deviceCertificates()
                        .listDeviceCertificates(pinned, "p-1")
                        .getItems())
                .extracting(DeviceCertificate::getFingerprint)
                .containsExactly(fingerprint);
        helio.deviceCertificates().revokeDeviceCertificate(pinned, "p-1", fingerprint);
        assertThat(helio.deviceCertificates()
                        .listDeviceCertificates(pinned, "p-1")
                        .getItems())
                .isEmpty();

        // asset trees
        helio.assetTrees().createAssetTree(new AssetTreeCreate().treeId("sites").name("Sites"));
        AssetNode paris = helio.assetTrees()
                .createAssetNode(
                        "sites",
                        new AssetNodeCreate()
                                .name("Paris")
                                .asset(new LogicalAsset().modelId("meter").attributes(Map.of("serial", "SITE-1"))));
        AssetNode lyon = helio.assetTrees()
                .createAssetNode(
                        "sites",
                        new AssetNodeCreate()
                                .name("Lyon")
                                .asset(new LogicalAsset().modelId("meter").attributes(Map.of("serial", "SITE-2"))));
        AssetNode node = helio.assetTrees()
                .createAssetNode(
                        "sites",
                        new AssetNodeCreate()
                                .name("Meter 1")
                                .parentNodeId(paris.getNodeId())
                                .device(new DeviceRef().productKey(meters).deviceKey("m-1")));
        helio.assetTrees()
                .moveAssetSubtree("sites", node.getNodeId(), new AssetNodeMove().parentNodeId(lyon.getNodeId()));
        assertThat(helio.assetTrees().getAssetPath("sites", node.getNodeId()).getItems())
                .extracting(AssetNode::getName)
                .containsExactly("Lyon", "Meter 1");
        assertThat(helio.assetTrees()
                        .listAssetChildren("sites", lyon.getNodeId())
                        .getItems())
                .hasSize(1);
        assertThat(helio.assetTrees()
                        .searchAssetNodes("sites", null, "serial:SITE-1")
                        .getItems())
                .extracting(AssetNode::getName)
                .containsExactly("Paris");
        helio.assetTrees().deleteAssetSubtree("sites", lyon.getNodeId());
        assertThatThrownBy(() -> helio.assetTrees().getAssetNode("sites", node.getNodeId()))
                .isInstanceOf(HelioApiException.NotFound.class);
        assertThat(helio.assetTrees().listAssetTrees().getItems()).hasSize(1);
        helio.assetTrees().deleteAssetTree("sites");

        // deletions
        helio.devices().deleteDevice(meters, "m-1");
        assertThatThrownBy(() -> helio.devices().getDevice(meters, "m-1"))
                .isInstanceOf(HelioApiException.NotFound.class);
        helio.thingModels().deleteThingModel("smartMeter");
        assertThatThrownBy(() -> helio.thingModels().getThingModel("smartMeter"))
                .isInstanceOf(HelioApiException.NotFound.class);
    }

    private static ValueType type(DataType dataType) {
        return new ValueType().dataType(dataType);
    }
}
