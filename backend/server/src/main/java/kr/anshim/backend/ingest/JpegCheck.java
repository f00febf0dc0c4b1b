package kr.anshim.backend.ingest;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.ByteArrayInputStream;
import java.util.Iterator;

/**
 * Whether bytes are a JPEG, by their content alone: the start-of-image marker (FF D8 FF), the
 * end-of-image marker (FF D9) and a frame header the JPEG decoder reads (a width and a height).
 * Only the header is decoded, never the image, so a check costs microseconds and no pixels.
 * A declared content type is never trusted.
 */
final class JpegCheck {

    private JpegCheck() {
    }

    /** True when {@code bytes[from..]} is a JPEG whose header decodes. */
    static boolean isJpeg(byte[] bytes, int from) {
        int length = bytes.length - from;
        if (length < 4
                || (bytes[from] & 0xFF) != 0xFF || (bytes[from + 1] & 0xFF) != 0xD8 || (bytes[from + 2] & 0xFF) != 0xFF
                || (bytes[bytes.length - 2] & 0xFF) != 0xFF || (bytes[bytes.length - 1] & 0xFF) != 0xD9) {
            return false;
        }
        return headerDecodes(bytes, from, length);
    }

    private static boolean headerDecodes(byte[] bytes, int from, int length) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            return false;
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes, from, length))) {
            reader.setInput(input, true, true);
            return reader.getWidth(0) > 0 && reader.getHeight(0) > 0;
        } catch (Exception | LinkageError notAJpeg) {
            return false;
        } finally {
            reader.dispose();
        }
    }
}
