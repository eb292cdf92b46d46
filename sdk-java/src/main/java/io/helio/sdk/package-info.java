/**
 * The hand-written face of the Helio SDK: build a client from a base URL and an application's
 * credentials; it finds the authorization server, obtains and refreshes tokens, and turns problem
 * responses into {@link io.helio.sdk.HelioApiException}s. The operations themselves are the
 * generated APIs in {@code io.helio.sdk.platform.api} and {@code io.helio.sdk.admin.api}.
 */
@NullMarked
package io.helio.sdk;

import org.jspecify.annotations.NullMarked;
