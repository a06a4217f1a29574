/**
 * JSON encoding with Jackson, the one place of the core that knows a JSON library: the data
 * export's encoder.
 */
@NullMarked
package io.clientele.adapter.json;

import org.jspecify.annotations.NullMarked;
