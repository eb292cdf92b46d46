/** Protected resource metadata (RFC 9728): where clients get tokens. */
@NullMarked
package io.helio.admin.discovery;

import org.jspecify.annotations.NullMarked;
