package io.helio.platform.model.asset;

import io.helio.platform.model.ModelId;
import io.helio.platform.tenancy.TenantId;
import java.time.Instant;

/** A tree of assets; its id has the form of a model identifier. */
public record AssetTree(TenantId tenant, ModelId id, String name, Instant createdAt) {}
