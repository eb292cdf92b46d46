package io.helio.platform.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a test fails because a call was never answered, logs every thread's stack: a hang seen once
 * in many runs should leave the evidence of where it waited.
 */
public class ThreadDumpOnHang implements TestExecutionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ThreadDumpOnHang.class);

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (String.valueOf(failure.getMessage()).contains("Timeout on blocking read")) {
            logThreads(context.getDisplayName());
        }
        throw failure;
    }

    /** Logs every thread's stack, saying what was not answered. */
    public static void logThreads(String unanswered) {
        log.error(
                "{} was not answered in time; threads now:\n{}",
                unanswered,
                Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(true, true))
                        .map(ThreadDumpOnHang::describe)
                        .collect(Collectors.joining("\n")));
    }

    private static String describe(ThreadInfo thread) {
        StringBuilder text = new StringBuilder("\"" + thread.getThreadName() + "\" " + thread.getThreadState());
        if (thread.getLockName() != null) {
            text.append(" on ").append(thread.getLockName());
        }
        if (thread.getLockOwnerName() != null) {
            text.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("\n    at ").append(frame);
        }
        return text.toString();
    }
}
