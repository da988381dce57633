package dev.guild.server.hooks.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignatureVerifierTest {
    // Official Standard Webhooks test vector (SW-1), shared by every reference library.
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330L;
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static SignatureVerifier verifierAt(long epochSecond) {
        return new SignatureVerifier(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC),
                Duration.ofMinutes(5));
    }

    @Test
    void signs_the_official_test_vector() {
        assertThat("v1," + verifierAt(TIMESTAMP).sign(ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void accepts_the_official_test_vector_with_a_fixed_clock() {
        assertThatCode(() -> verifierAt(TIMESTAMP).verify(ID, Long.toString(TIMESTAMP), EXPECTED, BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void accepts_any_matching_v1_entry_of_a_space_separated_list_and_ignores_other_versions() {
        String header = "v1a,bm90IGFuIGVkMjU1MTkgc2lnbmF0dXJl v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + EXPECTED;
        assertThatCode(() -> verifierAt(TIMESTAMP).verify(ID, Long.toString(TIMESTAMP), header, BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void accepts_timestamps_at_the_edges_of_the_five_minute_window() {
        assertThatCode(() -> verifierAt(TIMESTAMP + 300).verify(ID, Long.toString(TIMESTAMP), EXPECTED, BODY))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifierAt(TIMESTAMP - 300).verify(ID, Long.toString(TIMESTAMP), EXPECTED, BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void rejects_a_timestamp_too_old_with_the_offset_in_the_message() {
        assertThatThrownBy(() -> verifierAt(TIMESTAMP + 301).verify(ID, Long.toString(TIMESTAMP), EXPECTED, BODY))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.body().error()).isEqualTo("timestamp_out_of_window");
                    assertThat(e.body().message()).contains("1614265330", "301 s in the past", "at most 300 s");
                });
    }

    @Test
    void rejects_a_timestamp_too_far_in_the_future() {
        assertThatThrownBy(() -> verifierAt(TIMESTAMP - 301).verify(ID, Long.toString(TIMESTAMP), EXPECTED, BODY))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.body().message()).contains("301 s in the future");
                });
    }

    @Test
    void rejects_a_tampered_body() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifierAt(TIMESTAMP).verify(ID, Long.toString(TIMESTAMP), EXPECTED, tampered))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.body().error()).isEqualTo("bad_signature");
                    assertThat(e.body().message()).contains(ID, "1614265330");
                    assertThat(e.body().fix()).contains("whsec_");
                });
    }

    @Test
    void rejects_a_signature_made_with_another_id_or_timestamp() {
        assertThatThrownBy(() -> verifierAt(TIMESTAMP).verify("msg_other", Long.toString(TIMESTAMP), EXPECTED, BODY))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("bad_signature");
        assertThatThrownBy(() -> verifierAt(TIMESTAMP).verify(ID, Long.toString(TIMESTAMP + 1), EXPECTED, BODY))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("bad_signature");
    }

    @Test
    void rejects_an_entry_that_is_not_v1_even_when_the_signature_matches() {
        String header = EXPECTED.replace("v1,", "v2,");
        assertThatThrownBy(() -> verifierAt(TIMESTAMP).verify(ID, Long.toString(TIMESTAMP), header, BODY))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("bad_signature");
    }

    @Test
    void names_each_missing_header() {
        SignatureVerifier verifier = verifierAt(TIMESTAMP);
        assertThatThrownBy(() -> verifier.verify(null, "1", EXPECTED, BODY))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.body().error()).isEqualTo("missing_signature_header");
                    assertThat(e.body().message()).isEqualTo("Header webhook-id is missing");
                });
        assertThatThrownBy(() -> verifier.verify(ID, " ", EXPECTED, BODY))
                .hasMessageContaining("Header webhook-timestamp is missing");
        assertThatThrownBy(() -> verifier.verify(ID, "1", null, BODY))
                .hasMessageContaining("Header webhook-signature is missing");
    }

    @Test
    void rejects_a_timestamp_that_is_not_a_number_and_an_id_with_a_dot() {
        SignatureVerifier verifier = verifierAt(TIMESTAMP);
        assertThatThrownBy(() -> verifier.verify(ID, "2021-02-25T15:02:10Z", EXPECTED, BODY))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> {
                    assertThat(e.body().error()).isEqualTo("bad_timestamp");
                    assertThat(e.body().message()).contains("'2021-02-25T15:02:10Z'");
                });
        assertThatThrownBy(() -> verifier.verify("msg.1", Long.toString(TIMESTAMP), EXPECTED, BODY))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> {
                    assertThat(e.body().error()).isEqualTo("bad_webhook_id");
                    assertThat(e.body().message()).contains("'msg.1'");
                });
    }
}
