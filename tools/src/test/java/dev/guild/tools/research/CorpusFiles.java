package dev.guild.tools.research;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The retrieval corpus under {@code src/test/resources/research/corpus}: Markdown, HTML and text files as they are;
 * {@code X.pdf.txt} and {@code X.docx.txt} are the text of a PDF (pages split at {@code <<page>>}, one paragraph a
 * line) and of a DOCX ({@code # } lines are Heading 1 paragraphs) that the tests generate with PDFBox and POI, so
 * that no binary file is committed.
 */
public final class CorpusFiles {

    public static final List<String> FILES = List.of("heat-pumps.md", "sourdough.md", "kubernetes-probes.md",
            "coral-reefs.html", "espresso.html", "tidal-power.html", "bees.txt", "glaciers.txt",
            "travel-policy.pdf.txt", "solar-inverters.pdf.txt", "onboarding.docx.txt", "meeting-rooms.docx.txt");

    /** The corpus by source id (the file name, without {@code .txt} for generated files). */
    public static Map<String, byte[]> load() {
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        for (String file : FILES) {
            String text = resource("research/corpus/" + file);
            if (file.endsWith(".pdf.txt")) {
                corpus.put(file.substring(0, file.length() - 4), pdf(text));
            } else if (file.endsWith(".docx.txt")) {
                corpus.put(file.substring(0, file.length() - 4), docx(text));
            } else {
                corpus.put(file, text.getBytes(StandardCharsets.UTF_8));
            }
        }
        return corpus;
    }

    public static String resource(String path) {
        try (InputStream in = CorpusFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF with one page per {@code <<page>>}-separated part; the first line is also the document title. */
    public static byte[] pdf(String text) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String pageText : text.split("<<page>>")) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 11);
                    content.setLeading(15);
                    content.newLineAtOffset(50, 780);
                    for (String paragraph : pageText.strip().split("\n")) {
                        for (String line : wrap(paragraph, 90)) {
                            content.showText(line);
                            content.newLine();
                        }
                        content.newLine();
                    }
                    content.endText();
                }
            }
            document.getDocumentInformation().setTitle(text.strip().split("\n")[0]);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A DOCX: {@code # } lines become Heading 1 paragraphs, other lines body paragraphs. */
    public static byte[] docx(String text) {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFStyles styles = document.createStyles();
            CTStyle heading = CTStyle.Factory.newInstance();
            heading.setStyleId("Heading1");
            heading.addNewName().setVal("heading 1");
            heading.setType(STStyleType.PARAGRAPH);
            styles.addStyle(new XWPFStyle(heading));
            for (String line : text.strip().split("\n")) {
                XWPFParagraph paragraph = document.createParagraph();
                if (line.startsWith("# ")) {
                    paragraph.setStyle("Heading1");
                    paragraph.createRun().setText(line.substring(2));
                } else {
                    paragraph.createRun().setText(line);
                }
            }
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> wrap(String paragraph, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private CorpusFiles() {
    }
}
