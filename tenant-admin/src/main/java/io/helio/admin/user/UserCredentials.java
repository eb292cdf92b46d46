package io.helio.admin.user;

/** A user and a password that is shown once. */
public record UserCredentials(User user, String password) {}
