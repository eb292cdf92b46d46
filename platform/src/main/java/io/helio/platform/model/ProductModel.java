package io.helio.platform.model;

/** A product together with its thing model: what ingestion validates a device's data against. */
public record ProductModel(Product product, ThingModel model) {}
