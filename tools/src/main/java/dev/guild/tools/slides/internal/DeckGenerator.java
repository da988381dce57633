package dev.guild.tools.slides.internal;

import dev.guild.tools.slides.SlideOutline;
import dev.guild.tools.slides.SlideOutline.Slide;
import org.apache.poi.xslf.usermodel.XMLSlideShow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outline to deck: validates the outline, reads its images, plans the pages, writes the .pptx and renders a PNG
 * thumbnail of every slide. Pure apart from reading images through {@link ImageSource}: the same outline and images
 * give the same bytes.
 */
public final class DeckGenerator {

    /** Reads an image that is not a data URI (an artifact URI). */
    public interface ImageSource {
        /**
         * The bytes at {@code uri}.
         *
         * @throws DeckImage.BadImageException when there is nothing usable there (the message says why)
         * @throws IOException                 when the store cannot be read now (a retry may succeed)
         */
        byte[] read(String uri) throws DeckImage.BadImageException, IOException;
    }

    /** The outcome: a deck, or the problems that stop one (each with its path and fix). */
    public sealed interface Result {
    }

    /**
     * A generated deck.
     *
     * @param pptx       the .pptx bytes
     * @param thumbnails one PNG per slide, in order
     * @param titles     each slide's title, in order
     * @param splits     slides continued on "(cont.)" slides, as sentences
     * @param shrunk     slides whose text was set smaller to fit, as sentences
     */
    public record Deck(byte[] pptx, List<byte[]> thumbnails, List<String> titles, List<String> splits,
                       List<String> shrunk) implements Result {
    }

    /** Why no deck was made. */
    public record Problems(List<String> problems) implements Result {
    }

    private final DeckTheme theme;
    private final double thumbnailScale;

    /** @param thumbnailScale thumbnail pixels per point of the page */
    public DeckGenerator(DeckTheme theme, double thumbnailScale) {
        this.theme = theme;
        this.thumbnailScale = thumbnailScale;
    }

    /** @throws IOException when an image cannot be read now (see {@link ImageSource#read}) */
    public Result generate(SlideOutline outline, ImageSource source) throws IOException {
        List<String> problems = new ArrayList<>(OutlineValidator.validate(outline));
        if (!problems.isEmpty()) {
            return new Problems(problems);
        }
        Map<String, DeckImage> images = readImages(outline, source, problems);
        // a measurer per deck: its cache of wrapped lines lives as long as the call
        DeckPlanner.Plan plan = new DeckPlanner(theme, new TextMeasurer(theme.font())).plan(outline, images);
        problems.addAll(plan.problems());
        if (!problems.isEmpty()) {
            return new Problems(problems);
        }
        try (XMLSlideShow show = new DeckWriter(theme).write(outline.title().strip(), plan.pages())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            show.write(out);
            List<byte[]> thumbnails = ThumbnailRenderer.render(show, thumbnailScale);
            List<String> titles = plan.pages().stream().map(DeckGenerator::title).toList();
            return new Deck(StableZip.normalize(out.toByteArray()), thumbnails, titles, plan.splits(), plan.shrunk());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the deck in memory", e);
        }
    }

    private static String title(Page page) {
        return switch (page) {
            case Page.Cover cover -> cover.title();
            case Page.SectionHeader header -> header.title();
            case Page.Content content -> content.title();
        };
    }

    private static Map<String, DeckImage> readImages(SlideOutline outline, ImageSource source, List<String> problems)
            throws IOException {
        Map<String, DeckImage> images = new LinkedHashMap<>();
        for (int s = 0; s < outline.sections().size(); s++) {
            List<Slide> slides = outline.sections().get(s).slides();
            for (int i = 0; i < slides.size(); i++) {
                if (slides.get(i).image() == null) {
                    continue;
                }
                String path = "$.sections[" + s + "].slides[" + i + "]";
                String uri = slides.get(i).image().uri().strip();
                try {
                    images.put(path, uri.regionMatches(true, 0, "data:", 0, 5)
                            ? DeckImage.fromDataUri(uri) : DeckImage.fromBytes(source.read(uri)));
                } catch (DeckImage.BadImageException e) {
                    problems.add(path + ".image.uri (\"" + OutlineValidator.preview(uri) + "\") " + e.getMessage());
                }
            }
        }
        return images;
    }
}
