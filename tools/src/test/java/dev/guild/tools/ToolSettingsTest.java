package dev.guild.tools;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolSettingsTest {

    private final ToolSettings settings = ToolSettings.of(Map.ofEntries(
            Map.entry("a.ttl", "15m"), Map.entry("a.iso", "PT30S"), Map.entry("a.size", "10M"), Map.entry("a.n", " 42 "),
            Map.entry("a.flag", "TRUE"), Map.entry("a.path", "x/y"), Map.entry("a.blank", "  "),
            Map.entry("bad.ttl", "soon"), Map.entry("bad.size", "lots"), Map.entry("bad.n", "4.5"),
            Map.entry("bad.flag", "yes")));

    @Test
    void reads_typed_values_with_defaults() {
        assertThat(settings.duration("a.ttl", Duration.ZERO)).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.duration("a.iso", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.duration("a.unset", Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
        assertThat(settings.bytes("a.size", 0)).isEqualTo(10L << 20);
        assertThat(settings.integer("a.n", 0)).isEqualTo(42);
        assertThat(settings.bool("a.flag", false)).isTrue();
        assertThat(settings.path("a.path")).contains(Path.of("x/y"));
        assertThat(settings.string("a.blank")).isEmpty();
        assertThat(settings.string("a.blank", "d")).isEqualTo("d");
    }

    @Test
    void bad_values_name_the_key_the_value_and_the_form() {
        assertThatThrownBy(() -> settings.duration("bad.ttl", Duration.ZERO))
                .hasMessage("setting bad.ttl = 'soon' is not valid; write a duration such as 15m, 30s, 2h or PT15M");
        assertThatThrownBy(() -> settings.bytes("bad.size", 0)).hasMessageContaining("bad.size = 'lots'");
        assertThatThrownBy(() -> settings.integer("bad.n", 0)).hasMessageContaining("bad.n = '4.5'");
        assertThatThrownBy(() -> settings.bool("bad.flag", false)).hasMessageContaining("true or false");
    }
}
