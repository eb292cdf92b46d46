/** A tenant's applications: OAuth2 clients with client credentials. */
@NullMarked
package io.helio.admin.application;

import org.jspecify.annotations.NullMarked;
