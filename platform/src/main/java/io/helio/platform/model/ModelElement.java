package io.helio.platform.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An element of a thing model: attribute, measure point, service or event. */
public interface ModelElement {

    PointId id();

    /** What the element is, as messages name it: {@code measure point}, {@code service}, ... */
    String kind();

    static void requireDistinct(List<Parameter> parameters, String what) {
        Set<PointId> seen = new HashSet<>();
        for (Parameter parameter : parameters) {
            if (!seen.add(parameter.id())) {
                throw new IllegalArgumentException(what + " '" + parameter.id() + "' is defined twice");
            }
        }
    }
}
