/** Thing models, products and devices: what every device is an instance of. */
@NullMarked
package io.helio.platform.model;

import org.jspecify.annotations.NullMarked;
