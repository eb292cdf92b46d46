/** The audit log: who changed what, when, and with what result. */
@NullMarked
package io.helio.admin.audit;

import org.jspecify.annotations.NullMarked;
