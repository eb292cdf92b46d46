package io.helio.platform.model;

/** One allowed value of an ENUM, with its label. */
public record EnumValue(long value, String label) {}
