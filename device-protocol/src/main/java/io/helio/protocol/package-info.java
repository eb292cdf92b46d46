/** The EnOS device protocol's CONNECT credentials and signature, shared by the platform and the edge bridge. */
@NullMarked
package io.helio.protocol;

import org.jspecify.annotations.NullMarked;
