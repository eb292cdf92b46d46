/** Benchmarks of the whole system, run against a local stack; results go to a report. */
@NullMarked
package io.helio.bench;

import org.jspecify.annotations.NullMarked;
