package kr.anshim.api;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

/**
 * Small generated door-camera stills for the demo city and tests: a dim corridor, a door frame and
 * a figure, a few KiB as JPEG. Never a real person's picture.
 */
public final class DemoSnapshots {

    private DemoSnapshots() {
    }

    /** A {@code width} × {@code height} JPEG, different for each seed. */
    public static byte[] jpeg(long seed, int width, int height) {
        return encode(still(seed, width, height), "jpg");
    }

    /** The same picture as PNG (for checks that a non-JPEG is refused). */
    public static byte[] png(long seed, int width, int height) {
        return encode(still(seed, width, height), "png");
    }

    private static BufferedImage still(long seed, int width, int height) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            for (int y = 0; y < height; y++) {
                int shade = 30 + 40 * y / Math.max(1, height);
                g.setColor(new Color(shade, shade, shade + 10));
                g.drawLine(0, y, width, y);
            }
            g.setColor(new Color(90, 70, 50));
            g.fillRect(width / 8, height / 10, width / 4, height * 8 / 10);
            int x = width / 2 + random.nextInt(Math.max(1, width / 4));
            g.setColor(new Color(20 + random.nextInt(60), 20 + random.nextInt(60), 20 + random.nextInt(60)));
            g.fillOval(x, height / 5, width / 10, width / 10);
            g.fillRect(x - width / 40, height / 5 + width / 10, width / 7, height / 2);
            // no text: a headless host may have no fonts at all
            g.setColor(new Color(200, 200, 180));
            g.fillRect(4, height - 8, 8 + (int) (seed & 0x1F), 4);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
