package io.clientele.client.service;

import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.imaging.png.PngChunk;
import com.drew.imaging.png.PngChunkReader;
import com.drew.imaging.png.PngChunkType;
import com.drew.imaging.png.PngProcessingException;
import com.drew.imaging.riff.RiffHandler;
import com.drew.imaging.riff.RiffProcessingException;
import com.drew.imaging.riff.RiffReader;
import com.drew.lang.ByteArrayReader;
import com.drew.lang.SequentialByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import io.clientele.client.model.ImageType;
import io.clientele.common.ConfigurationException;
import io.clientele.common.InfrastructureException;
import io.clientele.common.ValidationException;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageReaderWriterSpi;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns an uploaded profile photo into the bytes Clientele stores: checks that it is a well-formed
 * JPEG, PNG or WebP of bounded dimensions, decodes it at most {@code storedMaxSide} pixels on its
 * longest side, turns it upright as its EXIF orientation asks, and re-encodes it. What is stored
 * is therefore always an image this class encoded itself, which by construction carries no EXIF
 * (GPS position, camera serial), XMP, text chunks, comments, colour profile or trailing bytes.
 *
 * <ol>
 *   <li>The magic bytes select the format ({@link ImageType#detect}); anything else, SVG included,
 *       is refused with rule {@code unsupported_type}.</li>
 *   <li>The header is read by a real image reader chosen explicitly for that format (the JDK's
 *       readers for JPEG and PNG, TwelveMonkeys' for WebP; never whatever plugin happens to be on
 *       the class path), without decoding pixels. A header it cannot read (a PNG without a valid
 *       IHDR, a JPEG without a frame header, a WebP without a valid VP8, VP8L or VP8X chunk) is
 *       refused with rule {@code corrupt}.</li>
 *   <li>More than {@code maxSide} pixels on a side or {@code maxPixels} in all is refused with rule
 *       {@code dimensions}, before a single pixel is decoded: a tiny file claiming 60,000 x 60,000
 *       pixels (a decompression bomb) costs nothing.</li>
 *   <li>The pixels are decoded with source subsampling so the decoded image has at most {@code
 *       storedMaxSide} pixels on its longest side. A body the decoder cannot read, or reads only by
 *       patching it up (it reports a warning: truncated data, corrupt entropy-coded segments,
 *       unexpected chunks), is refused with rule {@code corrupt}.</li>
 *   <li>The EXIF orientation (read with metadata-extractor, from the EXIF block only) is applied,
 *       since phones store their photos sideways and rely on it. Pixels in another colour space
 *       are converted to sRGB, as the stored image carries no profile.</li>
 *   <li>The image is encoded with the JDK's writers: a JPEG stays a JPEG (quality {@value
 *       #JPEG_QUALITY}) and a PNG stays a PNG. The JDK has no WebP encoder, so a WebP becomes a
 *       PNG when it has a transparent pixel and a JPEG otherwise. Alpha is kept only when a pixel
 *       is transparent.</li>
 * </ol>
 *
 * <p>Memory per call is bounded by the limits: the upload itself, the decoded image (at most
 * {@code storedMaxSide} x {@code storedMaxSide} pixels, 4 bytes each) and the decoders' working
 * memory. Most of that is a few rows, but a progressive JPEG keeps its coefficients (3 to 6 bytes
 * per source pixel, outside the heap) and a lossless or transparent WebP is decoded whole (4 bytes
 * per source pixel), so the worst case is about 300 MB at 50 million pixels. Nothing runs inside a
 * unit of work.
 *
 * <p>Instances are immutable and thread-safe: each call creates its own reader and writer.
 */
final class PhotoProcessor {

    /** The JPEG quality the stored photos are encoded with, on ImageIO's 0 to 1 scale. */
    static final float JPEG_QUALITY = 0.9f;

    // The JDK's own codecs, picked by class so that a plugin a host put on the class path (which
    // may register for the same format names) never decides how uploads are parsed.
    private static final String JDK_JPEG_READER = "com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi";
    private static final String JDK_PNG_READER = "com.sun.imageio.plugins.png.PNGImageReaderSpi";
    private static final String JDK_JPEG_WRITER = "com.sun.imageio.plugins.jpeg.JPEGImageWriterSpi";
    private static final String JDK_PNG_WRITER = "com.sun.imageio.plugins.png.PNGImageWriterSpi";

    private static final int NORMAL_ORIENTATION = 1;

    /** A photo ready to store: its format and its bytes. */
    record Processed(ImageType type, byte[] content) {
    }

    private final int maxSide;
    private final long maxPixels;
    private final int storedMaxSide;
    private final ImageReaderSpi jpegReader;
    private final ImageReaderSpi pngReader;
    private final ImageReaderSpi webpReader;
    private final ImageWriterSpi jpegWriter;
    private final ImageWriterSpi pngWriter;

    /**
     * @param maxSide the most pixels an upload may have on either side
     * @param maxPixels the most pixels an upload may have in all
     * @param storedMaxSide the most pixels a stored photo has on its longest side
     */
    PhotoProcessor(int maxSide, long maxPixels, int storedMaxSide) {
        if (maxSide < 1 || maxPixels < 1 || storedMaxSide < 1) {
            throw new IllegalArgumentException("photo limits must be positive");
        }
        this.maxSide = maxSide;
        this.maxPixels = maxPixels;
        this.storedMaxSide = storedMaxSide;
        this.jpegReader = jdkCodec(ImageReaderSpi.class, JDK_JPEG_READER);
        this.pngReader = jdkCodec(ImageReaderSpi.class, JDK_PNG_READER);
        this.webpReader = new WebPImageReaderSpi();
        this.jpegWriter = jdkCodec(ImageWriterSpi.class, JDK_JPEG_WRITER);
        this.pngWriter = jdkCodec(ImageWriterSpi.class, JDK_PNG_WRITER);
    }

    /**
     * Checks, decodes and re-encodes an upload.
     *
     * @throws ValidationException on field {@code photo}: rule {@code unsupported_type}, {@code
     *     corrupt} or {@code dimensions}
     */
    Processed process(byte[] upload) {
        ImageType type = ImageType.detect(upload).orElseThrow(() -> new ValidationException("photo",
                "unsupported_type", "only JPEG, PNG and WebP images are accepted"));
        BufferedImage decoded = decode(type, upload);
        BufferedImage upright = upright(inSrgb(decoded), orientation(type, upload));
        boolean transparent = hasTransparentPixel(upright);
        ImageType stored = switch (type) {
            case JPEG -> ImageType.JPEG;
            case PNG -> ImageType.PNG;
            case WEBP -> transparent ? ImageType.PNG : ImageType.JPEG;
        };
        BufferedImage pixels = transparent ? upright : opaque(upright);
        byte[] content = stored == ImageType.JPEG
                ? encode(jpegWriter, pixels, param -> {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(JPEG_QUALITY);
                })
                : encode(pngWriter, pixels, param -> { });
        return new Processed(stored, content);
    }

    private BufferedImage decode(ImageType type, byte[] upload) {
        ImageReader reader = readerFor(type);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            // metadata is never wanted: the stored photo is re-encoded without it
            reader.setInput(input, false, true);
            int width = guarded(() -> reader.getWidth(0));
            int height = guarded(() -> reader.getHeight(0));
            if (width < 1 || height < 1) {
                throw corrupt();
            }
            if (width > maxSide || height > maxSide || (long) width * height > maxPixels) {
                throw new ValidationException("photo", "dimensions", "at most " + maxSide
                        + " pixels on a side and " + maxPixels + " pixels in all");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (Math.max(width, height) + storedMaxSide - 1) / storedMaxSide;
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = guarded(() -> reader.read(0, param));
            if (!warnings.isEmpty()) {
                throw corrupt();
            }
            return image;
        } catch (IOException e) {
            // closing an in-memory stream
            throw new InfrastructureException("reading the photo failed", e);
        } finally {
            reader.dispose();
        }
    }

    /** A reader step on untrusted bytes: any failure of the decoder means the upload is unreadable. */
    private static <T> T guarded(ReaderStep<T> step) {
        try {
            return step.run();
        } catch (IOException | RuntimeException e) {
            // decoders answer malformed input with IIOException, EOFException and, in places,
            // runtime exceptions (index or null-pointer failures); all mean the same to the caller
            throw corrupt();
        }
    }

    @FunctionalInterface
    private interface ReaderStep<T> {
        T run() throws IOException;
    }

    private static ValidationException corrupt() {
        return new ValidationException("photo", "corrupt", "the image is damaged or not what its type claims");
    }

    private ImageReader readerFor(ImageType type) {
        ImageReaderSpi spi = switch (type) {
            case JPEG -> jpegReader;
            case PNG -> pngReader;
            case WEBP -> webpReader;
        };
        try {
            return spi.createReaderInstance();
        } catch (IOException e) {
            throw new InfrastructureException("no image reader for " + type, e);
        }
    }

    /**
     * The EXIF orientation (1 to 8), or 1 when there is none or it cannot be read: it is only a
     * hint, and the pixels have already decoded. Only the EXIF block is parsed (APP1 in a JPEG,
     * {@code eXIf} in a PNG, {@code EXIF} in a WebP), from the upload in memory, so a declared
     * block length beyond the upload fails instead of allocating.
     */
    private static int orientation(ImageType type, byte[] upload) {
        Metadata metadata = new Metadata();
        try {
            switch (type) {
                case JPEG -> {
                    JpegSegmentData segments = JpegSegmentReader.readSegments(
                            new SequentialByteArrayReader(upload), List.of(JpegSegmentType.APP1));
                    new ExifReader().readJpegSegments(segments.getSegments(JpegSegmentType.APP1), metadata,
                            JpegSegmentType.APP1);
                }
                case PNG -> {
                    for (PngChunk chunk : new PngChunkReader().extract(new SequentialByteArrayReader(upload),
                            Set.of(PngChunkType.eXIf))) {
                        new ExifReader().extract(new ByteArrayReader(chunk.getBytes()), metadata);
                    }
                }
                case WEBP -> new RiffReader().processRiff(new SequentialByteArrayReader(upload),
                        new WebpExifHandler(metadata));
            }
        } catch (IOException | JpegProcessingException | PngProcessingException | RiffProcessingException
                | RuntimeException e) {
            return NORMAL_ORIENTATION;
        }
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        Integer value = ifd0 == null ? null : ifd0.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
        return value != null && value >= 1 && value <= 8 ? value : NORMAL_ORIENTATION;
    }

    /** Hands metadata-extractor's RIFF reader the WebP EXIF chunk and nothing else. */
    private static final class WebpExifHandler implements RiffHandler {

        private static final String EXIF_PREAMBLE = "Exif\0\0";

        private final Metadata metadata;

        WebpExifHandler(Metadata metadata) {
            this.metadata = metadata;
        }

        @Override
        public boolean shouldAcceptRiffIdentifier(String identifier) {
            return identifier.equals("WEBP");
        }

        @Override
        public boolean shouldAcceptChunk(String fourCC) {
            return fourCC.equals("EXIF");
        }

        @Override
        public boolean shouldAcceptList(String fourCC) {
            return false;
        }

        @Override
        public void processChunk(String fourCC, byte[] payload) {
            // some writers copy the JPEG segment preamble into the chunk, others do not
            int offset = ExifReader.startsWithJpegExifPreamble(payload) ? EXIF_PREAMBLE.length() : 0;
            new ExifReader().extract(new ByteArrayReader(payload, offset), metadata);
        }

        @Override
        public void addError(String message) {
            // an unreadable chunk only means no orientation
        }
    }

    /** Pixels in sRGB (or plain grey), since the stored image carries no colour profile. */
    private static BufferedImage inSrgb(BufferedImage image) {
        ColorSpace space = image.getColorModel().getColorSpace();
        if (space.isCS_sRGB() || space.getType() == ColorSpace.TYPE_GRAY) {
            return image;
        }
        BufferedImage srgb = new BufferedImage(image.getWidth(), image.getHeight(),
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        new ColorConvertOp(null).filter(image, srgb);
        return srgb;
    }

    /**
     * The image turned as its EXIF orientation says, in a standard RGB or ARGB layout. The
     * transforms map pixel edges, so each 90-degree turn or mirror lands exactly on the pixel grid.
     */
    private static BufferedImage upright(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        // AffineTransform(m00, m10, m01, m11, m02, m12): x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12
        AffineTransform transform = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored left to right
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirrored top to bottom
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // needs a quarter turn clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transversed
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w); // needs a quarter turn anticlockwise
            default -> new AffineTransform();
        };
        boolean turned = orientation >= 5;
        BufferedImage upright = new BufferedImage(turned ? h : w, turned ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = upright.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(image, transform, null);
        } finally {
            g.dispose();
        }
        return upright;
    }

    private static boolean hasTransparentPixel(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return false;
        }
        int width = image.getWidth();
        int[] row = new int[width];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int argb : row) {
                if (argb >>> 24 != 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }

    private static BufferedImage opaque(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** Encodes with no metadata at all: ImageIO then writes only what the format itself needs. */
    private static byte[] encode(ImageWriterSpi spi, BufferedImage image, Consumer<ImageWriteParam> settings) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = null;
        try {
            writer = spi.createWriterInstance();
            ImageWriteParam param = writer.getDefaultWriteParam();
            settings.accept(param);
            try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(output);
                writer.write(null, new IIOImage(image, null, null), param);
            }
        } catch (IOException e) {
            throw new InfrastructureException("encoding the photo failed", e);
        } finally {
            if (writer != null) {
                writer.dispose();
            }
        }
        return bytes.toByteArray();
    }

    private static <T extends ImageReaderWriterSpi> T jdkCodec(Class<T> kind, String className) {
        Iterator<T> found = IIORegistry.getDefaultInstance().getServiceProviders(kind,
                spi -> spi.getClass().getName().equals(className), false);
        if (!found.hasNext()) {
            throw new ConfigurationException("this JDK lacks its image codec " + className);
        }
        return found.next();
    }
}
