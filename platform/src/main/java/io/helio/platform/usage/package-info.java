/**
 * What tenants use: messages, points and API requests counted as they pass, device counts read
 * from the directory, reported to tenant-admin every few seconds for its usage API.
 */
@NullMarked
package io.helio.platform.usage;

import org.jspecify.annotations.NullMarked;
