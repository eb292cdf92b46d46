/** The data query API: raw measure point values. */
@NullMarked
package io.helio.platform.query;

import org.jspecify.annotations.NullMarked;
