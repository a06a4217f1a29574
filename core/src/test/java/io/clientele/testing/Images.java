package io.clientele.testing;

import io.clientele.client.model.ImageType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffImageWriterLossy;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Real small images (JPEG and PNG written with ImageIO, WebP files made with {@code cwebp} and
 * kept under {@code src/test/resources/io/clientele/testing/}), images carrying metadata, and
 * byte strings that only look like images. Most pictures are {@link #quadrants} pictures, whose
 * four coloured corners show how a stored photo was turned.
 */
public final class Images {

    /** The colour of a quadrants picture's top left quarter. */
    public static final int RED = 0xFF0000;
    /** The colour of a quadrants picture's top right quarter. */
    public static final int GREEN = 0x00FF00;
    /** The colour of a quadrants picture's bottom left quarter. */
    public static final int BLUE = 0x0000FF;
    /** The colour of a quadrants picture's bottom right quarter. */
    public static final int WHITE = 0xFFFFFF;

    /** The width of the default pictures and of the WebP files. */
    public static final int WIDTH = 64;
    /** The height of the default pictures and of the WebP files. */
    public static final int HEIGHT = 48;

    /** The text {@link #webpWithMetadata()} holds in its EXIF and XMP. */
    public static final String WEBP_METADATA_TEXT = "Ottoline Vexmoor";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private Images() {
    }

    /** A picture whose quarters are red (top left), green, blue (bottom left) and white. */
    public static BufferedImage quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean left = x < width / 2;
                boolean top = y < height / 2;
                image.setRGB(x, y, top ? (left ? RED : GREEN) : (left ? BLUE : WHITE));
            }
        }
        return image;
    }

    /** A quadrants picture whose top left quarter is fully transparent. */
    public static BufferedImage quadrantsWithTransparentCorner(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        BufferedImage opaque = quadrants(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean corner = x < width / 2 && y < height / 2;
                image.setRGB(x, y, corner ? 0 : 0xFF000000 | opaque.getRGB(x, y));
            }
        }
        return image;
    }

    /** A 64 x 48 quadrants JPEG. */
    public static byte[] jpeg() {
        return jpeg(WIDTH, HEIGHT);
    }

    /** A quadrants JPEG of this size. */
    public static byte[] jpeg(int width, int height) {
        return encode(quadrants(width, height), "jpeg");
    }

    /** A 64 x 48 quadrants PNG. */
    public static byte[] png() {
        return png(WIDTH, HEIGHT);
    }

    /** A quadrants PNG of this size. */
    public static byte[] png(int width, int height) {
        return encode(quadrants(width, height), "png");
    }

    /** A 64 x 48 quadrants PNG whose top left quarter is transparent. */
    public static byte[] transparentPng() {
        return encode(quadrantsWithTransparentCorner(WIDTH, HEIGHT), "png");
    }

    /** A real JPEG of exactly {@code size} bytes (at least about 700), padded with a comment. */
    public static byte[] jpegOfSize(int size) {
        byte[] jpeg = jpeg(8, 8);
        return withJpegComment(jpeg, "x".repeat(size - jpeg.length - 4));
    }

    /** A real PNG of exactly {@code size} bytes (at least about 120), padded with a text chunk. */
    public static byte[] pngOfSize(int size) {
        byte[] png = png(8, 8);
        return withPngChunk(png, "tEXt", ("Comment\0" + "x".repeat(size - png.length - 12 - 8))
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * An opaque WebP made by {@code cwebp}: {@code lossy} (VP8), {@code lossless} (VP8L), or with a
     * transparent top left quarter, {@code transparent-lossless} (VP8L) and {@code
     * transparent-lossy} (VP8X, ALPH and VP8); all 64 x 48 quadrants pictures.
     */
    public static byte[] webp(String variant) {
        return resource(variant + ".webp");
    }

    /** An opaque lossy 64 x 48 quadrants WebP. */
    public static byte[] webp() {
        return webp("lossy");
    }

    /**
     * A lossy WebP stored sideways, as a phone held upright stores it: its pixels are a 64 x 48
     * quadrants picture and its EXIF says to turn it a quarter clockwise (orientation 6). Its EXIF
     * also names {@link #WEBP_METADATA_TEXT} as artist and holds a GPS position, and its XMP
     * names the same creator.
     */
    public static byte[] webpWithMetadata() {
        return webp("metadata");
    }

    /**
     * A 64 x 48 quadrants JPEG with EXIF (orientation, artist and description naming {@code text},
     * a GPS position), XMP naming {@code text} as creator, and a comment holding {@code text}.
     */
    public static byte[] jpegWithMetadata(String text, int orientation) {
        try {
            TiffOutputSet exif = exif(text, orientation);
            ByteArrayOutputStream withExif = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(jpeg(), withExif, exif);
            ByteArrayOutputStream withXmp = new ByteArrayOutputStream();
            new JpegXmpRewriter().updateXmpXml(withExif.toByteArray(), withXmp, xmp(text));
            return withJpegComment(withXmp.toByteArray(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 64 x 48 quadrants JPEG whose EXIF holds only this orientation (1 to 8). */
    public static byte[] jpegWithOrientation(int orientation) {
        try {
            TiffOutputSet exif = new TiffOutputSet();
            exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(jpeg(), out, exif);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A 64 x 48 quadrants PNG with an {@code eXIf} chunk (orientation, artist and description
     * naming {@code text}, a GPS position), XMP in an {@code iTXt} chunk and a {@code tEXt} author,
     * both naming {@code text}.
     */
    public static byte[] pngWithMetadata(String text, int orientation) {
        try {
            TiffOutputSet exif = exif(text, orientation);
            ByteArrayOutputStream tiff = new ByteArrayOutputStream();
            new TiffImageWriterLossy(exif.byteOrder).write(tiff, exif);
            byte[] png = png();
            png = withPngChunk(png, "eXIf", tiff.toByteArray());
            png = withPngChunk(png, "iTXt", ("XML:com.adobe.xmp\0\0\0\0\0" + xmp(text))
                    .getBytes(StandardCharsets.UTF_8));
            return withPngChunk(png, "tEXt", ("Author\0" + text).getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TiffOutputSet exif(String text, int orientation) throws ImagingException {
        TiffOutputSet exif = new TiffOutputSet();
        TiffOutputDirectory root = exif.getOrCreateRootDirectory();
        root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
        root.add(TiffTagConstants.TIFF_TAG_ARTIST, text);
        root.add(TiffTagConstants.TIFF_TAG_IMAGE_DESCRIPTION, "Portrait of " + text);
        exif.setGpsInDegrees(2.3522, 48.8566);
        return exif;
    }

    private static String xmp(String text) {
        return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<dc:creator><rdf:Seq><rdf:li>" + text + "</rdf:li></rdf:Seq></dc:creator>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta>";
    }

    /** The JPEG with a comment segment right after its start-of-image marker. */
    public static byte[] withJpegComment(byte[] jpeg, String comment) {
        byte[] text = comment.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer segment = ByteBuffer.allocate(4 + text.length);
        segment.put((byte) 0xFF).put((byte) 0xFE).putShort((short) (text.length + 2)).put(text);
        return insert(jpeg, 2, segment.array());
    }

    /** The PNG with one more chunk right after its IHDR chunk. */
    public static byte[] withPngChunk(byte[] png, String type, byte[] data) {
        return insert(png, 8 + 25, chunk(type, data));
    }

    /**
     * A valid black and white PNG of any size, whatever its pixel count, in a few kilobytes: a
     * decompression bomb once large (its pixel data is a long run of zeros, deflated).
     */
    public static byte[] blackPng(int width, int height) {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat)) {
            byte[] row = new byte[1 + (width + 7) / 8]; // filter byte, then one bit per pixel
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pngWithIhdr(width, height, idat.toByteArray());
    }

    /** A PNG whose IHDR claims this size (one bit per pixel, grey), with this pixel data. */
    public static byte[] pngWithIhdr(int width, int height, byte[] idat) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(PNG_SIGNATURE);
        png.writeBytes(chunk("IHDR", ihdr.array()));
        png.writeBytes(chunk("IDAT", idat));
        png.writeBytes(chunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    /** The JPEG with the size in its frame header replaced (the pixel data stays as it was). */
    public static byte[] withJpegFrameSize(byte[] jpeg, int width, int height) {
        byte[] patched = jpeg.clone();
        int sof = jpegFrameHeader(patched);
        // SOFn: marker (2), length (2), precision (1), height (2), width (2)
        patched[sof + 5] = (byte) (height >>> 8);
        patched[sof + 6] = (byte) height;
        patched[sof + 7] = (byte) (width >>> 8);
        patched[sof + 8] = (byte) width;
        return patched;
    }

    /** Where the JPEG's frame header (its SOF0 or SOF2 marker) starts. */
    public static int jpegFrameHeader(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            int marker = jpeg[i + 1] & 0xFF;
            if ((jpeg[i] & 0xFF) == 0xFF && (marker == 0xC0 || marker == 0xC2)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no frame header");
    }

    /** Where the JPEG's image data starts: just after its start-of-scan header. */
    public static int jpegScanData(byte[] jpeg) {
        for (int i = 2; i + 3 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                return i + 2 + ((jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF));
            }
        }
        throw new IllegalArgumentException("no scan");
    }

    /**
     * A WebP whose VP8X header claims this canvas size (lossy, no alpha), followed by the image
     * data of {@link #webp()}.
     */
    public static byte[] webpWithCanvas(int width, int height) {
        byte[] simple = webp();
        byte[] image = Arrays.copyOfRange(simple, 12, simple.length);
        ByteBuffer vp8x = ByteBuffer.allocate(8 + 10).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).putInt(0);
        vp8x.put((byte) (width - 1)).put((byte) ((width - 1) >>> 8)).put((byte) ((width - 1) >>> 16));
        vp8x.put((byte) (height - 1)).put((byte) ((height - 1) >>> 8)).put((byte) ((height - 1) >>> 16));
        ByteBuffer file = ByteBuffer.allocate(12 + vp8x.capacity() + image.length).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + vp8x.capacity() + image.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(vp8x.array()).put(image);
        return file.array();
    }

    /** The first {@code length} bytes of {@code image}, then {@code junk} random bytes. */
    public static byte[] followedByJunk(byte[] image, int length, int junk) {
        byte[] bytes = Arrays.copyOf(image, length + junk);
        byte[] random = new byte[junk];
        new Random(length).nextBytes(random);
        System.arraycopy(random, 0, bytes, length, junk);
        return bytes;
    }

    /**
     * Bytes that pass the magic-byte check and nothing else: the signature of {@code type}, then
     * filler up to {@code size} bytes. For storage adapters, which do not look inside.
     */
    public static byte[] signatureOnly(ImageType type, int size) {
        byte[] bytes = new byte[Math.max(size, 16)];
        Arrays.fill(bytes, (byte) 0x42);
        byte[] signature = switch (type) {
            case JPEG -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
            case PNG -> PNG_SIGNATURE;
            case WEBP -> "RIFF".getBytes(StandardCharsets.US_ASCII);
        };
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        if (type == ImageType.WEBP) {
            System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, 4);
        }
        return bytes;
    }

    public static byte[] svg() {
        return "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes stored bytes with ImageIO, for checking what was stored. */
    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("not an image ImageIO reads");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] name = type.getBytes(StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(name);
            crc.update(data);
            out.writeInt(data.length);
            out.write(name);
            out.write(data);
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
        return result;
    }

    private static byte[] resource(String name) {
        try (InputStream in = Images.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test image " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
