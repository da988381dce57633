package dev.guild.workflows.approval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApprovalHashTest {

    @Test
    void key_order_and_spacing_do_not_change_the_hash() {
        assertThat(ApprovalHash.of("book", "{\"a\":1,\"b\":{\"y\":2,\"x\":[1,{\"q\":1,\"p\":2}]}}"))
                .isEqualTo(ApprovalHash.of("book", "{ \"b\": {\"x\": [1, {\"p\": 2, \"q\": 1}], \"y\": 2}, \"a\": 1 }"));
    }

    @Test
    void another_tool_or_other_arguments_give_another_hash() {
        String hash = ApprovalHash.of("book", "{\"room\":1}");
        assertThat(hash).startsWith("sha256:").hasSize(7 + 64);
        assertThat(ApprovalHash.of("cancel", "{\"room\":1}")).isNotEqualTo(hash);
        assertThat(ApprovalHash.of("book", "{\"room\":2}")).isNotEqualTo(hash);
        assertThat(ApprovalHash.of("book", "{\"room\":\"1\"}")).isNotEqualTo(hash);
        assertThat(ApprovalHash.of("book", "[1, 2]")).isNotEqualTo(ApprovalHash.of("book", "[2, 1]"));
    }

    @Test
    void the_hash_is_sha256_of_the_documented_canonical_form() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest("{\"arguments\":{\"a\":1,\"b\":\"x\"},\"tool\":\"book\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(ApprovalHash.of("book", "{\"b\":\"x\",\"a\":1}"))
                .isEqualTo("sha256:" + java.util.HexFormat.of().formatHex(digest));
    }
}
