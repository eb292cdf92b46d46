/** What tenants use against their quotas, as the platform measures and reports it. */
@NullMarked
package io.helio.admin.usage;

import org.jspecify.annotations.NullMarked;
