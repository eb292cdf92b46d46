/** The OAuth2 authorization server (tokens, JWKS) and the API's resource-server security. */
@NullMarked
package io.helio.admin.auth;

import org.jspecify.annotations.NullMarked;
