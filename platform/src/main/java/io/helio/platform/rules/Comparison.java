package io.helio.platform.rules;

/** How a window's aggregate is compared with the rule's threshold. */
enum Comparison {
    GT,
    GE,
    LT,
    LE,
    EQ,
    NE;

    boolean holds(double value, double threshold) {
        int order = Double.compare(value, threshold);
        return switch (this) {
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case EQ -> order == 0;
            case NE -> order != 0;
        };
    }
}
