package dev.guild.tools.slides.internal;

import dev.guild.tools.slides.SlideOutline.Bullet;
import org.apache.poi.sl.usermodel.Insets2D;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.sl.usermodel.ShapeType;
import org.apache.poi.sl.usermodel.TableCell.BorderEdge;
import org.apache.poi.sl.usermodel.TextParagraph.TextAlign;
import org.apache.poi.sl.usermodel.TextShape.TextAutofit;
import org.apache.poi.sl.usermodel.VerticalAlignment;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFAutoShape;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.openxmlformats.schemas.drawingml.x2006.main.CTFontScheme;
import org.openxmlformats.schemas.presentationml.x2006.main.CTBackgroundProperties;
import org.openxmlformats.schemas.presentationml.x2006.main.CTPicture;
import org.openxmlformats.schemas.presentationml.x2006.main.CTShape;
import org.openxmlformats.schemas.drawingml.x2006.main.CTRegularTextRun;
import org.openxmlformats.schemas.drawingml.x2006.main.CTShapeProperties;
import org.openxmlformats.schemas.drawingml.x2006.main.CTTextCharacterProperties;
import org.openxmlformats.schemas.drawingml.x2006.main.STTextCapsType;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Optional;

/**
 * Draws planned pages into an {@link XMLSlideShow} with the theme set in code: the template's layouts are used for
 * their placeholders (so titles are titles in PowerPoint's outline and to screen readers), and every position, font,
 * size and colour is set explicitly, with autofit off, so that office suites draw what was measured.
 */
public final class DeckWriter {

    private static final Insets2D NO_INSETS = new Insets2D(0, 0, 0, 0);

    private final DeckTheme theme;

    public DeckWriter(DeckTheme theme) {
        this.theme = theme;
    }

    /** A new slide show holding {@code pages}; {@code title} goes to the document properties. */
    public XMLSlideShow write(String title, List<Page> pages) {
        XMLSlideShow show = new XMLSlideShow();
        show.setPageSize(new Dimension((int) theme.pageWidth(), (int) theme.pageHeight()));
        XSLFSlideMaster master = show.getSlideMasters().getFirst();
        CTFontScheme fonts = master.getTheme().getXmlObject().getThemeElements().getFontScheme();
        fonts.getMajorFont().getLatin().setTypeface(theme.font());
        fonts.getMinorFont().getLatin().setTypeface(theme.font());
        placeLayouts(master);
        var properties = show.getProperties().getCoreProperties();
        properties.setTitle(title);
        properties.setCreator("Guild create_slides");
        properties.setCreated(Optional.empty());
        properties.setModified(Optional.empty());
        int number = 0;
        for (Page page : pages) {
            number++;
            switch (page) {
                case Page.Cover cover -> writeCover(show, master, cover);
                case Page.SectionHeader header -> writeSection(show, master, header);
                case Page.Content content -> writeContent(show, master, content, number);
            }
        }
        return show;
    }

    /** Moves the placeholders of the layouts in use to the theme's boxes, for slides a person adds later. */
    private void placeLayouts(XSLFSlideMaster master) {
        for (SlideLayout type : List.of(SlideLayout.TITLE, SlideLayout.SECTION_HEADER, SlideLayout.TITLE_ONLY,
                SlideLayout.TITLE_AND_CONTENT)) {
            for (XSLFTextShape shape : master.getLayout(type).getPlaceholders()) {
                Placeholder placeholder = shape.getTextType();
                if (placeholder == Placeholder.CENTERED_TITLE
                        || (placeholder == Placeholder.TITLE && type == SlideLayout.SECTION_HEADER)) {
                    anchor(shape, theme.coverTitleBox());
                } else if (placeholder == Placeholder.SUBTITLE) {
                    anchor(shape, theme.coverSubtitleBox());
                } else if (placeholder == Placeholder.TITLE) {
                    anchor(shape, theme.titleBox());
                } else if (isBody(placeholder) && type == SlideLayout.TITLE_AND_CONTENT) {
                    anchor(shape, theme.bodyBox());
                }
            }
        }
    }

    private void writeCover(XMLSlideShow show, XSLFSlideMaster master, Page.Cover cover) {
        XSLFSlide slide = show.createSlide(master.getLayout(SlideLayout.TITLE));
        background(slide, theme.dark());
        XSLFTextShape title = placeholder(slide, Placeholder.CENTERED_TITLE, theme.coverTitleBox());
        text(title, cover.title(), cover.titleSize(), theme.light(), true, VerticalAlignment.BOTTOM);
        rule(slide, theme.coverRule());
        XSLFTextShape subtitle = placeholder(slide, Placeholder.SUBTITLE, theme.coverSubtitleBox());
        if (cover.subtitle() == null) {
            slide.removeShape(subtitle);
        } else {
            text(subtitle, cover.subtitle(), cover.subtitleSize(), theme.rule(), false, VerticalAlignment.TOP);
        }
    }

