package dev.guild.tools.slides.internal;

import dev.guild.tools.slides.SlideOutline.Bullet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class FittersTest {

    private final DeckTheme theme = DeckTheme.DEFAULT;
    private final TextMeasurer measurer = new TextMeasurer(theme.font());
    private final BulletFitter bullets = new BulletFitter(theme, measurer);

    @Test
    void columns_that_fit_keep_their_proportions_and_fill_the_width() {
        double[] widths = TableFitter.share(new double[]{100, 50, 50}, new double[]{40, 30, 30}, 400);
        assertThat(widths).containsExactly(200, 100, 100);
    }

    @Test
    void columns_that_do_not_fit_keep_their_widest_word_and_share_the_rest_by_need() {
        double[] natural = {600, 80, 300};
        double[] minimum = {90, 80, 60};
        double[] widths = TableFitter.share(natural, minimum, 500);
        assertThat(Arrays.stream(widths).sum()).isCloseTo(500, offset(1e-9));
        for (int c = 0; c < widths.length; c++) {
            assertThat(widths[c]).isGreaterThanOrEqualTo(minimum[c]).isLessThanOrEqualTo(natural[c]);
        }
        assertThat(widths[1]).as("a column already at its natural width gets nothing more").isEqualTo(80);
        assertThat(widths[0]).isGreaterThan(widths[2]);
    }

    @Test
    void rows_pack_into_pages_under_a_repeated_header_and_a_row_taller_than_a_page_does_not_fit() {
        double gap = TableFitter.RENDER_GAP;
        double[] heights = {30 - gap, 100 - gap, 100 - gap, 100 - gap, 100 - gap, 100 - gap};
        assertThat(TableFitter.pack(heights, 250, 350)).containsExactly(List.of(0, 1), List.of(2, 3, 4));
        assertThat(TableFitter.pack(heights, 100, 350)).as("nothing fits the first page")
                .containsExactly(List.of(), List.of(0, 1, 2), List.of(3, 4));
        assertThat(TableFitter.pack(new double[]{30, 400}, 350, 350)).isNull();
    }

    @Test
    void a_page_does_not_end_with_a_bullet_whose_sub_bullets_start_the_next() {
        List<Bullet> list = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            list.add(new Bullet("Top level point number " + i, 0));
        }
        list.add(new Bullet("Parent of the next one", 0));
        list.add(new Bullet("Child that does not fit on the first page", 1));
        double height = bullets.height(list.subList(0, 6), 1, 800) + 1;
        BulletFitter.Box box = new BulletFitter.Box(800, height);
        List<List<Bullet>> pages = bullets.pack(list, 1, box, box);
        assertThat(pages).hasSize(2);
        assertThat(pages.get(1)).extracting(Bullet::text)
                .containsExactly("Parent of the next one", "Child that does not fit on the first page");
    }

    @Test
    void the_largest_scale_that_needs_no_more_pages_than_the_smallest_is_chosen() {
        List<Bullet> list = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            list.add(new Bullet("A point that takes about one line " + i, 0));
        }
        BulletFitter.Box body = new BulletFitter.Box(848, 364);
        BulletFitter.Fit fit = bullets.fit(list, body, body);
        assertThat(fit.pages()).hasSize(1);
        assertThat(fit.scale()).isLessThan(1).isGreaterThanOrEqualTo(theme.minScale());
        assertThat(bullets.height(list, fit.scale(), 848)).isLessThanOrEqualTo(364);
        assertThat(bullets.height(list, fit.scale() + 0.05, 848)).isGreaterThan(364);
    }

    @Test
    void scales_step_by_five_percent_down_to_the_minimum() {
        assertThat(Scales.of(0.75)).containsExactly(1.0, 0.95, 0.9, 0.85, 0.8, 0.75);
        assertThat(Scales.of(0.72)).endsWith(0.75, 0.72);
    }
}
