package dev.guild.tools.slides;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.tools.Tool;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.ToolResult;
import dev.guild.tools.ToolSettings;
import dev.guild.tools.artifacts.ArtifactStore;
import org.apache.poi.sl.draw.DrawFactory;
import org.apache.poi.sl.draw.DrawTextShape;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The create_slides tool on a file artifact store in a temporary directory, and checks on the decks it makes. */
final class SlidesFixture {

    final ToolEnvironment env;
    final Tool tool;

    SlidesFixture(Path dir) {
        this(dir, Map.of());
    }

    SlidesFixture(Path dir, Map<String, String> settings) {
        env = ToolEnvironment.builder(dir).settings(ToolSettings.of(settings)).build();
        tool = new SlidesToolProvider().tools(env).getFirst();
    }

    ToolResult call(JsonNode arguments) {
        return tool.invoke(new ToolCall("create_slides", "wf-1/act-1", arguments));
    }

    ToolResult call(String json) {
        try {
            return call(SampleDecks.JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ArtifactStore artifacts() {
        return env.artifacts();
    }

    byte[] bytes(String uri) {
        try (InputStream in = env.artifacts().open(uri)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    XMLSlideShow open(ToolResult result) {
        assertThat(result.ok()).as("tool result %s", result.error()).isTrue();
        try {
            return new XMLSlideShow(new ByteArrayInputStream(bytes(result.output().get("deck").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts with POI's own renderer that every text fits its box (the text's drawn height is within the shape),
     * every table ends above the slide's bottom margin, and every shape lies on the page.
     */
    static void assertEverythingFits(XMLSlideShow show) {
        BufferedImage canvas = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = canvas.createGraphics();
        DrawFactory factory = DrawFactory.getInstance(graphics);
        double width = show.getPageSize().getWidth();
        double height = show.getPageSize().getHeight();
        List<String> problems = new ArrayList<>();
        for (XSLFSlide slide : show.getSlides()) {
            for (XSLFShape shape : slide.getShapes()) {
                Rectangle2D anchor = shape.getAnchor();
                String where = "slide " + slide.getSlideNumber() + " shape '" + shape.getShapeName() + "'";
                if (anchor.getMinX() < 0 || anchor.getMinY() < 0 || anchor.getMaxX() > width + 0.5
                        || anchor.getMaxY() > height + 0.5) {
                    problems.add(where + " lies outside the page: " + anchor);
                }
                if (shape instanceof XSLFTextShape text) {
                    DrawTextShape drawable = factory.getDrawable(text);
                    double textHeight = drawable.getTextHeight(graphics);
                    if (textHeight > anchor.getHeight() + 0.5) {
                        problems.add(where + " text '" + text.getText() + "' is " + textHeight + " pt high in a box of "
                                + anchor.getHeight());
                    }
                }
                if (shape instanceof XSLFTable table) {
                    for (int r = 0; r < table.getNumberOfRows(); r++) {
                        for (int c = 0; c < table.getNumberOfColumns(); c++) {
                            XSLFTableCell cell = table.getCell(r, c);
                            cell.setAnchor(new Rectangle2D.Double(0, 0, table.getColumnWidth(c), 0));
                            double textHeight = factory.getDrawable(cell).getTextHeight(graphics);
                            if (textHeight > table.getRowHeight(r) + 0.5) {
                                problems.add(where + " row " + r + " cell '" + cell.getText() + "' is " + textHeight
                                        + " pt high in a row of " + table.getRowHeight(r) + " (column width "
                                        + table.getColumnWidth(c) + ")");
                            }
                        }
                    }
                    table.updateCellAnchor();
                    for (XSLFTableRow row : table.getRows()) {
                        for (XSLFTableCell cell : row.getCells()) {
                            if (cell.getAnchor().getMaxY() > height - 44 + 0.5 || cell.getAnchor().getMaxX() > width - 56 + 0.5) {
                                problems.add(where + " cell '" + cell.getText() + "' ends at "
                                        + cell.getAnchor() + ", outside the body");
                            }
                        }
                    }
                }
            }
        }
        graphics.dispose();
        assertThat(problems).isEmpty();
    }
}
