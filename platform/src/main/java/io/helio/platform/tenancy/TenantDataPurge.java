package io.helio.platform.tenancy;

import reactor.core.publisher.Mono;

/** Removes everything the platform keeps of a tenant that tenant-admin has deleted. */
public interface TenantDataPurge {

    Mono<Void> purge(TenantId tenant);
}
