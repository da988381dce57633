package dev.guild.tools.slides;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Random;

/** Outlines and images for the slide tests. */
public final class SampleDecks {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** The quarterly review outline (src/test/resources/slides), its image a generated bar chart as a data URI. */
    public static ObjectNode quarterlyReview() {
        try (InputStream in = SampleDecks.class.getResourceAsStream("/slides/quarterly-review.json")) {
            String text = new String(in.readAllBytes()).replace("IMAGE_PLACEHOLDER", dataUri(barChart(800, 500)));
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SlideOutline outline(JsonNode json) {
        try {
            return JSON.treeToValue(json, SlideOutline.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bar chart of seeded random values, {@code width} x {@code height} pixels, as PNG. */
    public static byte[] barChart(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0xF8, 0xFA, 0xFC));
        g.fillRect(0, 0, width, height);
        Random random = new Random(42);
        int bars = 12;
        int gap = width / (bars * 4);
        int barWidth = (width - gap * (bars + 1)) / bars;
        for (int i = 0; i < bars; i++) {
            int barHeight = (int) (height * (0.3 + 0.6 * random.nextDouble()));
            g.setColor(i == 5 ? new Color(0xF5, 0x9E, 0x0B) : new Color(0x25, 0x63, 0xEB));
            g.fillRect(gap + i * (barWidth + gap), height - 40 - barHeight * (height - 60) / height, barWidth,
                    barHeight * (height - 60) / height);
        }
        g.setColor(new Color(0x1F, 0x29, 0x37));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, height / 20));
        g.drawString("runs/s by week", gap, height - 10);
        g.dispose();
        return png(image);
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG signature and IHDR chunk that claim {@code width} x {@code height} pixels, with no image data. */
    public static byte[] pngHeader(int width, int height) {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(4 + 13);
        ihdr.put("IHDR".getBytes()).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue());
        return png.array();
    }

    public static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private SampleDecks() {
    }
}
