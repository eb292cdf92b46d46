/** The platform's share of the audit log: its API's writes, shipped to tenant-admin. */
@NullMarked
package io.helio.platform.audit;

import org.jspecify.annotations.NullMarked;
