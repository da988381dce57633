package dev.guild.tools.research;

import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolRegistryException;
import dev.guild.tools.ToolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResearchSettingsTest {

    @TempDir
    Path dataDir;

    @Test
    void defaults_live_under_the_data_directory() {
        ResearchSettings settings = ResearchSettings.from(dataDir, ToolSettings.NONE);

        assertThat(settings.indexDir()).isEqualTo(dataDir.resolve("research/index"));
        assertThat(settings.inboxDir()).isEqualTo(dataDir.resolve("research/inbox"));
        assertThat(settings.chunkMaxChars()).isEqualTo(600);
        assertThat(settings.chunkOverlapChars()).isEqualTo(100);
        assertThat(settings.fetch()).isEqualTo(ResearchSettings.FetchSettings.DEFAULTS);
        assertThat(settings.searxngUrl()).isEmpty();
    }

    @Test
    void every_key_is_read() {
        ResearchSettings settings = ResearchSettings.from(dataDir, ToolSettings.of(Map.ofEntries(
                Map.entry("guild.tools.research.index-dir", "/srv/kb"),
                Map.entry("guild.tools.research.inbox-dir", "/srv/inbox"),
                Map.entry("guild.tools.research.chunk.max-chars", "800"),
                Map.entry("guild.tools.research.chunk.overlap-chars", "150"),
                Map.entry("guild.tools.research.max-document-bytes", "2M"),
                Map.entry("guild.tools.research.max-document-chars", "50000"),
                Map.entry("guild.tools.research.fetch.allowed-hosts", "intranet.example, 10.0.0.7"),
                Map.entry("guild.tools.research.fetch.timeout", "30s"),
                Map.entry("guild.tools.research.fetch.max-bytes", "1M"),
                Map.entry("guild.tools.research.fetch.max-redirects", "2"),
                Map.entry("guild.tools.research.fetch.max-text-chars", "5000"),
                Map.entry("guild.tools.research.searxng-url", "http://searxng:8080"),
                Map.entry("guild.tools.research.search-timeout", "PT3S"))));

        assertThat(settings.indexDir()).isEqualTo(Path.of("/srv/kb"));
        assertThat(settings.inboxDir()).isEqualTo(Path.of("/srv/inbox"));
        assertThat(settings.chunkMaxChars()).isEqualTo(800);
        assertThat(settings.chunkOverlapChars()).isEqualTo(150);
        assertThat(settings.maxDocumentBytes()).isEqualTo(2L << 20);
        assertThat(settings.maxDocumentChars()).isEqualTo(50_000);
        assertThat(settings.fetch()).isEqualTo(new ResearchSettings.FetchSettings(Set.of("intranet.example", "10.0.0.7"),
                Duration.ofSeconds(30), 1L << 20, 2, 5000));
        assertThat(settings.searxngUrl()).contains(URI.create("http://searxng:8080"));
        assertThat(settings.searchTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void bad_values_name_the_key_the_value_and_the_fix() {
        assertThatThrownBy(() -> ResearchSettings.from(dataDir, ToolSettings.of(Map.of("guild.tools.research.chunk.max-chars", "big"))))
                .hasMessageContaining("guild.tools.research.chunk.max-chars = 'big'");
        assertThatThrownBy(() -> ResearchSettings.from(dataDir, ToolSettings.of(Map.of(
                "guild.tools.research.chunk.max-chars", "50", "guild.tools.research.chunk.overlap-chars", "400"))))
                .hasMessageContaining("chunk.max-chars must be between 100 and 4000; got 50")
                .hasMessageContaining("chunk.overlap-chars must be between 0 and half");
        assertThatThrownBy(() -> ResearchSettings.from(dataDir, ToolSettings.of(Map.of("guild.tools.research.searxng-url", "searxng:8080"))))
                .hasMessageContaining("searxng-url must be an absolute http(s) URL");
        assertThatThrownBy(() -> ResearchSettings.from(dataDir, ToolSettings.of(Map.of("guild.tools.research.fetch.max-redirects", "99"))))
                .hasMessageContaining("fetch.max-redirects must be between 0 and 20; got 99");
    }

    @Test
    void the_provider_registers_the_four_tools_without_opening_the_index_and_refuses_bad_settings() {
        ToolRegistry registry = ToolRegistry.load(getClass().getClassLoader(), ToolEnvironment.builder(dataDir).build());

        assertThat(registry.names()).contains("ingest_document", "search_knowledge", "fetch_url", "web_search");
        assertThat(registry.get("ingest_document").sideEffects()).isTrue();
        assertThat(registry.get("search_knowledge").sideEffects()).isFalse();
        assertThat(dataDir.resolve("research/index")).doesNotExist();

        ToolEnvironment bad = ToolEnvironment.builder(dataDir)
                .settings(ToolSettings.of(Map.of("guild.tools.research.fetch.timeout", "soon"))).build();
        assertThatThrownBy(() -> ToolRegistry.load(getClass().getClassLoader(), bad))
                .isInstanceOf(ToolRegistryException.class)
                .hasMessageContaining("guild.tools.research.fetch.timeout = 'soon'");
    }
}
