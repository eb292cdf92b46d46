/** The data plane's error catalogue and its rendering as RFC 9457 problem details. */
@NullMarked
package io.helio.platform.error;

import org.jspecify.annotations.NullMarked;
