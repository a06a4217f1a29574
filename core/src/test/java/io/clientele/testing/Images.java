package io.clientele.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Byte contents of small images (valid magic bytes) and of things that are not images. */
public final class Images {

    private Images() {
    }

    public static byte[] png(int size) {
        byte[] bytes = filler(size);
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    public static byte[] jpeg(int size) {
        byte[] bytes = filler(size);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        return bytes;
    }

    public static byte[] webp(int size) {
        byte[] bytes = filler(size);
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, 4);
        return bytes;
    }

    public static byte[] svg() {
        return "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filler(int size) {
        byte[] bytes = new byte[Math.max(size, 16)];
        Arrays.fill(bytes, (byte) 0x42);
        return bytes;
    }
}
