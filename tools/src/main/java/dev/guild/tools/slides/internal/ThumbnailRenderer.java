package dev.guild.tools.slides.internal;

import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Draws each slide into a PNG with POI's renderer on a headless {@link BufferedImage}. */
public final class ThumbnailRenderer {

    /** Renders every slide at {@code scale} pixels per point (1: a 960x540 slide gives 960x540 pixels). */
    public static List<byte[]> render(XMLSlideShow show, double scale) {
        Dimension page = show.getPageSize();
        int width = (int) Math.round(page.getWidth() * scale);
        int height = (int) Math.round(page.getHeight() * scale);
        List<byte[]> pngs = new ArrayList<>();
        for (XSLFSlide slide : show.getSlides()) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = image.createGraphics();
            try {
                graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
                graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                graphics.setColor(Color.WHITE);
                graphics.fillRect(0, 0, width, height);
                graphics.scale(scale, scale);
                slide.draw(graphics);
            } finally {
                graphics.dispose();
            }
            pngs.add(png(image));
        }
        return pngs;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a slide thumbnail as PNG in memory", e);
        }
        return out.toByteArray();
    }

    private ThumbnailRenderer() {
    }
}
