package io.helio.platform.model;

/** A new product with its secret in clear: returned once, then kept only encrypted. */
public record CreatedProduct(Product product, String secret) {}
