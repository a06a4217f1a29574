package io.clientele.client.model;

import java.util.Optional;

/**
 * The image formats a profile photo upload may have, recognised by their magic bytes (never by
 * file name or declared content type). SVG and every other format are refused. Photos are stored
 * as {@link #JPEG} or {@link #PNG}: an uploaded WebP is re-encoded as one of them.
 */
public enum ImageType {
    /** JPEG: starts with {@code FF D8 FF}. */
    JPEG("image/jpeg"),
    /** PNG: starts with the 8-byte PNG signature. */
    PNG("image/png"),
    /** WebP: a RIFF container whose form type is {@code WEBP}. */
    WEBP("image/webp");

    /** How many leading bytes {@link #detect} needs. */
    public static final int MAGIC_LENGTH = 12;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String mediaType;

    ImageType(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The IANA media type, for example {@code image/png}. */
    public String mediaType() {
        return mediaType;
    }

    /** Recognises the format from the first bytes of a file; empty when it is none of these. */
    public static Optional<ImageType> detect(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, PNG_SIGNATURE, 0)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, new byte[] {'R', 'I', 'F', 'F'}, 0) && startsWith(head, new byte[] {'W', 'E', 'B', 'P'}, 8)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, byte[] prefix, int offset) {
        if (data.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
