package io.clientele.adapter.smtp;

import io.clientele.common.ConfigurationException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a host's template overrides live: a directory, scanned when the composer is built, or a
 * classpath prefix, probed for the names it may hold (a classpath cannot be listed). Written {@code
 * file:/dir} or {@code classpath:/prefix} in configuration. Immutable and thread-safe.
 */
sealed interface TemplateLocation {

    /** The location as configuration writes it, for messages. */
    String describe();

    /** A directory of overrides: global ones at its top, a studio's in a folder named by its tenant id. */
    record Directory(Path path) implements TemplateLocation {
        @Override
        public String describe() {
            return "file:" + path;
        }
    }

    /** A classpath prefix of overrides (resource names, no leading slash; empty for the root). */
    record Classpath(String prefix) implements TemplateLocation {
        public Classpath {
            prefix = prefix.replaceAll("^/+", "").replaceAll("/+$", "");
        }

        @Override
        public String describe() {
            return "classpath:/" + prefix;
        }

        /** The resource name of {@code fileName} in this prefix, under {@code folder} if not empty. */
        String resource(String folder, String fileName) {
            String base = prefix.isEmpty() ? "" : prefix + "/";
            return base + (folder.isEmpty() ? "" : folder + "/") + fileName;
        }
    }

    /**
     * Parses {@code file:<path>} or {@code classpath:<prefix>}; anything else is refused, naming
     * {@code setting}.
     */
    static TemplateLocation parse(String setting, String value) {
        String location = value.strip();
        if (location.startsWith("file:") && location.length() > "file:".length()) {
            try {
                return new Directory(Path.of(location.substring("file:".length())));
            } catch (InvalidPathException e) {
                throw new ConfigurationException(setting + ": '" + location + "' is not a path");
            }
        }
        if (location.startsWith("classpath:")) {
            return new Classpath(location.substring("classpath:".length()));
        }
        throw new ConfigurationException(setting + ": '" + location
                + "' is not a template location: write file:/a/directory or classpath:/a/prefix");
    }
}
