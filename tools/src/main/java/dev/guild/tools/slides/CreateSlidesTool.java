package dev.guild.tools.slides;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.ToolUnavailableException;
import dev.guild.tools.TypedTool;
import dev.guild.tools.artifacts.Artifact;
import dev.guild.tools.artifacts.ArtifactStore;
import dev.guild.tools.slides.internal.DeckGenerator;
import dev.guild.tools.slides.internal.DeckImage;
import dev.guild.tools.slides.internal.DeckTheme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code create_slides}: turns a {@link SlideOutline} into a PowerPoint deck (.pptx) and a PNG thumbnail of every
 * slide, stored in the {@link ArtifactStore}; returns their URIs.
 *
 * <p>Side effects: none that the world sees. The tool writes artifacts, but they are content-addressed
 * ({@code artifact://<sha256>/<name>}) and the deck's bytes depend only on the outline (no timestamps inside), so a
 * retried call stores the same files under the same URIs and returns the same result: it needs no idempotency
 * bookkeeping, approval or compensation, and declares {@code sideEffects() == false}.
 */
public final class CreateSlidesTool extends TypedTool<SlideOutline, CreateSlidesTool.Output> {

    /** Media type of a .pptx file. */
    public static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    /** Largest image read from the artifact store, in bytes. */
    public static final long MAX_IMAGE_BYTES = 20L << 20;

    /** One slide of the deck. */
    public record SlideInfo(
            @JsonProperty("number") @ToolParam("Slide number, from 1") int number,
            @JsonProperty("title") @ToolParam("The slide's title as shown") String title,
            @JsonProperty("thumbnail") @ToolParam("Artifact URI of the slide's PNG thumbnail") String thumbnail) {
    }

    /** The result of a call. */
    public record Output(
            @JsonProperty("deck") @ToolParam("Artifact URI of the .pptx file") String deck,
            @JsonProperty("deckBytes") @ToolParam("Size of the .pptx file in bytes") long deckBytes,
            @JsonProperty("slideCount") @ToolParam("Number of slides, title and section slides included") int slideCount,
            @JsonProperty("slides") @ToolParam("Every slide in order, with its thumbnail") List<SlideInfo> slides,
            @JsonProperty("splits") @ToolParam("Slides whose content was continued on '(cont.)' slides")
            List<String> splits,
            @JsonProperty("shrunk") @ToolParam("Slides whose text was set smaller than normal to fit") List<String> shrunk) {
    }

    private final ArtifactStore artifacts;
    private final DeckGenerator generator;

    /**
     * @param artifacts      where the deck and thumbnails go, and where artifact URIs of images are read
     * @param font           font family of all text (it should be installed where thumbnails are rendered)
     * @param thumbnailWidth thumbnail width in pixels
     */
    public CreateSlidesTool(ArtifactStore artifacts, String font, int thumbnailWidth) {
        super("create_slides", """
                        Creates a slide deck (PowerPoint .pptx) from an outline: a title slide, a header slide per \
                        section with a title, and content slides with bullets (nested by 'level'), speaker notes, an \
                        image and/or a table. Text is fitted to its box: set smaller down to a minimum size, then \
                        continued on '(cont.)' slides; long tables continue with their header repeated. Returns the \
                        deck's artifact URI, a PNG thumbnail URI per slide, the slide count and what was split or \
                        shrunk. Use it when a person asks for slides or a presentation; write short bullets, one \
                        idea each.""",
                SlideOutline.class, Output.class, false);
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        DeckTheme theme = DeckTheme.DEFAULT.withFont(font);
        this.generator = new DeckGenerator(theme, thumbnailWidth / theme.pageWidth());
    }

    @Override
    protected ToolResult run(SlideOutline outline, ToolCall call) {
        DeckGenerator.Result result;
        try {
            result = generator.generate(outline, this::readImage);
        } catch (IOException e) {
            throw new ToolUnavailableException("cannot read an image from the artifact store: " + e.getMessage(), e);
        }
        return switch (result) {
            case DeckGenerator.Problems problems -> ToolResult.error("the outline cannot be made into a deck: "
                    + String.join("; ", problems.problems()) + ". Fix these and call create_slides again.");
            case DeckGenerator.Deck deck -> ok(store(outline.title(), deck));
        };
    }

    private Output store(String title, DeckGenerator.Deck deck) {
        String base = fileName(title);
        try {
            Artifact pptx = artifacts.put(base + ".pptx", PPTX, deck.pptx());
            List<SlideInfo> slides = new ArrayList<>();
            for (int i = 0; i < deck.thumbnails().size(); i++) {
                Artifact png = artifacts.put(String.format(Locale.ROOT, "%s-slide-%02d.png", base, i + 1), "image/png",
                        deck.thumbnails().get(i));
                slides.add(new SlideInfo(i + 1, deck.titles().get(i), png.uri()));
            }
            return new Output(pptx.uri(), pptx.size(), slides.size(), slides, deck.splits(), deck.shrunk());
        } catch (IOException e) {
            throw new ToolUnavailableException("cannot store the deck in the artifact store: " + e.getMessage(), e);
        }
    }

    /** A file name from the deck's title: lower-case ASCII letters and digits joined by '-', at most 60 characters. */
    static String fileName(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-[^-]*$", "");
        }
        return slug.isEmpty() ? "deck" : slug;
    }

    private byte[] readImage(String uri) throws DeckImage.BadImageException, IOException {
        if (!uri.startsWith(Artifact.SCHEME + "://")) {
            throw new DeckImage.BadImageException("is neither an artifact URI (artifact://...) nor a data URI"
                    + " (data:image/png;base64,...); pass the URI another tool returned, or embed the image");
        }
        try {
            Artifact artifact = artifacts.get(uri).orElseThrow(() -> new NoSuchFileException(uri));
            if (artifact.size() > MAX_IMAGE_BYTES) {
                throw new DeckImage.BadImageException("is " + artifact.size() + " bytes; the most is " + MAX_IMAGE_BYTES
                        + ": use a smaller image");
            }
            try (InputStream in = artifacts.open(uri)) {
                return in.readNBytes((int) MAX_IMAGE_BYTES);
            }
        } catch (IllegalArgumentException e) {
            throw new DeckImage.BadImageException("is not a valid artifact URI (" + e.getMessage()
                    + "); pass the URI exactly as a tool returned it");
        } catch (NoSuchFileException e) {
            throw new DeckImage.BadImageException("names no stored artifact; pass a URI that a tool returned in this"
                    + " run, or embed the image as a data URI");
        }
    }
}
