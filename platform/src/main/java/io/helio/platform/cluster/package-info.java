/**
 * What the platform's nodes tell one another: PostgreSQL notifications on named channels, heard by
 * every node.
 */
@NullMarked
package io.helio.platform.cluster;

import org.jspecify.annotations.NullMarked;
