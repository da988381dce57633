package dev.guild.runtime.download;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelReferenceTest {

    @Test
    void parses_hub_references_with_and_without_revision() {
        assertThat(ModelReference.parse("org/repo/sub/model-Q4_K_M.gguf"))
                .isEqualTo(new ModelReference.HuggingFace("org/repo", "sub/model-Q4_K_M.gguf", "main"));
        ModelReference.HuggingFace hf = (ModelReference.HuggingFace) ModelReference.parse("org/repo@v1.0/m.gguf");
        assertThat(hf.revision()).isEqualTo("v1.0");
        assertThat(hf.resolveUri(URI.create("http://mirror.local:8080/")))
                .isEqualTo(URI.create("http://mirror.local:8080/org/repo/resolve/v1.0/m.gguf"));
        assertThat(new ModelReference.HuggingFace("org/repo", "dir/a b+c.gguf", "refs/pr/1").resolveUri(URI.create("http://h")))
                .isEqualTo(URI.create("http://h/org/repo/resolve/refs/pr/1/dir/a%20b%2Bc.gguf"));
    }

    @Test
    void parses_urls_and_existing_files(@TempDir Path dir) throws IOException {
        assertThat(ModelReference.parse("https://example.org/a/b/m.gguf"))
                .isEqualTo(new ModelReference.Url(URI.create("https://example.org/a/b/m.gguf")));
        Path file = Files.writeString(dir.resolve("m.gguf"), "x");
        assertThat(ModelReference.parse(file.toString())).isEqualTo(new ModelReference.LocalFile(file));
    }

    @Test
    void rejects_values_that_are_none_of_the_forms() {
        assertThatThrownBy(() -> ModelReference.parse("/no/such/file.gguf"))
                .hasMessageContaining("'/no/such/file.gguf' is neither an existing file");
        assertThatThrownBy(() -> ModelReference.parse(" ")).hasMessageContaining("--model is empty");
        assertThatThrownBy(() -> ModelReference.parse("org/repo/../../etc/passwd"))
                .hasMessageContaining("without '..'");
        assertThatThrownBy(() -> ModelReference.parse("ftp://host/m.gguf")).hasMessageContaining("neither");
        assertThatThrownBy(() -> ModelReference.parse("https:///m.gguf")).hasMessageContaining("absolute http or https URL");
        assertThatThrownBy(() -> ExpectedFile.sha256("abc")).hasMessageContaining("'abc' is not 64 hex digits");
    }

    @Test
    void built_in_catalog_parses_and_names_the_default() {
        ModelCatalog catalog = ModelCatalog.builtIn();

        assertThat(catalog.defaultModel().name()).isEqualTo("granite-3.1-3b-a800m-instruct");
        assertThat(catalog.defaultModel().quantization()).isEqualTo("Q4_K_M");
        assertThat(catalog.find("qwen3-30b-a3b")).get()
                .satisfies(e -> assertThat(e.approxSizeBytes()).isGreaterThan(catalog.defaultModel().approxSizeBytes()));
        assertThat(catalog.models()).allSatisfy(e -> assertThat(e.licence()).isEqualTo("Apache-2.0"));
    }

    @Test
    void catalog_errors_name_every_problem() {
        String json = """
                {"models": [{"name": "", "repo": "bad", "file": "x.bin", "architecture": "a", "quantization": "q",
                  "approxSizeBytes": 0, "licence": "l", "default": false, "notes": ""}]}""";
        assertThatThrownBy(() -> ModelCatalog.parse(in(json)))
                .hasMessageContaining("exactly one model must be the default, found 0")
                .hasMessageContaining("models[0].name is missing")
                .hasMessageContaining("models[0].file 'x.bin' must name a .gguf file")
                .hasMessageContaining("approxSizeBytes must be positive")
                .hasMessageContaining("'bad' is not of the form org/name");
        assertThatThrownBy(() -> ModelCatalog.parse(in("""
                {"models": [{"extra": 1, "name": "m", "repo": "o/r", "file": "m.gguf", "architecture": "a",
                  "quantization": "q", "approxSizeBytes": 1, "licence": "l", "default": true, "notes": ""}]}""")))
                .hasMessageContaining("Unrecognized field \"extra\"");
    }

    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
