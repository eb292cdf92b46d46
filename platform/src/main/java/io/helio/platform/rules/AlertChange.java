package io.helio.platform.rules;

/** What happened to an alert: it opened, recovered, was acknowledged or closed. */
record AlertChange(String change, AlertRecord alert) {}
