/** RFC 9457 problem details with stable codes, shared by Helio's HTTP services. */
@NullMarked
package io.helio.errors;

import org.jspecify.annotations.NullMarked;
