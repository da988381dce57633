package dev.guild.workflows.internal.activities;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.RateLimitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which model-call failures retrying cannot fix, also from a client that throws raw HTTP errors. */
class ModelFailureClassesTest {

    @ParameterizedTest(name = "raw HTTP {0} -> permanent {1}")
    @CsvSource({"400, true", "403, true", "404, true", "409, true", "408, false", "429, false", "500, false", "502, false"})
    void a_raw_http_error_is_permanent_for_a_4xx_but_408_and_429(int status, boolean permanent) {
        assertThat(ModelActivitiesImpl.permanent(new HttpException(status, "status " + status))).isEqualTo(permanent);
        assertThat(ModelActivitiesImpl.permanent(new IllegalStateException("wrapped",
                new HttpException(status, "status " + status)))).as("in the cause chain").isEqualTo(permanent);
    }

    @Test
    void langchain4j_classes_and_time_outs_decide_as_they_say() {
        assertThat(ModelActivitiesImpl.permanent(new InvalidRequestException("bad request"))).isTrue();
        assertThat(ModelActivitiesImpl.permanent(new RateLimitException("slow down"))).isFalse();
        assertThat(ModelActivitiesImpl.permanent(new UncheckedIOException(new HttpTimeoutException("timed out"))))
                .isFalse();
    }
}
