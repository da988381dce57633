package dev.guild.tools.slides;

import dev.guild.tools.ToolResult;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Opens a generated deck in a real office suite: LibreOffice converts it to PDF headless, and the PDF must have one
 * page per slide, each slide's text, and no text below the body or right of the margin. Without {@code soffice} the
 * test fails under CI (env {@code CI} or {@code GUILD_REQUIRE_SOFFICE} set; .ci/run sets the latter) and is skipped
 * elsewhere, saying how to install it.
 */
class LibreOfficeConversionTest {

    private static final String INSTALL = "install LibreOffice (Debian: apt-get install -y --no-install-recommends"
            + " libreoffice-impress) or point GUILD_SOFFICE at its soffice";

    @TempDir
    Path dir;

    @Test
    void libreoffice_renders_every_slide_with_its_text_inside_the_page() throws Exception {
        Path soffice = soffice();
        SlidesFixture slides = new SlidesFixture(dir.resolve("data"));
        ToolResult result = slides.call(SampleDecks.quarterlyReview());
        assertThat(result.ok()).as(result.error()).isTrue();
        Path deck = dir.resolve("deck.pptx");
        Files.write(deck, slides.bytes(result.output().get("deck").asText()));

        Path pdf = convert(soffice, deck);

        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            int count = result.output().get("slideCount").asInt();
            assertThat(document.getNumberOfPages()).isEqualTo(count);
            for (int page = 1; page <= count; page++) {
                String title = result.output().get("slides").get(page - 1).get("title").asText();
                assertThat(flat(pageText(document, page))).as("text of page %d", page).contains(flat(title));
            }
            assertThat(flat(pageText(document, 3))).contains("Down from 2.4 s to 0.6 s");
            assertThat(flat(pageText(document, 8))).contains("Milestone").contains("Approval flow").contains("Week 5");
            assertThat(flat(pageText(document, 9))).contains("Milestone").contains("Multi-tenant quotas");
            assertThat(flat(pageText(document, 10))).contains("$18,000");
            assertTextWithinBody(document);
        }
    }

    /** Every visible glyph of a content page (from page 3) lies above the body's bottom (496 pt) and left of 904 pt. */
    private static void assertTextWithinBody(PDDocument document) throws IOException {
        List<String> outside = new ArrayList<>();
        for (int page = 3; page <= document.getNumberOfPages(); page++) {
            PDPage pdPage = document.getPage(page - 1);
            double scale = 960 / pdPage.getMediaBox().getWidth();
            int number = page;
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition text) {
                    double x = (text.getXDirAdj() + text.getWidthDirAdj()) * scale;
                    double bottom = (text.getYDirAdj() + 0.25 * text.getFontSizeInPt()) * scale;
                    boolean slideNumber = text.getYDirAdj() * scale > 500;
                    // a space that ends a wrapped line may hang past the margin; it draws nothing
                    if (!slideNumber && !text.getUnicode().isBlank() && (bottom > 497 || x > 905)) {
                        outside.add("page " + number + " '" + text.getUnicode() + "' at x " + Math.round(x) + ", bottom "
                                + Math.round(bottom));
                    }
                }
            };
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            stripper.getText(document);
        }
        assertThat(outside).as("glyphs outside the body").isEmpty();
    }

    private static String pageText(PDDocument document, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document);
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private Path convert(Path soffice, Path deck) throws Exception {
        Path profile = dir.resolve("profile");
        Process process = new ProcessBuilder(soffice.toString(), "-env:UserInstallation=" + profile.toUri(),
                "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir.toString(), deck.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("soffice.log").toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("soffice did not convert the deck within 180 s; log: " + Files.readString(dir.resolve("soffice.log")));
        }
        Path pdf = dir.resolve("deck.pdf");
        assertThat(pdf).as("soffice exit %d, log: %s", process.exitValue(),
                Files.readString(dir.resolve("soffice.log"))).exists();
        return pdf;
    }

    /** soffice from GUILD_SOFFICE or the PATH; fails under CI when absent, skips elsewhere. */
    private static Path soffice() {
        Optional<Path> found = Optional.ofNullable(System.getenv("GUILD_SOFFICE")).map(Path::of).filter(Files::isExecutable)
                .or(() -> onPath("soffice")).or(() -> onPath("libreoffice"));
        if (found.isPresent()) {
            return found.get();
        }
        if (System.getenv("CI") != null || System.getenv("GUILD_REQUIRE_SOFFICE") != null) {
            fail("soffice (LibreOffice) is required under CI (CI or GUILD_REQUIRE_SOFFICE is set) and was not found"
                    + " on the PATH: " + INSTALL);
        }
        Assumptions.abort("soffice (LibreOffice) not found on the PATH: the deck is not checked in an office suite; "
                + INSTALL);
        return null;
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
