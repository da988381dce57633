package dev.guild.tools.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolResult;
import dev.guild.tools.artifacts.ArtifactStore;
import dev.guild.tools.research.internal.ResearchToolFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ingest_document} and {@code search_knowledge} through the registry, on one knowledge base for the class. */
class ResearchToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger KEYS = new AtomicInteger();

    @TempDir
    static Path dataDir;

    private static KnowledgeBase kb;
    private static ToolRegistry registry;
    private static LocalWebServer server;
    private static ResearchSettings settings;

    @BeforeAll
    static void start() throws Exception {
        ResearchSettings d = ResearchSettings.defaults(dataDir);
        settings = d.withFetch(new ResearchSettings.FetchSettings(Set.of("127.0.0.1"), d.fetch().timeout(), d.fetch().maxBytes(), 3, 20_000));
        kb = KnowledgeBase.open(settings, TestEmbeddings.MODEL);
        registry = ToolRegistry.of(ResearchToolFactory.tools(settings, () -> kb,
                ArtifactStore.files(dataDir.resolve("artifacts"), 1 << 20, Clock.systemUTC()), null));
        Files.createDirectories(settings.inboxDir().resolve("reports"));
        Files.write(settings.inboxDir().resolve("reports/onboarding.docx"),
                CorpusFiles.docx(CorpusFiles.resource("research/corpus/onboarding.docx.txt")));
        Files.writeString(dataDir.resolve("secret.txt"), "the vault code is 1234");
        Files.createSymbolicLink(settings.inboxDir().resolve("link.txt"), dataDir.resolve("secret.txt"));
        server = new LocalWebServer().on("/notes.md", ex -> LocalWebServer.send(ex, 200, "text/markdown; charset=utf-8",
                CorpusFiles.resource("research/corpus/sourdough.md")));
    }

    @AfterAll
    static void stop() {
        server.close();
        kb.close();
    }

    private static ToolResult call(String tool, String key, String arguments) throws Exception {
        return registry.invoke(new ToolCall(tool, key, JSON.readTree(arguments)));
    }

    private static ToolResult call(String tool, String arguments) throws Exception {
        return call(tool, "run-1/act-" + KEYS.incrementAndGet(), arguments);
    }

    @Test
    void a_file_from_the_inbox_is_ingested_found_and_cited() throws Exception {
        ToolResult ingested = call("ingest_document", "{\"path\":\"reports/onboarding.docx\"}");

        assertThat(ingested.ok()).as(String.valueOf(ingested.error())).isTrue();
        assertThat(ingested.output().get("sourceId").asText()).isEqualTo("reports/onboarding.docx");
        assertThat(ingested.output().get("contentType").asText()).isEqualTo(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(ingested.output().get("chunks").asInt()).isPositive();

        ToolResult found = call("search_knowledge", "{\"query\":\"who helps new hires in their first weeks\",\"topK\":2,"
                + "\"sources\":[\"reports/onboarding.docx\"]}");

        JsonNode top = found.output().get("passages").get(0);
        assertThat(top.get("text").asText()).contains("buddy");
        assertThat(top.get("citation").get("id").asText()).startsWith("kb:reports/onboarding.docx#");
        assertThat(top.get("citation").get("location").get("heading").asText()).isEqualTo("The buddy programme");
        assertThat(top.get("score").asDouble()).isPositive();
    }

    @Test
    void the_same_key_replays_its_result_and_the_same_content_changes_nothing() throws Exception {
        String args = "{\"content\":\"Pelicans scoop fish with their throat pouch.\",\"sourceId\":\"pelicans\",\"title\":\"Pelicans\"}";
        ToolResult first = call("ingest_document", "run-9/act-1", args);
        ToolResult retried = call("ingest_document", "run-9/act-1", args);
        ToolResult again = call("ingest_document", "run-9/act-2", args);

        assertThat(first.output().get("status").asText()).isEqualTo("ingested");
        assertThat(retried.output()).isEqualTo(first.output());
        assertThat(again.output().get("status").asText()).isEqualTo("unchanged");
        assertThat(again.output().get("contentHash")).isEqualTo(first.output().get("contentHash"));
        assertThat(kb.chunkCount("pelicans")).isEqualTo(1);
    }

    @Test
    void a_url_is_fetched_safely_ingested_and_kept_as_an_artifact() throws Exception {
        ToolResult ingested = call("ingest_document", "{\"url\":\"" + server.url("/notes.md") + "\"}");

        assertThat(ingested.ok()).as(String.valueOf(ingested.error())).isTrue();
        assertThat(ingested.output().get("sourceId").asText()).isEqualTo(server.url("/notes.md"));
        assertThat(ingested.output().get("title").asText()).isEqualTo("Keeping a sourdough starter");
        assertThat(ingested.output().get("artifactUri").asText()).startsWith("artifact://").endsWith("/notes.md");
        Passage top = kb.search(new SearchRequest("how often to feed the starter", 1, Set.of(server.url("/notes.md")), null)).getFirst();
        assertThat(top.citation().url()).isEqualTo(server.url("/notes.md"));

        assertThat(call("ingest_document", "{\"url\":\"http://10.0.0.1/internal.md\"}").error()).contains("private");
    }

    @Test
    void paths_outside_the_inbox_are_refused() throws Exception {
        assertThat(call("ingest_document", "{\"path\":\"../secret.txt\"}").error()).contains("outside the research inbox");
        assertThat(call("ingest_document", "{\"path\":\"/etc/passwd\"}").error()).contains("outside the research inbox");
        assertThat(call("ingest_document", "{\"path\":\"link.txt\"}").error()).contains("a link to a file elsewhere");
        assertThat(call("ingest_document", "{\"path\":\"reports/missing.pdf\"}").error()).contains("no file 'reports/missing.pdf'");
    }

    @Test
    void bad_arguments_are_explained() throws Exception {
        assertThat(call("ingest_document", "{}").error()).contains("exactly one of 'path', 'url' or 'content'; got 0");
        assertThat(call("ingest_document", "{\"path\":\"a.txt\",\"content\":\"x\"}").error()).contains("got 2 (path, content)");
        assertThat(call("ingest_document", "{\"content\":\"x\"}").error()).contains("'sourceId' is required");
        assertThat(call("ingest_document", "{\"content\":\"x\",\"sourceId\":\"s\",\"contentType\":\"application/pdf\"}").error())
                .contains("cannot be sent as text");
        assertThat(call("ingest_document", "{\"content\":\"  \",\"sourceId\":\"blank\"}").error()).contains("has no text");
        assertThat(call("search_knowledge", "{\"query\":\"x\",\"topK\":0}").error()).contains("topK");
        assertThat(call("search_knowledge", "{\"query\":\"x\",\"mode\":\"fuzzy\"}").error()).contains("mode");
    }

    @Test
    void html_content_is_accepted_inline_and_searchable_by_keyword_only() throws Exception {
        ToolResult ingested = call("ingest_document", "{\"content\":\"<html><head><title>Ferns</title></head><body>"
                + "<p>Ferns reproduce with spores, not seeds.</p></body></html>\",\"sourceId\":\"ferns\",\"contentType\":\"text/html\"}");

        assertThat(ingested.output().get("title").asText()).isEqualTo("Ferns");
        JsonNode passages = call("search_knowledge", "{\"query\":\"spores\",\"mode\":\"keyword\"}").output().get("passages");
        assertThat(passages).hasSize(1);
        assertThat(passages.get(0).get("citation").get("id").asText()).isEqualTo("kb:ferns#0");
        assertThat(passages.get(0).has("vectorRank")).isFalse();
    }
}
