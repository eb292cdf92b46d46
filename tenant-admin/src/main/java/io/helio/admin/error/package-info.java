/** The error catalogue and its rendering as RFC 9457 problem details. */
@NullMarked
package io.helio.admin.error;

import org.jspecify.annotations.NullMarked;
