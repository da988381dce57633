package dev.guild.tools.research.internal;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the XHTML SAX events of a Tika parser into {@link Block}s: a block per paragraph-like element (paragraphs of a
 * plain text are split at blank lines), headings ({@code h1}..{@code h6}) remembered for the blocks below them, pages
 * counted at Tika's {@code <div class="page">} (PDF only). Text in {@code head}, {@code script} and {@code style} is
 * skipped. Stops with {@link TooLongException} past {@code maxChars} characters.
 */
final class StructureHandler extends DefaultHandler {

    static final class TooLongException extends SAXException {
        TooLongException(int maxChars) {
            super("the document's text is longer than " + maxChars + " characters; split it into smaller documents");
        }
    }

    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "pre", "blockquote", "dt", "dd", "table",
            "ul", "ol", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption");
    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "title");
    private static final Pattern BLANK_LINE = Pattern.compile("\\n\\s*\\n");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final int maxChars;
    private final boolean paged;
    private final List<Block> blocks = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private int chars;
    private int page;
    private String heading;
    private int skipDepth;

    /**
     * @param maxChars longest text read
     * @param paged    whether {@code <div class="page">} marks pages (Tika's PDF output); a web page's divs never do
     */
    StructureHandler(int maxChars, boolean paged) {
        this.maxChars = maxChars;
        this.paged = paged;
    }

    List<Block> blocks() {
        return List.copyOf(blocks);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        String name = name(localName, qName);
        if (SKIPPED.contains(name)) {
            skipDepth++;
        } else if (paged && name.equals("div") && "page".equals(attributes.getValue("class"))) {
            flush();
            page++;
        } else if (BLOCKS.contains(name)) {
            flush();
        } else if (name.equals("br")) {
            current.append('\n');
        } else if (name.equals("td") || name.equals("th")) {
            current.append(' ');
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = name(localName, qName);
        if (SKIPPED.contains(name)) {
            skipDepth = Math.max(0, skipDepth - 1);
        } else if (isHeading(name)) {
            String text = normalize(current);
            current.setLength(0);
            if (!text.isEmpty()) {
                heading = text;
                blocks.add(new Block(text, pageOrNull(), heading));
            }
        } else if (BLOCKS.contains(name)) {
            flush();
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (skipDepth > 0) {
            return;
        }
        chars += length;
        if (chars > maxChars) {
            throw new TooLongException(maxChars);
        }
        current.append(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        if (skipDepth == 0) {
            current.append(ch, start, length);
        }
    }

    @Override
    public void endDocument() {
        flush();
    }

    private void flush() {
        for (String paragraph : BLANK_LINE.split(current)) {
            String text = normalize(paragraph);
            if (!text.isEmpty()) {
                blocks.add(new Block(text, pageOrNull(), heading));
            }
        }
        current.setLength(0);
    }

    private Integer pageOrNull() {
        return page == 0 ? null : page;
    }

    private static boolean isHeading(String name) {
        return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6';
    }

    private static String name(String localName, String qName) {
        return (localName == null || localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
    }

    static String normalize(CharSequence text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }
}
