package io.clientele.client.service;

import static io.clientele.testing.Images.BLUE;
import static io.clientele.testing.Images.GREEN;
import static io.clientele.testing.Images.RED;
import static io.clientele.testing.Images.WHITE;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.jpeg.JpegCommentDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.model.ImageType;
import io.clientele.client.model.PhotoRef;
import io.clientele.common.ValidationException;
import io.clientele.testing.Images;
import io.clientele.testing.TestClientele;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7, point 15: an upload is read by a real image reader before anything is stored, its
 * dimensions are bounded before its pixels are decoded, and what is stored is a re-encoded copy
 * without metadata, turned upright. Every refusal leaves the stored state as it was.
 */
class PhotoUploadHardeningTest {

    private static final String PERSON = "Ottoline Vexmoor, ottoline@vexmoor.example";

    private final TestClientele t = new TestClientele();
    private final PhotoService photos = t.clientele.photos();
    private final Client ana = t.ana();

    // ---- the header and the body must be what the magic bytes claim ----

    @Test
    void a_png_signature_followed_by_junk_is_refused() {
        assertRefused(Images.followedByJunk(Images.png(), 8, 400), "corrupt");
    }

    @Test
    void a_jpeg_frame_header_followed_by_junk_is_refused() {
        byte[] jpeg = Images.jpeg();
        int frameHeader = Images.jpegFrameHeader(jpeg);
        int frameHeaderEnd = frameHeader + 2 + ((jpeg[frameHeader + 2] & 0xFF) << 8 | (jpeg[frameHeader + 3] & 0xFF));

        assertRefused(Images.followedByJunk(jpeg, frameHeaderEnd, 400), "corrupt");
    }

    @Test
    void a_webp_chunk_header_followed_by_junk_is_refused() {
        // RIFF header (12 bytes), VP8 chunk header (8) and frame tag and start code (10), then junk
        assertRefused(Images.followedByJunk(Images.webp(), 30, 400), "corrupt");
    }

