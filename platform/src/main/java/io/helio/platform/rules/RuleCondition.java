package io.helio.platform.rules;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DataType;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.model.ThingModel;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A rule's condition, compiled once: a CEL expression over the model's scalar measure points. CEL
 * has no loops beyond bounded macros, no side effects and no access to Java objects: a tenant's
 * expression can read the values it is given and nothing else.
 */
final class RuleCondition {

    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(1_000)
            .build();
    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    private final CelRuntime.Program program;

    private RuleCondition(CelRuntime.Program program) {
        this.program = program;
    }

    /** Compiles the expression against the model; a 400 {@code RULE_INVALID} with the compiler's words otherwise. */
    static RuleCondition compile(String expression, ThingModel model) {
        CelCompilerBuilder compiler = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setResultType(SimpleType.BOOL);
        Map<String, CelType> declared = new HashMap<>();
        for (MeasurePoint point : model.elements().measurePoints()) {
            celType(point.type().dataType())
                    .ifPresent(type -> declared.put(point.id().value(), type));
        }
        declared.forEach(compiler::addVar);
        CelCompiler built = compiler.build();
        try {
            return new RuleCondition(
                    RUNTIME.createProgram(built.compile(expression).getAst()));
        } catch (CelValidationException e) {
            throw invalid(e.getMessage());
        } catch (CelEvaluationException e) {
            throw invalid("the expression cannot run: " + e.getMessage());
        }
    }

    /** Whether the condition holds for these values (by point); empty when a point it reads has no value yet. */
    Optional<Boolean> test(Map<String, Object> values) {
        // the program asks for the points it reads (declared ones only, the compiler saw to that):
        // nothing is copied for it
        CelVariableResolver known = point -> Optional.ofNullable(values.get(point));
        try {
            return Optional.of(Boolean.TRUE.equals(program.eval(known)));
        } catch (CelEvaluationException missingOrFailed) {
            return Optional.empty();
        }
    }

    /** Whether conditions can read the point (arrays and structs they cannot). */
    static boolean readable(MeasurePoint point) {
        return celType(point.type().dataType()).isPresent();
    }

    private static Optional<CelType> celType(DataType type) {
        return switch (type) {
            case INT, ENUM, TIMESTAMP -> Optional.of(SimpleType.INT);
            case FLOAT, DOUBLE -> Optional.of(SimpleType.DOUBLE);
            case BOOL -> Optional.of(SimpleType.BOOL);
            case STRING, DATE -> Optional.of(SimpleType.STRING);
            case ARRAY, STRUCT -> Optional.empty();
        };
    }

    private static ApiException invalid(String why) {
        return new ApiException(PlatformError.RULE_INVALID, "the rule's expression is not valid: " + why);
    }
}
