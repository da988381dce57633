package dev.guild.tools.research.internal;

import dev.guild.tools.research.UnreadableDocumentException;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.html.DefaultHtmlMapper;
import org.apache.tika.parser.html.HtmlMapper;
import org.apache.tika.parser.html.JSoupParser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.txt.TXTParser;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Markdown, HTML, PDF, DOCX and plain text with Apache Tika into a {@link ParsedDocument}. The format is the
 * declared media type when it is one of these, otherwise detected from the bytes and the file name. Navigation, page
 * headers and footers, forms and asides of HTML pages are left out, so that a page's text is what a reader reads.
 */
public final class DocumentParser {

    public static final String MARKDOWN = "text/markdown";
    public static final String HTML = "text/html";
    public static final String PDF = "application/pdf";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String TEXT = "text/plain";

    /** Media types read, with their aliases. */
    private static final Map<String, String> TYPES = Map.of(
            MARKDOWN, MARKDOWN, "text/x-markdown", MARKDOWN, "text/x-web-markdown", MARKDOWN,
            HTML, HTML, "application/xhtml+xml", HTML,
            PDF, PDF, DOCX, DOCX, TEXT, TEXT);

    /** The media types {@link #parse} reads, for messages and the {@code Accept} header. */
    public static final List<String> SUPPORTED = List.of(HTML, "application/xhtml+xml", PDF, DOCX, MARKDOWN, TEXT);

    /** Elements of a web page that are not its content (in addition to script and style). */
    private static final Set<String> NOT_CONTENT = Set.of("nav", "footer", "aside", "form", "noscript", "button",
            "svg", "iframe", "select", "menu", "dialog", "template");

    /** Layout elements that Tika's default mapping drops but that separate paragraphs on real pages. */
    private static final Set<String> LAYOUT_BLOCKS = Set.of("div", "section", "article", "main", "header", "figure",
            "figcaption", "details", "summary", "address", "center");

    private static final HtmlMapper READABLE_HTML = new DefaultHtmlMapper() {
        @Override
        public String mapSafeElement(String name) {
            String mapped = super.mapSafeElement(name);
            return mapped == null && LAYOUT_BLOCKS.contains(name.toLowerCase(Locale.ROOT)) ? "div" : mapped;
        }

        @Override
        public boolean isDiscardElement(String name) {
            return super.isDiscardElement(name) || NOT_CONTENT.contains(name.toLowerCase(Locale.ROOT));
        }
    };

    private final Detector detector = new DefaultDetector();
    private final int maxChars;

    /** @param maxChars longest text read from one document */
    public DocumentParser(int maxChars) {
        this.maxChars = maxChars;
    }

    /** The supported media type of a declared Content-Type ({@code text/html; charset=utf-8}), or null. */
    public static String supportedType(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        MediaType type = MediaType.parse(declared.trim());
        return type == null ? null : TYPES.get(type.getBaseType().toString().toLowerCase(Locale.ROOT));
    }

    /**
     * @param content     the bytes
     * @param fileName    file or URL path name, for detection; may be null
     * @param contentType declared media type; may be null
     */
    public ParsedDocument parse(byte[] content, String fileName, String contentType) {
        String type = supportedType(contentType);
        if (type == null) {
            type = detect(content, fileName, contentType);
        }
        Metadata metadata = new Metadata();
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        metadata.set(Metadata.CONTENT_TYPE, type);
        ParseContext context = new ParseContext();
        context.set(HtmlMapper.class, READABLE_HTML);
        List<Block> blocks;
        try (InputStream in = TikaInputStream.get(content)) {
            if (type.equals(MARKDOWN)) {
                BodyContentHandler text = new BodyContentHandler(maxChars);
                parse(new TXTParser(), in, text, metadata, context);
                blocks = MarkdownBlocks.parse(text.toString());
            } else {
                StructureHandler handler = new StructureHandler(maxChars, type.equals(PDF));
                parse(parserFor(type), in, handler, metadata, context);
                blocks = handler.blocks();
            }
        } catch (IOException e) {
            throw new UnreadableDocumentException("cannot read the " + type + " document" + named(fileName) + ": " + e.getMessage(), e);
        }
        if (blocks.isEmpty()) {
            throw new UnreadableDocumentException("the " + type + " document" + named(fileName)
                    + " has no text (a scanned PDF has only images; OCR is not done): nothing to read");
        }
        String title = metadata.get(TikaCoreProperties.TITLE);
        if (title == null || title.isBlank()) {
            title = blocks.stream().filter(b -> b.text().equals(b.heading())).map(Block::text).findFirst().orElse(null);
        }
        return new ParsedDocument(title == null ? null : StructureHandler.normalize(title), type, blocks);
    }

    private String detect(byte[] content, String fileName, String declared) {
        Metadata metadata = new Metadata();
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        MediaType detected;
        try (InputStream in = TikaInputStream.get(content)) {
            detected = detector.detect(in, metadata);
        } catch (IOException e) {
            throw new UnreadableDocumentException("cannot detect the format of the document" + named(fileName) + ": " + e.getMessage(), e);
        }
        String type = TYPES.get(detected.getBaseType().toString());
        if (type == null) {
            throw new UnreadableDocumentException("the document" + named(fileName) + " is " + detected.getBaseType()
                    + (declared == null ? "" : " (declared as '" + declared + "')") + ", which cannot be read; supported formats: "
                    + SUPPORTED + " (Markdown, HTML, PDF, DOCX, plain text)");
        }
        return type;
    }

    private static Parser parserFor(String type) {
        return switch (type) {
            case HTML -> new JSoupParser();
            case PDF -> new PDFParser();
            case DOCX -> new OOXMLParser();
            default -> new TXTParser();
        };
    }

    private void parse(Parser parser, InputStream in, ContentHandler handler, Metadata metadata, ParseContext context) {
        String type = metadata.get(Metadata.CONTENT_TYPE);
        String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
        try {
            parser.parse(in, handler, metadata, context);
        } catch (StructureHandler.TooLongException e) {
            throw new UnreadableDocumentException(e.getMessage(), e);
        } catch (EncryptedDocumentException e) {
            throw new UnreadableDocumentException("the " + type + " document" + named(name)
                    + " is encrypted or password-protected; ingest an unprotected copy", e);
        } catch (TikaException | SAXException | IOException | RuntimeException e) {
            if (e.getCause() instanceof StructureHandler.TooLongException tooLong) {
                throw new UnreadableDocumentException(tooLong.getMessage(), e);
            }
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                throw new UnreadableDocumentException(new StructureHandler.TooLongException(maxChars).getMessage(), e);
            }
            throw new UnreadableDocumentException("the " + type + " document" + named(name) + " cannot be parsed: "
                    + e.getMessage() + "; check that the file is not damaged and is really " + type, e);
        }
    }

    private static String named(String fileName) {
        return fileName == null ? "" : " '" + fileName + "'";
    }
}