    static Stream<Arguments> malformedUploads() {
        byte[] png = Images.png();
        byte[] jpeg = Images.jpeg();
        int scan = Images.jpegScanData(jpeg);
        byte[] corruptScan = Images.followedByJunk(jpeg, scan, jpeg.length - scan);
        corruptScan[corruptScan.length - 2] = (byte) 0xFF;
        corruptScan[corruptScan.length - 1] = (byte) 0xD9;
        byte[] withoutFrame = Arrays.copyOf(jpeg, Images.jpegFrameHeader(jpeg) + 2);
        withoutFrame[withoutFrame.length - 2] = (byte) 0xFF;
        withoutFrame[withoutFrame.length - 1] = (byte) 0xD9;
        byte[] withoutIhdr = new byte[png.length - 25];
        System.arraycopy(png, 0, withoutIhdr, 0, 8);
        System.arraycopy(png, 8 + 25, withoutIhdr, 8, png.length - 8 - 25);
        byte[] lossless = Images.webp("lossless");
        byte[] extended = Images.webp("transparent-lossy");
        return Stream.of(
                Arguments.of("png: IHDR, then junk", Images.followedByJunk(png, 8 + 25, 400)),
                Arguments.of("png: no IHDR chunk", withoutIhdr),
                Arguments.of("png: IHDR claiming 0 x 0", Images.pngWithIhdr(0, 0, new byte[8])),
                Arguments.of("png: cut in half", Arrays.copyOf(png, png.length / 2)),
                Arguments.of("jpeg: signature, then junk", Images.followedByJunk(jpeg, 3, 400)),
                Arguments.of("jpeg: tables but no frame header", withoutFrame),
                Arguments.of("jpeg: frame header claiming 0 x 0", Images.withJpegFrameSize(jpeg, 0, 0)),
                Arguments.of("jpeg: junk image data", corruptScan),
                Arguments.of("jpeg: cut in the image data", Arrays.copyOf(jpeg, scan + (jpeg.length - scan) / 2)),
                Arguments.of("webp: RIFF header, then junk", Images.followedByJunk(Images.webp(), 12, 400)),
                Arguments.of("webp: VP8L header, then junk", Images.followedByJunk(lossless, 25, 400)),
                Arguments.of("webp: VP8X header, then junk", Images.followedByJunk(extended, 30, 400)),
                Arguments.of("webp: cut short", Arrays.copyOf(Images.webp(), Images.webp().length * 2 / 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedUploads")
    void an_upload_whose_structure_is_not_what_its_magic_bytes_claim_is_refused_as_corrupt(String what,
            byte[] upload) {
        assertRefused(upload, "corrupt");
    }

    @Test
    void a_refused_replacement_keeps_the_current_photo_and_its_bytes() {
        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(Images.png())).photo().orElseThrow();
        byte[] kept = t.memory.photos().load(TENANT, ref.key()).orElseThrow();
        Client withPhoto = t.reload(ana.id());
        Map<String, List<String>> before = t.storedState();

        ValidationException e = catchThrowableOfType(() -> photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(Images.followedByJunk(Images.jpeg(), 3, 400))), ValidationException.class);

        assertThat(e.rule()).isEqualTo("corrupt");
        assertThat(t.reload(ana.id())).isEqualTo(withPhoto);
        assertThat(t.memory.photos().size()).isEqualTo(1);
        assertThat(t.memory.photos().load(TENANT, ref.key())).hasValueSatisfying(b -> assertThat(b).isEqualTo(kept));
        assertThat(t.storedState()).isEqualTo(before);
    }

    // ---- dimensions are bounded before decoding ----

    @Test
    void a_decompression_bomb_is_refused_before_decoding() {
        // 8,000 x 8,000 = 64 million pixels in a few kilobytes: over the 50 million pixel limit
        byte[] bomb = Images.blackPng(8000, 8000);
        // a header claiming 60,000 x 60,000 pixels (450 MB at one bit per pixel) over junk pixel data:
        // decoding first would have answered "corrupt", or run out of memory
        byte[] claim = Images.pngWithIhdr(60_000, 60_000, new byte[] {1, 2, 3, 4});

        assertThat(bomb.length).as("the bomb is small").isLessThan(20_000);
        assertRefused(bomb, "dimensions");
        assertRefused(claim, "dimensions");
    }

    static Stream<Arguments> oversized() {
        return Stream.of(
                Arguments.of("png one pixel too wide", Images.blackPng(10_001, 1)),
                Arguments.of("png one pixel too tall", Images.blackPng(1, 10_001)),
                Arguments.of("png one pixel over 50 million", Images.blackPng(10_000, 5_000 + 1)),
                Arguments.of("jpeg claiming 60,000 x 60,000", Images.withJpegFrameSize(Images.jpeg(), 60_000, 60_000)),
                Arguments.of("jpeg claiming 12,000 x 100", Images.withJpegFrameSize(Images.jpeg(), 12_000, 100)),
                Arguments.of("webp canvas of 20,000 x 20,000", Images.webpWithCanvas(20_000, 20_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversized")
    void an_upload_over_the_dimension_limits_is_refused(String what, byte[] upload) {
        assertRefused(upload, "dimensions");
    }

    @Test
    void a_photo_at_the_dimension_limits_is_accepted_and_stored_scaled_down() {

        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(Images.blackPng(10_000, 5_000))).photo().orElseThrow();

        // every fifth pixel each way: the smallest whole step that fits 10,000 into 2,048
        BufferedImage stored = stored(ref);
        assertThat(ref.type()).isEqualTo(ImageType.PNG);
        assertThat(stored.getWidth()).isEqualTo(2000);
        assertThat(stored.getHeight()).isEqualTo(1000);
        assertThat(stored.getRGB(1999, 999) & 0xFFFFFF).isZero();
    }

    @Test
    void a_large_photo_is_stored_at_most_2048_pixels_on_its_longest_side() {

        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()), stream(Images.jpeg(3000,
                2000))).photo().orElseThrow();

        BufferedImage stored = stored(ref);
        assertThat(stored.getWidth()).isEqualTo(1500);
        assertThat(stored.getHeight()).isEqualTo(1000);
        assertCorners(stored, RED, GREEN, BLUE, WHITE);
        assertThat(PhotoService.STORED_MAX_SIDE_PIXELS).isEqualTo(2048);
    }

    // ---- what is stored keeps no metadata ----

    @Test
    void a_jpeg_with_exif_gps_and_xmp_is_stored_without_them() {
        byte[] upload = Images.jpegWithMetadata(PERSON, 1);
        assertThat(directoryNames(upload)).as("what the upload holds")
                .contains("Exif IFD0", "GPS", "XMP", "JpegComment");

        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(upload)).photo().orElseThrow();

        assertThat(ref.type()).isEqualTo(ImageType.JPEG);
        assertNoMetadata(storedBytes(ref));
    }

    @Test
    void a_png_with_exif_gps_xmp_and_text_chunks_is_stored_without_them() {
        byte[] upload = Images.pngWithMetadata(PERSON, 1);
        assertThat(directoryNames(upload)).as("what the upload holds").contains("Exif IFD0", "GPS", "XMP");
        assertThat(new String(upload, StandardCharsets.ISO_8859_1)).contains("tEXtAuthor");

        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(upload)).photo().orElseThrow();

        byte[] stored = storedBytes(ref);
        assertThat(ref.type()).isEqualTo(ImageType.PNG);
        assertNoMetadata(stored);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("tEXt", "iTXt", "zTXt", "eXIf");
        assertThat(metadata(stored).getDirectoriesOfType(PngDirectory.class))
                .noneMatch(d -> d.containsTag(PngDirectory.TAG_TEXTUAL_DATA));
    }

    @Test
    void a_webp_with_exif_gps_and_xmp_is_stored_without_them() {
        byte[] upload = Images.webpWithMetadata();
        assertThat(directoryNames(upload)).as("what the upload holds").contains("Exif IFD0", "GPS", "XMP");

        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(upload)).photo().orElseThrow();

        byte[] stored = storedBytes(ref);
        assertNoMetadata(stored);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(Images.WEBP_METADATA_TEXT);
    }