    private void writeSection(XMLSlideShow show, XSLFSlideMaster master, Page.SectionHeader header) {
        XSLFSlide slide = show.createSlide(master.getLayout(SlideLayout.SECTION_HEADER));
        background(slide, theme.accent());
        XSLFTextShape title = placeholder(slide, Placeholder.TITLE, theme.coverTitleBox());
        text(title, header.title(), header.titleSize(), Color.WHITE, true, VerticalAlignment.BOTTOM);
        for (XSLFTextShape other : slide.getPlaceholders()) {
            if (other != title) {
                slide.removeShape(other);
            }
        }
        XSLFAutoShape bar = rule(slide, theme.coverRule());
        bar.setFillColor(Color.WHITE);
    }

    private void writeContent(XMLSlideShow show, XSLFSlideMaster master, Page.Content page, int number) {
        boolean hasBullets = !page.bullets().isEmpty();
        XSLFSlide slide = show.createSlide(master.getLayout(hasBullets ? SlideLayout.TITLE_AND_CONTENT
                : SlideLayout.TITLE_ONLY));
        XSLFTextShape title = placeholder(slide, Placeholder.TITLE, theme.titleBox());
        text(title, page.title(), page.titleSize(), theme.dark(), true, VerticalAlignment.BOTTOM);
        rule(slide, theme.titleRule());
        if (hasBullets) {
            bullets(placeholder(slide, Placeholder.CONTENT, page.bulletBox()), page.bullets(), page.bulletScale());
        }
        for (XSLFTextShape other : slide.getPlaceholders()) {
            if (other != title && !(hasBullets && isBody(other.getTextType()))) {
                slide.removeShape(other);
            }
        }
        if (page.image() != null) {
            picture(show, slide, page.image());
        }
        if (page.table() != null) {
            table(slide, page.table());
        }
        XSLFTextBox footer = slide.createTextBox();
        footer.setAnchor(theme.numberBox());
        text(footer, Integer.toString(number), 12, theme.muted(), false, VerticalAlignment.BOTTOM);
        footer.getTextParagraphs().getFirst().setTextAlign(TextAlign.RIGHT);
        if (page.notes() != null && !page.notes().isBlank()) {
            notes(show, slide, page.notes());
        }
    }

    /**
     * Places a placeholder on its own slide. POI's {@code setAnchor} on a placeholder without its own position moves
     * the layout's placeholder instead (every slide of that layout with it), so the shape gets its own first.
     */
    private static void anchor(XSLFTextShape shape, Rectangle2D box) {
        CTShapeProperties properties = ((CTShape) shape.getXmlObject()).getSpPr();
        if (!properties.isSetXfrm()) {
            properties.addNewXfrm();
        }
        shape.setAnchor(box);
    }

    /** The template's content placeholder reads as BODY or CONTENT depending on how its layout names it. */
    private static boolean isBody(Placeholder type) {
        return type == Placeholder.BODY || type == Placeholder.CONTENT;
    }

    /**
     * Gives {@code slide} its own solid background ({@code slide.getBackground()} of a slide without one is the
     * master's, shared by every slide).
     */
    private static void background(XSLFSlide slide, Color color) {
        CTBackgroundProperties properties = slide.getXmlObject().getCSld().addNewBg().addNewBgPr();
        properties.addNewSolidFill().addNewSrgbClr()
                .setVal(new byte[]{(byte) color.getRed(), (byte) color.getGreen(), (byte) color.getBlue()});
        properties.addNewEffectLst();
    }

    private static XSLFTextShape placeholder(XSLFSlide slide, Placeholder type, Rectangle2D box) {
        for (XSLFTextShape shape : slide.getPlaceholders()) {
            if (shape.getTextType() == type || (type == Placeholder.CONTENT && isBody(shape.getTextType()))) {
                anchor(shape, box);
                return shape;
            }
        }
        throw new IllegalStateException("the slide layout '" + slide.getSlideLayout().getName() + "' has no " + type
                + " placeholder; the built-in template must provide it");
    }

    private void text(XSLFTextShape shape, String text, double size, Color color, boolean bold, VerticalAlignment anchor) {
        prepare(shape, anchor);
        XSLFTextParagraph paragraph = shape.addNewTextParagraph();
        paragraph.setBullet(false);
        paragraph.setIndent(0.0);
        paragraph.setLeftMargin(0.0);
        paragraph.setLineSpacing(-TextMeasurer.pitch(size));
        paragraph.setSpaceBefore(0.0);
        paragraph.setTextAlign(TextAlign.LEFT);
        run(paragraph, text, size, color, bold);
    }

    private static void prepare(XSLFTextShape shape, VerticalAlignment anchor) {
        shape.clearText();
        shape.setInsets(NO_INSETS);
        shape.setWordWrap(true);
        shape.setTextAutofit(TextAutofit.NONE);
        shape.setVerticalAlignment(anchor);
    }

