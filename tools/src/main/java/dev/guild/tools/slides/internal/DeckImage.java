package dev.guild.tools.slides.internal;

import org.apache.poi.sl.usermodel.PictureData.PictureType;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;

/**
 * An image to place on a slide: its bytes, format and size in pixels, read from the image's header (the pixels are
 * decoded only when thumbnails are drawn, so a hostile header cannot make us allocate gigabytes).
 */
public record DeckImage(byte[] bytes, PictureType type, int width, int height) {

    /** Largest accepted side, in pixels. */
    public static final int MAX_SIDE = 10_000;
    /** Largest accepted area, in pixels. */
    public static final long MAX_PIXELS = 40_000_000L;

    /** Why an image cannot be used; the message names the problem and the fix. */
    public static final class BadImageException extends Exception {
        public BadImageException(String message) {
            super(message);
        }
    }

    /** Decodes a {@code data:image/...;base64,...} URI. */
    public static DeckImage fromDataUri(String uri) throws BadImageException {
        int comma = uri.indexOf(',');
        if (!uri.regionMatches(true, 0, "data:", 0, 5) || comma < 0) {
            throw new BadImageException("is not a data URI: it must look like data:image/png;base64,<base64 bytes>");
        }
        String meta = uri.substring(5, comma).toLowerCase(Locale.ROOT);
        if (!meta.endsWith(";base64")) {
            throw new BadImageException("is a data URI without ';base64' (\"data:" + meta
                    + ",...\"); encode the image in base64: data:image/png;base64,<base64 bytes>");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(uri.substring(comma + 1).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new BadImageException("has data that is not valid base64 (" + e.getMessage()
                    + "); encode the image bytes in standard base64");
        }
        return fromBytes(bytes);
    }

    /** Reads the format and size of image bytes; PNG, JPEG and GIF are accepted. */
    public static DeckImage fromBytes(byte[] bytes) throws BadImageException {
        if (bytes.length == 0) {
            throw new BadImageException("is empty (0 bytes); give a PNG, JPEG or GIF image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new BadImageException("is not an image that can be read (" + bytes.length
                        + " bytes); give a PNG, JPEG or GIF image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                PictureType type = switch (reader.getFormatName().toLowerCase(Locale.ROOT)) {
                    case "png" -> PictureType.PNG;
                    case "jpeg", "jpg" -> PictureType.JPEG;
                    case "gif" -> PictureType.GIF;
                    default -> throw new BadImageException("is a " + reader.getFormatName()
                            + " image; convert it to PNG, JPEG or GIF");
                };
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE
                        || (long) width * height > MAX_PIXELS) {
                    throw new BadImageException("is " + width + "x" + height + " pixels; the most is " + MAX_SIDE
                            + " per side and " + MAX_PIXELS / 1_000_000 + " megapixels: scale it down");
                }
                return new DeckImage(bytes, type, width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new BadImageException("cannot be read as an image (" + e.getMessage()
                    + "); give a complete PNG, JPEG or GIF image");
        }
    }
}
