/** A file-system implementation of the photo storage port, the default for a single studio. */
@NullMarked
package io.clientele.adapter.filesystem;

import org.jspecify.annotations.NullMarked;
