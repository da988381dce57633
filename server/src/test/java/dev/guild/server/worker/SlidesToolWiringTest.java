package dev.guild.server.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.embedded.GuildServices;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolResult;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform offers {@code create_slides}: POI and headless AWT work inside Quarkus, and the deck and its
 * thumbnails land in the artifact store under the data directory.
 */
@QuarkusTest
class SlidesToolWiringTest {

    @Inject
    ToolRegistry tools;

    @Inject
    GuildServices services;

    @Test
    void a_deck_and_its_thumbnails_are_stored_under_the_data_directory() throws Exception {
        ToolResult result = tools.invoke(new ToolCall("create_slides", "wiring/slides", new ObjectMapper().readTree("""
                {"title": "Wiring", "sections": [{"slides": [{"title": "It works",
                 "bullets": [{"text": "POI inside Quarkus"}], "notes": "say hello"}]}]}""")));

        assertThat(result.ok()).as("%s", result).isTrue();
        assertThat(result.output().get("slideCount").asInt()).isEqualTo(2);
        Path blobs = services.dataDir().resolve("artifacts").resolve("blobs");
        for (String uri : new String[]{result.output().get("deck").asText(),
                result.output().at("/slides/1/thumbnail").asText()}) {
            String sha = uri.replaceFirst("artifact://([0-9a-f]{64})/.*", "$1");
            assertThat(Files.size(blobs.resolve(sha))).isPositive();
        }
    }
}
