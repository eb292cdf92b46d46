/**
 * The whole of Helio on one machine: PostgreSQL, influxd, tenant-admin and platform as child
 * processes, a demo tenant and simulated devices. Used by the README's run command and by the
 * end-to-end tests.
 */
@NullMarked
package io.helio.local;

import org.jspecify.annotations.NullMarked;
