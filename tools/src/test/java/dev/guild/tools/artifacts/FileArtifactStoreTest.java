package dev.guild.tools.artifacts;

import dev.guild.tools.artifacts.internal.FileArtifactStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileArtifactStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path parent;

    /** The store's directory, one level below a directory the test owns, so escapes into the parent show. */
    Path dir;

    @BeforeEach
    void storeDirectory() {
        dir = parent.resolve("store");
    }

    private ArtifactStore store(long maxBytes) {
        return ArtifactStore.files(dir, maxBytes, CLOCK);
    }

    @Test
    void stores_content_under_its_sha256_and_reads_it_back() throws Exception {
        ArtifactStore store = store(1024);
        byte[] content = "BEGIN:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8);

        Artifact artifact = store.put("invite.ics", "text/calendar; charset=utf-8", content);

        assertThat(artifact.sha256())
                .isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(artifact.uri()).isEqualTo("artifact://" + artifact.sha256() + "/invite.ics");
        assertThat(artifact.size()).isEqualTo(content.length);
        assertThat(artifact.contentType()).isEqualTo("text/calendar; charset=utf-8");
        assertThat(artifact.createdAt()).isEqualTo(CLOCK.instant());
        try (InputStream in = store.open(artifact.uri())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.get(artifact.uri())).contains(artifact);
        assertThat(store(1024).list()).containsExactly(artifact); // a new instance on the same directory sees it
    }

    @Test
    void same_content_is_stored_once_and_each_name_gets_its_own_uri() throws Exception {
        ArtifactStore store = store(1024);
        Artifact a = store.put("a.txt", "text/plain", "same".getBytes(StandardCharsets.UTF_8));
        Artifact again = store.put("a.txt", "text/plain", "same".getBytes(StandardCharsets.UTF_8));
        Artifact b = store.put("b.txt", "text/plain", new ByteArrayInputStream("same".getBytes(StandardCharsets.UTF_8)));

        assertThat(again).isEqualTo(a);
        assertThat(b.sha256()).isEqualTo(a.sha256());
        assertThat(b.uri()).isNotEqualTo(a.uri());
        try (Stream<Path> blobs = Files.list(dir.resolve("blobs"))) {
            assertThat(blobs.count()).isEqualTo(1);
        }
        assertThat(store.list()).extracting(Artifact::name).containsExactly("a.txt", "b.txt");
    }

    @Test
    void names_are_made_safe_and_cannot_escape_the_directory() throws Exception {
        ArtifactStore store = store(1024);

        assertThat(store.put("../../etc/passwd", "text/plain", new byte[]{1}).name()).isEqualTo("passwd");
        assertThat(store.put("..\\..\\boot.ini", "text/plain", new byte[]{2}).name()).isEqualTo("boot.ini");
        assertThat(store.put("Q4 plan (final).pptx", "text/plain", new byte[]{3}).name()).isEqualTo("Q4-plan--final-.pptx");
        assertThat(store.put("..", "text/plain", new byte[]{4}).name()).isEqualTo("artifact");
        assertThat(store.put("x".repeat(300) + ".pdf", "text/plain", new byte[]{5}).name()).hasSize(128).endsWith(".pdf");
        try (Stream<Path> all = Files.walk(parent)) {
            assertThat(all.filter(p -> p.getFileName().toString().startsWith("passwd"))).allMatch(p -> p.startsWith(dir));
        }

        String sha = "a".repeat(64);
        for (String bad : List.of("artifact://" + sha + "/../../x", "artifact://" + sha + "/a/b", "artifact://../x",
                "file:///etc/passwd", "artifact://" + sha.toUpperCase() + "/x")) {
            assertThatThrownBy(() -> store.open(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "' is not an artifact URI");
        }
        assertThat(store.get("artifact://" + sha + "/missing.txt")).isEmpty();
        assertThatThrownBy(() -> store.open("artifact://" + sha + "/missing.txt")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void refuses_content_over_the_limit_and_leaves_nothing_behind() throws Exception {
        ArtifactStore store = store(10);

        assertThatThrownBy(() -> store.put("big.bin", "application/octet-stream", new byte[11]))
                .isInstanceOf(ArtifactTooLargeException.class)
                .hasMessageContaining("'big.bin'").hasMessageContaining("10 bytes")
                .hasMessageContaining("guild.tools.artifacts.max-bytes");
        assertThat(store.put("fits.bin", "application/octet-stream", new byte[10]).size()).isEqualTo(10);
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
        assertThat(store.list()).extracting(Artifact::name).containsExactly("fits.bin");
    }

    @Test
    void refuses_content_types_that_are_not_media_types() {
        ArtifactStore store = store(10);
        for (String bad : new String[]{"", "text", "text/plain\r\nX-Evil: 1", "../x"}) {
            assertThatThrownBy(() -> store.put("a.txt", bad, new byte[1])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a media type");
        }
        assertThatThrownBy(() -> ArtifactStore.files(dir, 0, CLOCK)).hasMessageContaining("must be positive; got 0");
    }

    @Test
    void concurrent_writers_of_the_same_content_agree() throws Exception {
        ArtifactStore store = store(1 << 20);
        byte[] content = new byte[200_000];
        new java.util.Random(7).nextBytes(content);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Artifact>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> store.put("deck.pptx", "application/octet-stream", content)));
            }
            for (Future<Artifact> f : futures) {
                assertThat(f.get().sha256()).isEqualTo(futures.getFirst().get().sha256());
            }
        } finally {
            pool.shutdown();
        }
        try (InputStream in = store.open(store.list().getFirst().uri())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(FileArtifactStore.safeName(" x ")).isEqualTo("x");
    }
}
