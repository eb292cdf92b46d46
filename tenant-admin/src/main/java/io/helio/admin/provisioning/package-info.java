/** What a tenant needs outside our tables: its time-series database. */
@NullMarked
package io.helio.admin.provisioning;

import org.jspecify.annotations.NullMarked;
