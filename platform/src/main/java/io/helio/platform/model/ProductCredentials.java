package io.helio.platform.model;

/** What dynamic activation needs of a product: whether it allows it, and the secret its devices sign with. */
public record ProductCredentials(ProductKey product, boolean dynamicActivation, String secret) {}
