package io.helio.platform.timeseries;

/**
 * Field names of the point schema. A point's quality flag is stored beside its value under a name no
 * identifier can have ({@code @} is not allowed in identifiers), so the two never collide.
 */
public final class FieldNames {

    private static final String QUALITY_SUFFIX = "@quality";

    private FieldNames() {}

    public static String quality(String point) {
        return point + QUALITY_SUFFIX;
    }
}
