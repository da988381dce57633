package dev.guild.tools.slides.internal;

import dev.guild.tools.slides.SlideOutline.Bullet;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays bullets out in boxes: measures them at a scale, and packs them into as few pages as the boxes allow. A page
 * never ends with a bullet whose sub-bullets start the next page, when moving it keeps both pages within bounds.
 */
final class BulletFitter {

    private final DeckTheme theme;
    private final TextMeasurer measurer;

    BulletFitter(DeckTheme theme, TextMeasurer measurer) {
        this.theme = theme;
        this.measurer = measurer;
    }

    /** Size of a bullet's text at a scale. */
    double size(Bullet bullet, double scale) {
        return theme.bulletSize(bullet.depth()) * scale;
    }

    /** Width of a bullet's text in a box of {@code width}: its indent and the hanging marker's width less. */
    double textWidth(Bullet bullet, double width) {
        return width - theme.bulletIndent(bullet.depth()) - theme.bulletHang();
    }

    /** Height of bullets stacked in one box. */
    double height(List<Bullet> bullets, double scale, double width) {
        int n = bullets.size();
        double[] sizes = new double[n];
        int[] lines = new int[n];
        double[] space = new double[n];
        for (int i = 0; i < n; i++) {
            Bullet bullet = bullets.get(i);
            sizes[i] = size(bullet, scale);
            lines[i] = measurer.lineCount(bullet.text(), sizes[i], false, textWidth(bullet, width));
            space[i] = theme.spaceBefore(bullet.depth()) * scale;
        }
        return measurer.height(sizes, lines, space);
    }

    private double height(List<Bullet> page, Bullet next, double scale, double width) {
        List<Bullet> all = new ArrayList<>(page);
        all.add(next);
        return height(all, scale, width);
    }

    /** A box size: the first page's may differ from the others' (an image beside the bullets). */
    record Box(double width, double height) {
    }

    /**
     * Bullets packed into pages, the first in {@code first} and the others in {@code rest}; null when a bullet alone
     * does not fit in {@code rest}.
     */
    List<List<Bullet>> pack(List<Bullet> bullets, double scale, Box first, Box rest) {
        List<List<Bullet>> pages = new ArrayList<>();
        List<Bullet> page = new ArrayList<>();
        Box box = first;
        for (Bullet bullet : bullets) {
            if (!page.isEmpty() && height(page, bullet, scale, box.width()) > box.height()) {
                List<Bullet> carried = carriedParents(page, bullet, scale, rest);
                pages.add(new ArrayList<>(page.subList(0, page.size() - carried.size())));
                page = new ArrayList<>(carried);
                box = rest;
            }
            if (page.isEmpty() && height(List.of(bullet), scale, box.width()) > box.height()) {
                if (box == rest) {
                    return null;
                }
                pages.add(List.of());
                box = rest;
                if (height(List.of(bullet), scale, box.width()) > box.height()) {
                    return null;
                }
            }
            page.add(bullet);
        }
        if (!page.isEmpty() || pages.isEmpty()) {
            pages.add(page);
        }
        return pages;
    }

    /** The bullets at the end of {@code page} that {@code next} nests under, when they fit with it on a new page. */
    private List<Bullet> carriedParents(List<Bullet> page, Bullet next, double scale, Box rest) {
        int start = page.size();
        int level = next.depth();
        while (start > 1 && page.get(start - 1).depth() < level) {
            start--;
            level = page.get(start).depth();
        }
        if (start == page.size()) {
            return List.of();
        }
        List<Bullet> carried = new ArrayList<>(page.subList(start, page.size()));
        return height(carried, next, scale, rest.width()) <= rest.height() ? carried : List.of();
    }

    /** Pages and the scale they were laid out at. */
    record Fit(double scale, List<List<Bullet>> pages) {
    }

    /**
     * The largest scale, from 1 down to the theme's minimum in steps of 5%, that needs no more pages than the minimum
     * scale does; null when a bullet does not fit a page even at the minimum scale.
     */
    Fit fit(List<Bullet> bullets, Box first, Box rest) {
        List<List<Bullet>> smallest = pack(bullets, theme.minScale(), first, rest);
        if (smallest == null) {
            return null;
        }
        for (double scale : Scales.of(theme.minScale())) {
            List<List<Bullet>> pages = pack(bullets, scale, first, rest);
            if (pages != null && pages.size() <= smallest.size()) {
                return new Fit(scale, pages);
            }
        }
        return new Fit(theme.minScale(), smallest);
    }
}
