package io.helio.platform.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a change to a model's elements would break for devices that already use it: an element that
 * disappears, changes kind, or whose values would no longer read as before. Additions and changes
 * of names, units, ranges and labels break nothing.
 */
final class ModelCompatibility {

    private ModelCompatibility() {}

    static List<String> breakingChanges(ThingModelElements before, ThingModelElements after) {
        List<String> breaks = new ArrayList<>();
        before.all().forEach(old -> {
            Optional<ModelElement> changed = after.find(old.id());
            if (changed.isEmpty()) {
                breaks.add(old.kind() + " '" + old.id() + "' would be removed");
            } else if (!changed.get().kind().equals(old.kind())) {
                breaks.add(old.kind() + " '" + old.id() + "' would become a "
                        + changed.get().kind());
            } else {
                typeChange(old, changed.get()).ifPresent(breaks::add);
            }
        });
        return breaks;
    }

    private static Optional<String> typeChange(ModelElement old, ModelElement changed) {
        if (old instanceof MeasurePoint before && changed instanceof MeasurePoint after) {
            if (!before.type().sameShapeAs(after.type())) {
                return Optional.of(retyped(old, before.type(), after.type()));
            }
            if (before.hasQuality() != after.hasQuality()) {
                return Optional.of("measure point '" + old.id() + "' would change whether it carries a quality flag");
            }
        }
        if (old instanceof Attribute before
                && changed instanceof Attribute after
                && !before.type().sameShapeAs(after.type())) {
            return Optional.of(retyped(old, before.type(), after.type()));
        }
        if (old instanceof ThingService before
                && changed instanceof ThingService after
                && !(sameParameters(before.inputs(), after.inputs())
                        && sameParameters(before.outputs(), after.outputs()))) {
            return Optional.of("service '" + old.id() + "' would change its parameters");
        }
        if (old instanceof ThingEvent before
                && changed instanceof ThingEvent after
                && !sameParameters(before.outputs(), after.outputs())) {
            return Optional.of("event '" + old.id() + "' would change its outputs");
        }
        return Optional.empty();
    }

    private static String retyped(ModelElement element, ValueType before, ValueType after) {
        return element.kind() + " '" + element.id() + "' would change type from " + before.describe() + " to "
                + after.describe();
    }

    /** Every existing parameter kept with its shape; new parameters may be added. */
    private static boolean sameParameters(List<Parameter> before, List<Parameter> after) {
        return before.stream()
                .allMatch(old -> after.stream()
                        .anyMatch(candidate -> candidate.id().equals(old.id())
                                && candidate.type().sameShapeAs(old.type())));
    }
}
