package io.helio.platform.model;

import io.helio.errors.ApiException;
import io.helio.platform.api.model.AttributeDefinition;
import io.helio.platform.api.model.EventDefinition;
import io.helio.platform.api.model.MeasurePointDefinition;
import io.helio.platform.api.model.ServiceDefinition;
import io.helio.platform.error.PlatformError;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Between the contract's thing model types and the domain's. */
final class ThingModelApiMapper {

    private ThingModelApiMapper() {}

    /** The elements as the domain sees them; a definition that cannot be one answers MODEL_INVALID. */
    static ThingModelElements toDomain(io.helio.platform.api.model.@Nullable ThingModelElements elements) {
        if (elements == null) {
            return ThingModelElements.NONE;
        }
        try {
            return elementsOf(elements);
        } catch (IllegalArgumentException e) {
            throw new ApiException(PlatformError.MODEL_INVALID, e.getMessage());
        }
    }

    private static ThingModelElements elementsOf(io.helio.platform.api.model.ThingModelElements elements) {
        return new ThingModelElements(
                map(
                        elements.getAttributes(),
                        attribute -> new Attribute(
                                PointId.of(attribute.getIdentifier()),
                                attribute.getName(),
                                attribute.getDescription(),
                                toDomain(attribute.getType()),
                                Boolean.TRUE.equals(attribute.getRequired()))),
                map(
                        elements.getMeasurePoints(),
                        point -> new MeasurePoint(
                                PointId.of(point.getIdentifier()),
                                point.getName(),
                                point.getDescription(),
                                toDomain(point.getType()),
                                Boolean.TRUE.equals(point.getHasQuality()))),
                map(
                        elements.getServices(),
                        service -> new ThingService(
                                PointId.of(service.getIdentifier()),
                                service.getName(),
                                service.getDescription(),
                                ThingService.CallType.valueOf(
                                        service.getCallType().getValue()),
                                map(service.getInputs(), ThingModelApiMapper::toDomain),
                                map(service.getOutputs(), ThingModelApiMapper::toDomain))),
                map(
                        elements.getEvents(),
                        event -> new ThingEvent(
                                PointId.of(event.getIdentifier()),
                                event.getName(),
                                event.getDescription(),
                                map(event.getOutputs(), ThingModelApiMapper::toDomain))));
    }

    static io.helio.platform.api.model.ThingModel toApi(ThingModel model) {
        return new io.helio.platform.api.model.ThingModel(
                        model.id().value(),
                        model.name(),
                        toApi(model.own()),
                        toApi(model.inherited()),
                        model.version(),
                        model.createdAt().atOffset(ZoneOffset.UTC),
                        model.updatedAt().atOffset(ZoneOffset.UTC))
                .description(model.description())
                ._extends(model.parent() == null ? null : model.parent().value());
    }

    private static io.helio.platform.api.model.ThingModelElements toApi(ThingModelElements elements) {
        return new io.helio.platform.api.model.ThingModelElements()
                .attributes(map(
                        elements.attributes(),
                        attribute -> new AttributeDefinition(attribute.id().value(), toApi(attribute.type()))
                                .name(attribute.name())
                                .description(attribute.description())
                                .required(attribute.required())))
                .measurePoints(map(
                        elements.measurePoints(),
                        point -> new MeasurePointDefinition(point.id().value(), toApi(point.type()))
                                .name(point.name())
                                .description(point.description())
                                .hasQuality(point.hasQuality())))
                .services(map(
                        elements.services(),
                        service -> new ServiceDefinition(
                                        service.id().value(),
                                        ServiceDefinition.CallTypeEnum.fromValue(
                                                service.callType().name()))
                                .name(service.name())
                                .description(service.description())
                                .inputs(map(service.inputs(), ThingModelApiMapper::toApi))
                                .outputs(map(service.outputs(), ThingModelApiMapper::toApi))))
                .events(map(
                        elements.events(),
                        event -> new EventDefinition(event.id().value())
                                .name(event.name())
                                .description(event.description())
                                .outputs(map(event.outputs(), ThingModelApiMapper::toApi))));
    }

    private static Parameter toDomain(io.helio.platform.api.model.Parameter parameter) {
        return new Parameter(
                PointId.of(parameter.getIdentifier()),
                parameter.getName(),
                typeOf(parameter.getIdentifier(), parameter.getType()));
    }

    /** The type of the named element, or a refusal that names it. */
    private static ValueType typeOf(String identifier, io.helio.platform.api.model.ValueType type) {
        try {
            return toDomain(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + identifier + "': " + e.getMessage(), e);
        }
    }

    private static io.helio.platform.api.model.Parameter toApi(Parameter parameter) {
        return new io.helio.platform.api.model.Parameter(parameter.id().value(), toApi(parameter.type()))
                .name(parameter.name());
    }

    private static ValueType toDomain(io.helio.platform.api.model.ValueType type) {
        return new ValueType(
                DataType.valueOf(type.getDataType().getValue()),
                type.getUnit(),
                type.getMin(),
                type.getMax(),
                type.getMaxLength(),
                map(type.getEnumValues(), value -> new EnumValue(value.getValue(), value.getLabel())),
                type.getItemType() == null ? null : toDomain(type.getItemType()),
                type.getMaxSize(),
                map(
                        type.getFields(),
                        field -> new StructField(
                                PointId.of(field.getIdentifier()), field.getName(), toDomain(field.getType()))));
    }

    private static io.helio.platform.api.model.ValueType toApi(ValueType type) {
        return new io.helio.platform.api.model.ValueType(io.helio.platform.api.model.DataType.fromValue(
                        type.dataType().name()))
                .unit(type.unit())
                .min(type.min())
                .max(type.max())
                .maxLength(type.maxLength())
                .enumValues(
                        type.enumValues().isEmpty()
                                ? null
                                : map(
                                        type.enumValues(),
                                        value -> new io.helio.platform.api.model.EnumValue(
                                                value.value(), value.label())))
                .itemType(type.itemType() == null ? null : toApi(type.itemType()))
                .maxSize(type.maxSize())
                .fields(
                        type.fields().isEmpty()
                                ? null
                                : map(
                                        type.fields(),
                                        field -> new io.helio.platform.api.model.StructField(
                                                        field.id().value(), toApi(field.type()))
                                                .name(field.name())));
    }

    private static <A, B> List<B> map(@Nullable List<A> items, Function<A, B> mapping) {
        return items == null ? List.of() : items.stream().map(mapping).toList();
    }
}
