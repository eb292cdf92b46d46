/** The API documentation: the contract from {@code api-spec/} and its browsable page. */
@NullMarked
package io.helio.platform.docs;

import org.jspecify.annotations.NullMarked;
