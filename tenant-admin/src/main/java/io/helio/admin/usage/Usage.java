package io.helio.admin.usage;

import java.time.Instant;

/** One tenant's use over the platform's last report period. */
public record Usage(
        String tenantId,
        Instant measuredAt,
        int devices,
        int onlineDevices,
        double messagesPerSecond,
        double pointsPerSecond,
        double apiRequestsPerSecond) {}
