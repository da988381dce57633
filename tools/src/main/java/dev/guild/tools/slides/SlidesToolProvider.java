package dev.guild.tools.slides;

import dev.guild.tools.Tool;
import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.ToolProvider;

import java.util.List;

/**
 * Provides {@code create_slides} on the environment's artifact store. Settings (docs/tools.md, Slides):
 * <ul>
 *   <li>{@code guild.tools.slides.font}, default {@code DejaVu Sans}: font family of all text;</li>
 *   <li>{@code guild.tools.slides.thumbnail-width}, default {@code 960}: thumbnail width in pixels (160 to 3840).</li>
 * </ul>
 */
public final class SlidesToolProvider implements ToolProvider {

    public static final String PREFIX = "guild.tools.slides.";
    public static final String DEFAULT_FONT = "DejaVu Sans";
    public static final int DEFAULT_THUMBNAIL_WIDTH = 960;

    @Override
    public List<Tool> tools(ToolEnvironment env) {
        String font = env.settings().string(PREFIX + "font", DEFAULT_FONT);
        int width = env.settings().integer(PREFIX + "thumbnail-width", DEFAULT_THUMBNAIL_WIDTH);
        if (width < 160 || width > 3840) {
            throw new IllegalArgumentException("setting " + PREFIX + "thumbnail-width = '" + width
                    + "' is out of range; write a width in pixels from 160 to 3840 (default "
                    + DEFAULT_THUMBNAIL_WIDTH + ")");
        }
        return List.of(new CreateSlidesTool(env.artifacts(), font, width));
    }
}
