/** Normalization at the edge: local point names and units mapped to the model's before upload. */
@NullMarked
package io.helio.edge.mapping;

import org.jspecify.annotations.NullMarked;
