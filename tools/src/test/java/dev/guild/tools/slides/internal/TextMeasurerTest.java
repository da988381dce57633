package dev.guild.tools.slides.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextMeasurerTest {

    private final TextMeasurer measurer = new TextMeasurer(DeckTheme.DEFAULT.font());

    @Test
    void wrapped_lines_fit_the_width_and_keep_every_word_in_order() {
        String text = "The shared benchmark machine is noisy: figures vary by thirty percent between runs at"
                + " different times of the day.";
        List<String> lines = measurer.wrap(text, 24, false, 300);
        assertThat(lines).hasSizeGreaterThan(2);
        assertThat(lines).allSatisfy(line -> assertThat(measurer.width(line, 24, false)).isLessThanOrEqualTo(300));
        assertThat(String.join(" ", lines)).isEqualTo(text);
    }

    @Test
    void a_word_wider_than_the_line_breaks_between_characters() {
        String url = "https://example.org/" + "a".repeat(120);
        List<String> lines = measurer.wrap(url, 18, false, 200);
        assertThat(lines).hasSizeGreaterThan(3);
        assertThat(lines).allSatisfy(line -> assertThat(measurer.width(line, 18, false)).isLessThanOrEqualTo(200));
        assertThat(String.join("", lines)).isEqualTo(url);
    }

    @Test
    void explicit_line_breaks_start_new_lines_and_empty_text_is_one_line() {
        assertThat(measurer.wrap("one\ntwo", 20, false, 500)).containsExactly("one", "two");
        assertThat(measurer.lineCount("", 20, false, 500)).isEqualTo(1);
    }

    @Test
    void bold_is_wider_and_heights_grow_with_lines_sizes_and_paragraphs() {
        assertThat(measurer.width("Milestones", 20, true)).isGreaterThan(measurer.width("Milestones", 20, false));
        double one = measurer.height(20, 1);
        assertThat(one).isGreaterThan(20 * TextMeasurer.LINE_SPACING);
        assertThat(measurer.height(20, 3) - one).isCloseTo(2 * 20 * TextMeasurer.LINE_SPACING * 1.02,
                org.assertj.core.data.Offset.offset(0.01));
        double twoParagraphs = measurer.height(new double[]{20, 20}, new int[]{1, 1}, new double[]{0, 12});
        assertThat(twoParagraphs).isGreaterThan(measurer.height(20, 2) + 12);
    }
}
