/** Real infrastructure processes for tests and the local run: PostgreSQL and influxd. */
@NullMarked
package io.helio.infra;

import org.jspecify.annotations.NullMarked;
