package dev.guild.runtime.download;

import dev.guild.runtime.gguf.GgufFile;
import dev.guild.runtime.gguf.GgufWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelResolverTest {
    private static final ModelReference HF = new ModelReference.HuggingFace("org/repo", "model.gguf", "main");

    @TempDir
    Path dir;
    byte[] gguf;
    String sha;
    RangeServer server;
    ModelResolver resolver;
    final List<DownloadProgress> progress = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Path source = dir.resolve("source.gguf");
        GgufWriter w = GgufWriter.create();
        w.metadata().putString("general.architecture", "llama").putString("general.name", "download-test");
        float[] weights = new float[64 * 1024];
        Random random = new Random(42);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextFloat();
        }
        w.addF32Tensor("token_embd.weight", new long[] {64, 1024}, weights);
        w.write(source);
        gguf = Files.readAllBytes(source);
        sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(gguf));
        server = new RangeServer(gguf, sha);
        resolver = new ModelResolver(settings(4));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private DownloadSettings settings(int attempts) {
        return DownloadSettings.defaults(dir.resolve("models")).withHubEndpoint(server.endpoint()).withMaxAttempts(attempts);
    }

    private Path download(ModelResolver r, ExpectedFile expected) {
        return r.resolve(HF, expected, progress::add);
    }

    private void assertLoadable(Path file) throws IOException {
        assertThat(file).hasBinaryContent(gguf);
        assertThat(file).isEqualTo(dir.resolve("models/huggingface/org/repo/main/model.gguf"));
        try (GgufFile loaded = GgufFile.open(file)) {
            assertThat(loaded.metadata().getString("general.name")).contains("download-test");
        }
        assertThat(file.resolveSibling("model.gguf.part")).doesNotExist();
        assertThat(file.resolveSibling("model.gguf.sha256")).content().isEqualToIgnoringNewLines(sha);
    }

    private Path target() {
        return dir.resolve("models/huggingface/org/repo/main/model.gguf");
    }

    @Test
    void downloads_follows_the_hub_redirect_verifies_the_linked_etag_and_reports_progress() throws IOException {
        Path file = download(resolver, ExpectedFile.none());

        assertLoadable(file);
        assertThat(server.ranges).containsExactly("");
        assertThat(progress).isNotEmpty();
        assertThat(progress.getLast().bytesDone()).isEqualTo(gguf.length);
        assertThat(progress.getLast().percent()).isEqualTo(100);
        assertThat(progress).allSatisfy(p -> assertThat(p.totalBytes()).isEqualTo(gguf.length));
    }

    @Test
    void second_resolve_uses_the_cache_without_a_request() {
        download(resolver, ExpectedFile.none());
        int before = server.cdnRequests.get();

        Path again = download(resolver, ExpectedFile.sha256(sha));

        assertThat(again).hasBinaryContent(gguf);
        assertThat(server.cdnRequests.get()).isEqualTo(before);
    }

    @Test
    void resumes_with_a_range_request_when_the_server_cuts_the_connection() throws IOException {
        server.cutResponses = 1;
        server.cutAt = gguf.length / 3;

        Path file = download(resolver, ExpectedFile.none());

        assertLoadable(file);
        assertThat(server.ranges).hasSize(2);
        assertThat(server.ranges.get(1)).matches("bytes=\\d+-").isNotEqualTo("bytes=0-");
    }

    @Test
    void resumes_a_part_file_left_by_an_earlier_run() throws IOException {
        server.cutResponses = 1;
        server.cutAt = gguf.length / 2;
        assertThatThrownBy(() -> download(new ModelResolver(settings(1)), ExpectedFile.none()))
                .isInstanceOf(DownloadException.class).hasMessageContaining("run again to resume");
        assertThat(target()).doesNotExist();
        long kept = Files.size(target().resolveSibling("model.gguf.part"));
        assertThat(kept).isPositive().isLessThan(gguf.length);

        Path file = download(resolver, ExpectedFile.none());

        assertLoadable(file);
        assertThat(server.ranges.getLast()).isEqualTo("bytes=" + kept + "-");
    }

    @Test
    void restarts_cleanly_when_the_server_ignores_range() throws IOException {
        server.cutResponses = 1;
        server.cutAt = gguf.length / 2;
        server.ignoreRange = true;

        Path file = download(resolver, ExpectedFile.none());

        assertLoadable(file);
        assertThat(server.ranges.get(1)).startsWith("bytes=");
    }

    @Test
    void complete_part_file_answered_with_416_is_verified_and_used() throws IOException {
        Path part = target().resolveSibling("model.gguf.part");
        Files.createDirectories(part.getParent());
        Files.write(part, gguf);

        Path file = download(resolver, ExpectedFile.none());

        assertLoadable(file);
        assertThat(server.ranges).containsExactly("bytes=" + gguf.length + "-");
    }

    @Test
    void truncated_body_is_an_error_and_never_loaded() {
        server.truncateTo = gguf.length / 2;

        assertThatThrownBy(() -> download(resolver, ExpectedFile.none()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining(gguf.length / 2 + " bytes but " + gguf.length + " were expected")
                .hasMessageContaining("not loaded");
        assertThat(target()).doesNotExist();
        assertThat(target().resolveSibling("model.gguf.part")).doesNotExist();
    }

    @Test
    void body_cut_on_every_attempt_fails_after_the_configured_attempts() {
        server.cutResponses = 100;
        server.cutAt = 0;

        assertThatThrownBy(() -> download(new ModelResolver(settings(2)), ExpectedFile.none()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("after 2 attempts")
                .satisfies(e -> assertThat(((DownloadException) e).retryable()).isTrue());
        assertThat(target()).doesNotExist();
    }

    @Test
    void corrupted_content_fails_the_server_checksum_and_is_deleted() {
        byte[] corrupt = gguf.clone();
        corrupt[corrupt.length / 2] ^= 1;
        server.content = corrupt;

        assertThatThrownBy(() -> download(resolver, ExpectedFile.none()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining(sha)
                .hasMessageContaining("announced by the server");
        assertThat(target()).doesNotExist();
        assertThat(target().resolveSibling("model.gguf.part")).doesNotExist();
    }

    @Test
    void caller_checksum_mismatch_is_an_error() {
        String wrong = "0".repeat(64);

        assertThatThrownBy(() -> download(resolver, ExpectedFile.sha256(wrong)))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("expected (given by the caller)")
                .hasMessageContaining(wrong);
        assertThat(target()).doesNotExist();
    }

    @Test
    void caller_size_mismatch_is_an_error() {
        assertThatThrownBy(() -> download(resolver, ExpectedFile.of(sha, gguf.length + 1L)))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining((gguf.length + 1) + " were expected");
        assertThat(target()).doesNotExist();
    }

    @Test
    void missing_file_is_a_clear_404_error() {
        ModelReference missing = new ModelReference.Url(URI.create(server.endpoint() + "/cdn/absent.gguf"));

        assertThatThrownBy(() -> resolver.resolve(missing, ExpectedFile.none(), p -> { }))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("not found (404)")
                .hasMessageContaining("/cdn/absent.gguf")
                .satisfies(e -> assertThat(((DownloadException) e).retryable()).isFalse());
    }

    @Test
    void follows_a_bounded_number_of_redirects() throws IOException {
        server.extraRedirects = 3;
        assertLoadable(download(resolver, ExpectedFile.none()));
    }

    @Test
    void too_many_redirects_is_an_error() {
        server.extraRedirects = 7;

        assertThatThrownBy(() -> download(resolver, ExpectedFile.none()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("too many redirects (more than 5)");
    }

    @Test
    void concurrent_resolves_download_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Callable<Path> task = () -> download(resolver, ExpectedFile.none());
            List<Future<Path>> results = pool.invokeAll(List.of(task, task, task));
            for (Future<Path> f : results) {
                assertThat(f.get()).hasBinaryContent(gguf);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.cdnRequests.get()).isEqualTo(1);
    }

    @Test
    void two_processes_resolving_the_same_file_download_it_once() throws Exception {
        server.slowBytesPerSecond = 200_000; // keep the first download going while the second process starts
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ResolveMain.class.getName(), dir.resolve("models").toString(), server.endpoint().toString())
                    .redirectErrorStream(true).start());
        }
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
            assertThat(out.strip()).endsWith("model.gguf");
        }
        assertThat(target()).hasBinaryContent(gguf);
        assertThat(server.cdnRequests.get()).isEqualTo(1);
    }

    @Test
    void plain_url_lands_in_the_url_cache() {
        ModelReference url = new ModelReference.Url(URI.create(server.endpoint() + "/cdn/model.gguf"));

        Path file = resolver.resolve(url, ExpectedFile.sha256(sha), p -> { });

        assertThat(file).hasBinaryContent(gguf).startsWith(dir.resolve("models/urls"));
        assertThat(file.getFileName().toString()).isEqualTo("model.gguf");
    }

    @Test
    void local_file_is_used_in_place_and_checked() throws IOException {
        Path local = dir.resolve("local.gguf");
        Files.write(local, gguf);

        assertThat(resolver.resolve(local.toString())).isEqualTo(local);
        assertThatThrownBy(() -> resolver.resolve(new ModelReference.LocalFile(local), ExpectedFile.sha256("a".repeat(64)),
                p -> { })).isInstanceOf(DownloadException.class).hasMessageContaining("has SHA-256 " + sha);
    }
}
