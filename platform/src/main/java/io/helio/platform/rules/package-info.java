/**
 * Rules and alerts: conditions on devices' measure points, evaluated as devices post new values, and
 * the alerts they raise, with their lifecycle.
 */
@NullMarked
package io.helio.platform.rules;

import org.jspecify.annotations.NullMarked;