    @Test
    void bytes_after_the_end_of_an_image_are_not_stored() {
        byte[] script = "<script>alert(document.cookie)</script>".getBytes(StandardCharsets.US_ASCII);
        for (byte[] image : List.of(Images.jpeg(), Images.png())) {
            byte[] polyglot = Arrays.copyOf(image, image.length + script.length);
            System.arraycopy(script, 0, polyglot, image.length, script.length);

            PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                    stream(polyglot)).photo().orElseThrow();

            assertThat(new String(storedBytes(ref), StandardCharsets.ISO_8859_1)).doesNotContain("<script>");
        }
    }

    @Test
    void a_colour_profile_is_applied_to_the_pixels_and_not_stored() {
        // mid grey in linear RGB is a lighter grey in sRGB: 0.5 linear is 0.735 sRGB (188 of 255)
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                grey.setRGB(x, y, 0x808080);
            }
        }
        byte[] upload = withIccProfile(Images.encode(grey, "jpeg"), ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB));
        assertThat(directoryNames(upload)).as("what the upload holds").contains("ICC Profile");

        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(upload)).photo().orElseThrow();

        assertNoMetadata(storedBytes(ref));
        int red = stored(ref).getRGB(8, 8) >> 16 & 0xFF;
        assertThat(red).isBetween(184, 192);
    }

    // ---- the photo is stored upright ----

    /** Corners of a 64 x 48 quadrants picture (red, green / blue, white) as its orientation shows it. */
    static Stream<Arguments> orientations() {
        return Stream.of(
                Arguments.of(1, 64, 48, new int[] {RED, GREEN, BLUE, WHITE}),
                Arguments.of(2, 64, 48, new int[] {GREEN, RED, WHITE, BLUE}),
                Arguments.of(3, 64, 48, new int[] {WHITE, BLUE, GREEN, RED}),
                Arguments.of(4, 64, 48, new int[] {BLUE, WHITE, RED, GREEN}),
                Arguments.of(5, 48, 64, new int[] {RED, BLUE, GREEN, WHITE}),
                Arguments.of(6, 48, 64, new int[] {BLUE, RED, WHITE, GREEN}),
                Arguments.of(7, 48, 64, new int[] {WHITE, GREEN, BLUE, RED}),
                Arguments.of(8, 48, 64, new int[] {GREEN, WHITE, RED, BLUE}));
    }

    @ParameterizedTest(name = "orientation {0}")
    @MethodSource("orientations")
    void a_jpeg_is_stored_turned_as_its_exif_orientation_says(int orientation, int width, int height,
            int[] corners) {
        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(Images.jpegWithOrientation(orientation))).photo().orElseThrow();

        BufferedImage stored = stored(ref);
        assertThat(stored.getWidth()).isEqualTo(width);
        assertThat(stored.getHeight()).isEqualTo(height);
        assertCorners(stored, corners[0], corners[1], corners[2], corners[3]);
        assertNoMetadata(storedBytes(ref));
    }

    @Test
    void a_png_and_a_webp_are_stored_turned_as_their_exif_orientation_says() {
        // orientation 6: a phone held upright, its picture to be turned a quarter clockwise
        for (byte[] upload : List.of(Images.pngWithMetadata(PERSON, 6), Images.webpWithMetadata())) {
            PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                    stream(upload)).photo().orElseThrow();

            BufferedImage stored = stored(ref);
            assertThat(stored.getWidth()).isEqualTo(48);
            assertThat(stored.getHeight()).isEqualTo(64);
            assertCorners(stored, BLUE, RED, WHITE, GREEN);
        }
    }

    // ---- WebP is stored as JPEG or PNG ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("opaqueWebps")
    void an_opaque_webp_is_stored_as_a_jpeg(String variant, byte[] upload) {
        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(upload)).photo().orElseThrow();

        byte[] stored = storedBytes(ref);
        assertThat(ref.type()).isEqualTo(ImageType.JPEG);
        assertThat(ImageType.detect(stored)).contains(ImageType.JPEG);
        assertThat(stored(ref).getWidth()).isEqualTo(64);
        assertCorners(stored(ref), RED, GREEN, BLUE, WHITE);
    }

    static Stream<Arguments> opaqueWebps() {
        return Stream.of(
                Arguments.of("lossy (VP8)", Images.webp("lossy")),
                Arguments.of("lossless (VP8L)", Images.webp("lossless")),
                Arguments.of("extended (VP8X, then VP8)", Images.webpWithCanvas(64, 48)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transparentWebps")
    void a_transparent_webp_is_stored_as_a_png_that_keeps_its_transparency(String variant, byte[] upload) {
        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(upload)).photo().orElseThrow();

        BufferedImage stored = stored(ref);
        assertThat(ref.type()).isEqualTo(ImageType.PNG);
        assertThat(ImageType.detect(storedBytes(ref))).contains(ImageType.PNG);
        assertThat(stored.getRGB(8, 8) >>> 24).as("alpha of the transparent corner").isZero();
        assertThat(stored.getRGB(56, 40) >>> 24).as("alpha of an opaque corner").isEqualTo(0xFF);
        assertThat(colourAt(stored, 56, 8)).isEqualTo(GREEN);
        assertThat(colourAt(stored, 8, 40)).isEqualTo(BLUE);
        assertThat(colourAt(stored, 56, 40)).isEqualTo(WHITE);
    }

    static Stream<Arguments> transparentWebps() {
        return Stream.of(
                Arguments.of("lossless (VP8L)", Images.webp("transparent-lossless")),
                Arguments.of("lossy with alpha (VP8X, ALPH, VP8)", Images.webp("transparent-lossy")));
    }

    @Test
    void a_transparent_png_stays_a_transparent_png() {
        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(Images.transparentPng())).photo().orElseThrow();

        BufferedImage stored = stored(ref);
        assertThat(ref.type()).isEqualTo(ImageType.PNG);
        assertThat(stored.getRGB(8, 8) >>> 24).isZero();
        assertThat(stored.getRGB(56, 40)).isEqualTo(0xFF000000 | WHITE);
    }

    static Stream<Arguments> commonVariants() {
        BufferedImage quadrants = Images.quadrants(64, 48);
        return Stream.of(
                Arguments.of("progressive jpeg", progressiveJpeg(quadrants), ImageType.JPEG),
                Arguments.of("grey jpeg", Images.encode(redrawn(quadrants, BufferedImage.TYPE_BYTE_GRAY), "jpeg"),
                        ImageType.JPEG),
                Arguments.of("palette png", Images.encode(redrawn(quadrants, BufferedImage.TYPE_BYTE_INDEXED), "png"),
                        ImageType.PNG),
                Arguments.of("16-bit grey png",
                        Images.encode(redrawn(quadrants, BufferedImage.TYPE_USHORT_GRAY), "png"), ImageType.PNG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commonVariants")
    void common_variants_of_each_format_are_accepted(String variant, byte[] upload, ImageType type) {
        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(upload)).photo().orElseThrow();

        assertThat(ref.type()).isEqualTo(type);
        assertThat(stored(ref).getWidth()).isEqualTo(64);
        assertThat(stored(ref).getHeight()).isEqualTo(48);
    }

    private static BufferedImage redrawn(BufferedImage image, int type) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), type);
        copy.createGraphics().drawImage(image, 0, 0, null);
        return copy;
    }

    private static byte[] progressiveJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = bytes.toByteArray();
        assertThat(jpeg[Images.jpegFrameHeader(jpeg) + 1] & 0xFF).as("a progressive frame (SOF2)").isEqualTo(0xC2);
        return jpeg;
    }

    // ---- helpers ----

    private void assertRefused(byte[] upload, String rule) {
        Map<String, List<String>> before = t.storedState();

        ValidationException e = catchThrowableOfType(() -> photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()), stream(upload)),
                ValidationException.class);

        assertThat(e).as("refused").isNotNull();
        assertThat(e.field()).isEqualTo("photo");
        assertThat(e.rule()).isEqualTo(rule);
        assertThat(t.memory.photos().size()).as("photos stored").isZero();
        assertThat(t.reload(ana.id())).isEqualTo(ana);
        assertThat(t.auditTrail(TENANT)).extracting(AuditEntry::action)
                .doesNotContain(AuditAction.PHOTO_UPLOADED, AuditAction.PHOTO_REPLACED);
        assertThat(t.storedState()).isEqualTo(before);
    }

    private static void assertNoMetadata(byte[] stored) {
        assertThat(directoryNames(stored)).as("metadata left in the stored photo")
                .doesNotContain("Exif IFD0", "Exif SubIFD", "GPS", "XMP", "JpegComment", "ICC Profile");
        Metadata metadata = metadata(stored);
        assertThat(metadata.containsDirectoryOfType(ExifIFD0Directory.class)).isFalse();
        assertThat(metadata.containsDirectoryOfType(GpsDirectory.class)).isFalse();
        assertThat(metadata.containsDirectoryOfType(XmpDirectory.class)).isFalse();
        assertThat(metadata.containsDirectoryOfType(JpegCommentDirectory.class)).isFalse();
        assertThat(metadata.containsDirectoryOfType(IccDirectory.class)).isFalse();
        String text = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("Exif", "xmpmeta", "Ottoline", "Vexmoor", "ICC_PROFILE");
    }

    private static List<String> directoryNames(byte[] image) {
        return StreamSupport.stream(metadata(image).getDirectories().spliterator(), false)
                .map(Directory::getName).toList();
    }

    private static Metadata metadata(byte[] image) {
        try {
            return ImageMetadataReader.readMetadata(new ByteArrayInputStream(image));
        } catch (ImageProcessingException | IOException e) {
            throw new IllegalStateException("metadata-extractor cannot read the image", e);
        }
    }

    private byte[] storedBytes(PhotoRef ref) {
        byte[] stored = t.memory.photos().load(TENANT, ref.key()).orElseThrow();
        assertThat(ref.sizeBytes()).isEqualTo(stored.length);
        return stored;
    }

    private BufferedImage stored(PhotoRef ref) {
        return Images.decode(storedBytes(ref));
    }

    /** Checks the colour at the middle of each quarter: top left, top right, bottom left, bottom right. */
    private static void assertCorners(BufferedImage image, int topLeft, int topRight, int bottomLeft,
            int bottomRight) {
        int w = image.getWidth();
        int h = image.getHeight();
        assertThat(List.of(colourAt(image, w / 4, h / 4), colourAt(image, 3 * w / 4, h / 4),
                colourAt(image, w / 4, 3 * h / 4), colourAt(image, 3 * w / 4, 3 * h / 4)))
                .as("colours of the quarters (top left, top right, bottom left, bottom right)")
                .containsExactly(topLeft, topRight, bottomLeft, bottomRight);
    }

    /** The quadrant colour nearest to the pixel, so lossy encoding does not matter. */
    private static int colourAt(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        int best = RED;
        long bestDistance = Long.MAX_VALUE;
        for (int candidate : new int[] {RED, GREEN, BLUE, WHITE}) {
            long distance = 0;
            for (int shift = 0; shift <= 16; shift += 8) {
                int d = (rgb >> shift & 0xFF) - (candidate >> shift & 0xFF);
                distance += (long) d * d;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best;
    }

    /** The JPEG with an APP2 segment carrying this colour profile. */
    private static byte[] withIccProfile(byte[] jpeg, ICC_Profile profile) {
        byte[] data = profile.getData();
        byte[] id = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer segment = ByteBuffer.allocate(4 + id.length + 2 + data.length);
        segment.put((byte) 0xFF).put((byte) 0xE2).putShort((short) (2 + id.length + 2 + data.length))
                .put(id).put((byte) 1).put((byte) 1).put(data);
        byte[] result = new byte[jpeg.length + segment.capacity()];
        System.arraycopy(jpeg, 0, result, 0, 2);
        System.arraycopy(segment.array(), 0, result, 2, segment.capacity());
        System.arraycopy(jpeg, 2, result, 2 + segment.capacity(), jpeg.length - 2);
        return result;
    }

    private static ByteArrayInputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
