package dev.guild.tools.slides.internal;

import java.util.ArrayList;
import java.util.List;

/** The scales content is tried at: 1, 0.95, 0.90, ... down to a minimum (included). */
final class Scales {

    static List<Double> of(double minimum) {
        List<Double> scales = new ArrayList<>();
        for (int step = 0; 1 - step * 0.05 > minimum + 1e-9; step++) {
            scales.add(Math.round((1 - step * 0.05) * 100) / 100.0);
        }
        scales.add(minimum);
        return scales;
    }

    private Scales() {
    }
}
