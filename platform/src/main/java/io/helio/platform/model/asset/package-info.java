/** Asset trees: logical assets and devices arranged in trees, per tenant. */
@NullMarked
package io.helio.platform.model.asset;

import org.jspecify.annotations.NullMarked;
