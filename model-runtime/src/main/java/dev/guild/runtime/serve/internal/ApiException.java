package dev.guild.runtime.serve.internal;

/**
 * An error answered in OpenAI's shape: {@code {"error":{"message","type","param","code"}}}.
 *
 * @see Wire.ErrorBody
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final int retryAfterSeconds;

    public ApiException(int status, String type, String param, String code, String message, int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 400 about one request field. */
    public static ApiException invalid(String param, String message) {
        return new ApiException(400, "invalid_request_error", param, null, message, 0);
    }

    public int status() {
        return status;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Wire.ErrorBody body() {
        return new Wire.ErrorBody(new Wire.ErrorDetail(getMessage(), type, param, code));
    }
}
