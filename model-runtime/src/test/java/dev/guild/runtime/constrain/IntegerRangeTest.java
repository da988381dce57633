package dev.guild.runtime.constrain;

import dev.guild.runtime.constrain.internal.IntegerRange;
import dev.guild.runtime.constrain.internal.Terminal;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IntegerRangeTest {

    private static boolean accepts(IntegerRange r, String text) {
        int state = r.initial();
        for (char c : text.toCharArray()) {
            state = r.step(state, c);
            if (state == Terminal.REJECT) {
                return false;
            }
        }
        return r.canEnd(state);
    }

    @Test
    void accepts_exactly_the_integers_in_the_range_written_canonically() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            long min = random.nextInt(4000) - 2000;
            long max = min + random.nextInt(3000);
            IntegerRange r = new IntegerRange(min, max);
            for (long v = min - 30; v <= max + 30; v += 1 + random.nextInt(7)) {
                assertThat(accepts(r, Long.toString(v))).as(v + " in [" + min + ", " + max + "]")
                        .isEqualTo(v >= min && v <= max);
            }
            assertThat(accepts(r, "007")).isFalse();
            assertThat(accepts(r, "-0")).isFalse();
        }
    }
}
