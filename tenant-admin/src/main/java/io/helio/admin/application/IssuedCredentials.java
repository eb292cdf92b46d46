package io.helio.admin.application;

/** A new application with its client secret in clear: returned once, never stored as such. */
public record IssuedCredentials(Application application, String clientSecret) {}
