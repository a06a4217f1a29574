package io.clientele.client.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.Images;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ImageTypeTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Example
    void jpeg_png_and_webp_are_recognised_by_their_magic_bytes() {
        assertThat(ImageType.detect(Images.jpeg())).contains(ImageType.JPEG);
        assertThat(ImageType.detect(Images.png())).contains(ImageType.PNG);
        assertThat(ImageType.detect(Images.webp())).contains(ImageType.WEBP);
    }

    @Example
    void each_type_has_its_iana_media_type() {
        assertThat(ImageType.JPEG.mediaType()).isEqualTo("image/jpeg");
        assertThat(ImageType.PNG.mediaType()).isEqualTo("image/png");
        assertThat(ImageType.WEBP.mediaType()).isEqualTo("image/webp");
    }

    @Example
    void svg_is_not_an_image_type() {
        assertThat(ImageType.detect(Images.svg())).isEmpty();
        assertThat(ImageType.detect("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void other_formats_and_truncated_signatures_are_not_image_types(@ForAll("notImages") byte[] head) {
        assertThat(ImageType.detect(head)).isEmpty();
    }

    @Example
    void the_shortest_recognisable_heads_are_enough() {
        assertThat(ImageType.detect(JPEG)).contains(ImageType.JPEG);
        assertThat(ImageType.detect(PNG)).contains(ImageType.PNG);
        assertThat(ImageType.detect(ascii("RIFF\0\0\0\0WEBP"))).contains(ImageType.WEBP);
        assertThat(ImageType.MAGIC_LENGTH).isEqualTo(12);
    }

    @Property
    void any_bytes_are_recognised_exactly_when_they_start_with_a_signature(@ForAll("heads") byte[] head) {
        Optional<ImageType> detected = ImageType.detect(head);

        assertThat(detected).isEqualTo(expected(head));
        assertThat(ImageType.detect(Arrays.copyOf(head, Math.min(head.length, ImageType.MAGIC_LENGTH))))
                .isEqualTo(detected);
    }

    @Property
    void a_signature_followed_by_any_bytes_is_recognised(
            @ForAll("types") ImageType type, @ForAll("heads") byte[] tail) {
        byte[] signature = switch (type) {
            case JPEG -> JPEG;
            case PNG -> PNG;
            case WEBP -> ascii("RIFF\u00ff\u00ff\u00ff\u00ffWEBP");
        };
        byte[] file = Arrays.copyOf(signature, signature.length + tail.length);
        System.arraycopy(tail, 0, file, signature.length, tail.length);

        assertThat(ImageType.detect(file)).contains(type);
    }

    /** The documented signatures, independently of {@link ImageType}. */
    private static Optional<ImageType> expected(byte[] head) {
        if (startsWith(head, JPEG, 0)) {
            return Optional.of(ImageType.JPEG);
        }
        if (startsWith(head, PNG, 0)) {
            return Optional.of(ImageType.PNG);
        }
        if (startsWith(head, ascii("RIFF"), 0) && startsWith(head, ascii("WEBP"), 8)) {
            return Optional.of(ImageType.WEBP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, byte[] prefix, int offset) {
        return data.length >= offset + prefix.length
                && Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Provide
    Arbitrary<byte[]> notImages() {
        return Arbitraries.of(
                new byte[0],
                new byte[] {(byte) 0xFF, (byte) 0xD8},
                Arrays.copyOf(PNG, 7),
                ascii("GIF89a\u0001\u0000\u0001\u0000\u0000\u0000"),
                ascii("BM\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"),
                ascii("RIFF\u0000\u0000\u0000\u0000WAVEfmt "),
                ascii("RIFF\u0000\u0000\u0000\u0000WEB"),
                ascii("\u0000\u0000\u0000\u0018ftypheic"),
                ascii("%PDF-1.7\n%\u00e2\u00e3"),
                ascii("<?xml version=\"1.0\"?><svg"),
                ascii("\u00ef\u00bb\u00bf<svg xmlns=\"http://www.w3.org/2000/svg\">"),
                ascii("PK\u0003\u0004"),
                ascii("WEBPRIFF\u0000\u0000\u0000\u0000"));
    }

    @Provide
    Arbitrary<byte[]> heads() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<byte[]> nearMisses = Arbitraries.bytes().withDistribution(net.jqwik.api.RandomDistribution.uniform())
                .array(byte[].class).ofMaxSize(16)
                .map(tail -> {
                    byte[] base = switch (tail.length % 3) {
                        case 0 -> JPEG;
                        case 1 -> PNG;
                        default -> ascii("RIFF\u0000\u0000\u0000\u0000WEBP");
                    };
                    byte[] bytes = Arrays.copyOf(base, Math.max(base.length, tail.length));
                    // flip one byte of the signature, or keep it intact
                    if (tail.length > 0 && tail[0] % 2 == 0) {
                        int at = Math.floorMod(tail[tail.length - 1], base.length);
                        bytes[at] = (byte) (bytes[at] ^ (1 + Math.floorMod(tail[0], 255)));
                    }
                    return bytes;
                });
        return Arbitraries.oneOf(random, nearMisses);
    }

    @Provide
    Arbitrary<ImageType> types() {
        return Arbitraries.of(ImageType.class);
    }
}
