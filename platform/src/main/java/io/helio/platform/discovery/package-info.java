/** Protected resource metadata (RFC 9728): where clients get tokens for this API. */
@NullMarked
package io.helio.platform.discovery;

import org.jspecify.annotations.NullMarked;
