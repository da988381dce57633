package dev.guild.server.api.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokensTest {
    static final String A = "a".repeat(32);
    static final String B = "0123456789abcdef0123456789abcdef-_.~+/";

    @Test
    void tokens_from_the_key_and_the_file_are_merged_and_matched_exactly(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tokens"), "# operators\n\n  " + B + "  \n");
        ApiTokens tokens = ApiTokens.load(Optional.of(List.of(A)), Optional.of(file));
        assertThat(tokens.none()).isFalse();
        assertThat(tokens.count()).isEqualTo(2);
        assertThat(tokens.matches(A)).isTrue();
        assertThat(tokens.matches(B)).isTrue();
        assertThat(tokens.matches(A + "a")).isFalse();
        assertThat(tokens.matches(A.substring(1))).isFalse();
        assertThat(tokens.matches("")).isFalse();
    }

    @Test
    void no_token_configured_means_none() {
        assertThat(ApiTokens.load(Optional.empty(), Optional.empty()).none()).isTrue();
    }

    @Test
    void every_bad_token_is_listed_by_position_without_its_value(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tokens"), A + "\nhas space in it but is long enough ok\n");
        assertThatThrownBy(() -> ApiTokens.load(Optional.of(List.of("short-secret", A)), Optional.of(file)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 problem(s)")
                .hasMessageContaining("guild.api.tokens[0]: a token of 12 characters is not 32 to 512")
                .hasMessageContaining("line 2: a token of 37 characters")
                .hasMessageContaining("openssl rand -hex 32")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-secret").doesNotContain("has space"));
    }

    @Test
    void an_unreadable_file_stops_the_start_naming_it(@TempDir Path dir) {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> ApiTokens.load(Optional.empty(), Optional.of(missing)))
                .hasMessageContaining("guild.api.tokens-file=" + missing + ": cannot be read");
    }
}
