/**
 * A tenant's people: users with a role, who log in at the authorization server and get tokens
 * whose scopes follow their role.
 */
@NullMarked
package io.helio.admin.user;

import org.jspecify.annotations.NullMarked;