    private void run(XSLFTextParagraph paragraph, String text, double size, Color color, boolean bold) {
        XSLFTextRun run = paragraph.addNewTextRun();
        run.setText(text);
        run.setFontFamily(theme.font());
        run.setFontSize(size);
        run.setFontColor(color);
        run.setBold(bold);
        // an empty paragraph is as tall as its end-of-paragraph size, which is the template's 18 pt unless set
        CTTextCharacterProperties end = paragraph.getXmlObject().isSetEndParaRPr()
                ? paragraph.getXmlObject().getEndParaRPr() : paragraph.getXmlObject().addNewEndParaRPr();
        end.setSz((int) Math.round(size * 100));
        // the template's section header title is set in capitals; text is measured as written
        ((CTRegularTextRun) run.getXmlObject()).getRPr().setCap(STTextCapsType.NONE);
    }

    private void bullets(XSLFTextShape body, List<Bullet> bullets, double scale) {
        prepare(body, VerticalAlignment.TOP);
        for (int i = 0; i < bullets.size(); i++) {
            Bullet bullet = bullets.get(i);
            int level = bullet.depth();
            double size = theme.bulletSize(level) * scale;
            XSLFTextParagraph paragraph = body.addNewTextParagraph();
            paragraph.setIndentLevel(level);
            paragraph.setBullet(true);
            paragraph.setBulletCharacter(level == 0 ? "\u2022" : "\u2013");
            paragraph.setBulletFont(theme.font());
            paragraph.setBulletFontColor(level == 0 ? theme.accent() : theme.muted());
            paragraph.setLeftMargin(theme.bulletIndent(level));
            paragraph.setIndent(-theme.bulletHang());
            paragraph.setRightMargin(theme.bulletHang());
            paragraph.setLineSpacing(-TextMeasurer.pitch(size));
            paragraph.setSpaceBefore(i == 0 ? 0.0 : -theme.spaceBefore(level) * scale);
            paragraph.setSpaceAfter(0.0);
            paragraph.setTextAlign(TextAlign.LEFT);
            run(paragraph, bullet.text(), size, theme.text(), false);
        }
    }

    private XSLFAutoShape rule(XSLFSlide slide, Rectangle2D box) {
        XSLFAutoShape shape = slide.createAutoShape();
        shape.setShapeType(ShapeType.RECT);
        shape.setAnchor(box);
        shape.setFillColor(theme.accent());
        shape.setLineColor(null);
        return shape;
    }

    private static void picture(XMLSlideShow show, XSLFSlide slide, Page.PlacedImage image) {
        XSLFPictureData data = show.addPicture(image.image().bytes(), image.image().type());
        XSLFPictureShape picture = slide.createPicture(data);
        picture.setAnchor(image.box());
        if (image.alt() != null && !image.alt().isBlank()) {
            var properties = ((CTPicture) picture.getXmlObject())
                    .getNvPicPr().getCNvPr();
            properties.setDescr(image.alt());
        }
    }

    private void table(XSLFSlide slide, Page.PlacedTable placed) {
        int columns = placed.header().size();
        XSLFTable table = slide.createTable(placed.rows().size() + 1, columns);
        double width = 0;
        for (int c = 0; c < columns; c++) {
            table.setColumnWidth(c, placed.columnWidths()[c]);
            width += placed.columnWidths()[c];
        }
        for (int r = 0; r <= placed.rows().size(); r++) {
            table.setRowHeight(r, placed.rowHeights()[r]);
            List<String> cells = r == 0 ? placed.header() : placed.rows().get(r - 1);
            for (int c = 0; c < columns; c++) {
                Color fill = r == 0 ? theme.accent() : r % 2 == 0 ? theme.band() : Color.WHITE;
                cell(table.getCell(r, c), cells.get(c), placed.size(), r == 0, fill);
            }
        }
        table.setAnchor(new Rectangle2D.Double(placed.x(), placed.y(), width, placed.height()));
    }

    private void cell(XSLFTableCell cell, String text, double size, boolean header, Color fill) {
        cell.clearText();
        cell.setInsets(new Insets2D(theme.cellPadY(), theme.cellPadX(), theme.cellPadY(), theme.cellPadX()));
        cell.setVerticalAlignment(VerticalAlignment.TOP);
        cell.setFillColor(fill);
        for (BorderEdge edge : BorderEdge.values()) {
            cell.setBorderColor(edge, theme.rule());
            cell.setBorderWidth(edge, 0.75);
        }
        XSLFTextParagraph paragraph = cell.addNewTextParagraph();
        // exact spacing in points: a percentage would make POI's renderer read the cell's missing bodyPr
        paragraph.setLineSpacing(-TextMeasurer.pitch(size));
        paragraph.setSpaceBefore(0.0);
        paragraph.setTextAlign(TextAlign.LEFT);
        run(paragraph, text, size, header ? Color.WHITE : theme.text(), header);
    }

    private static void notes(XMLSlideShow show, XSLFSlide slide, String text) {
        XSLFNotes notes = show.getNotesSlide(slide);
        for (XSLFTextShape shape : notes.getPlaceholders()) {
            if (shape.getTextType() == Placeholder.BODY) {
                shape.setText(text);
                return;
            }
        }
        throw new IllegalStateException("the notes master of the built-in template has no BODY placeholder");
    }
}
