/** The tenant of the current request, taken from the validated token only; the API's security. */
@NullMarked
package io.helio.platform.tenancy;

import org.jspecify.annotations.NullMarked;
