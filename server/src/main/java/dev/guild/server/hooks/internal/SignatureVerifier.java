package dev.guild.server.hooks.internal;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Verifies a Standard Webhooks v1 signature (HMAC-SHA256 over {@code id.timestamp.body}) on the raw body bytes.
 * The HMAC comes from com.standardwebhooks' {@link Webhook#sign}; the timestamp window uses the injected clock
 * (the library's own {@code verify} reads the system clock, which a test vector from 2021 cannot pass); every
 * {@code v1} entry of the space-separated {@code webhook-signature} list is compared in constant time.
 */
public final class SignatureVerifier {
    /** Message ids are opaque but must not contain '.', which separates the signed parts. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_\\-:=+/]{1,256}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final String FIX_SIGN = "Sign id.timestamp.body with the trigger's whsec_ secret (HMAC-SHA256,"
            + " base64) and send it as 'webhook-signature: v1,<signature>', per the Standard Webhooks spec";

    private final Webhook webhook;
    private final Clock clock;
    private final Duration tolerance;

    /** @param secret {@code whsec_} + base64 key; must already be validated (see {@code TriggerRegistry}). */
    public SignatureVerifier(String secret, Clock clock, Duration tolerance) {
        try {
            this.webhook = new Webhook(secret);
        } catch (EmptyWebhookSecretException e) {
            throw new IllegalArgumentException("The webhook secret is empty: " + e.getMessage()
                    + "; configure a whsec_ secret of 24 to 64 bytes", e);
        }
        this.clock = clock;
        this.tolerance = tolerance;
    }

    /**
     * Checks the three headers against the body.
     *
     * @throws WebhookRejected 401 naming the missing header, the bad timestamp or the failed signature
     */
    public void verify(String id, String timestamp, String signatureHeader, byte[] body) {
        require("webhook-id", id);
        require("webhook-timestamp", timestamp);
        require("webhook-signature", signatureHeader);
        if (!MESSAGE_ID.matcher(id).matches()) {
            throw WebhookRejected.unauthorized("bad_webhook_id", "Header webhook-id '" + abbreviate(id)
                    + "' is not a valid message id (1..256 characters of A-Z a-z 0-9 _ - : = + /, no '.')",
                    "Send a unique message id per delivery, the same on every retry, e.g. msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");
        }
        if (!TIMESTAMP.matcher(timestamp).matches()) {
            throw WebhookRejected.unauthorized("bad_timestamp", "Header webhook-timestamp '" + abbreviate(timestamp)
                    + "' is not an integer number of seconds since the Unix epoch",
                    "Send the time of the delivery attempt in Unix seconds, e.g. " + clock.instant().getEpochSecond());
        }
        long seconds = Long.parseLong(timestamp);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > tolerance.toSeconds()) {
            throw WebhookRejected.unauthorized("timestamp_out_of_window", "Header webhook-timestamp " + seconds
                    + " is " + Math.abs(now - seconds) + " s " + (seconds < now ? "in the past" : "in the future")
                    + "; at most " + tolerance.toSeconds() + " s either way is accepted (server time " + now + ")",
                    "Sign every attempt with the current time and check the sender's clock (use NTP)");
        }
        byte[] expected = expectedSignature(id, seconds, body);
        boolean match = false;
        for (String entry : signatureHeader.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !"v1".equals(entry.substring(0, comma))) {
                continue; // unknown versions (e.g. v1a) are ignored, as the spec asks
            }
            // no early exit: every candidate is compared, each in constant time
            match |= MessageDigest.isEqual(expected, entry.substring(comma + 1).getBytes(StandardCharsets.US_ASCII));
        }
        if (!match) {
            throw WebhookRejected.unauthorized("bad_signature", "No v1 entry of header webhook-signature '"
                    + abbreviate(signatureHeader) + "' matches the body signed with the secret of this trigger"
                    + " (message " + id + ", timestamp " + seconds + ", " + body.length + " body bytes)", FIX_SIGN
                    + "; sign the exact bytes sent, not re-serialized JSON, and check that the secret is this trigger's");
        }
    }

    /** The base64 signature (without the {@code v1,} prefix) of a message, for senders and tests. */
    public String sign(String id, long timestamp, byte[] body) {
        return new String(expectedSignature(id, timestamp, body), StandardCharsets.US_ASCII);
    }

    private byte[] expectedSignature(String id, long timestamp, byte[] body) {
        try {
            // The library signs a String; a body that is not UTF-8 decodes lossily and so can never match.
            String signed = webhook.sign(id, timestamp, new String(body, StandardCharsets.UTF_8));
            return signed.substring(signed.indexOf(',') + 1).getBytes(StandardCharsets.US_ASCII);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM: " + e.getMessage(), e);
        }
    }

    private static void require(String header, String value) {
        if (value == null || value.isBlank()) {
            throw WebhookRejected.unauthorized("missing_signature_header", "Header " + header + " is missing",
                    "Send webhook-id, webhook-timestamp and webhook-signature with every delivery. " + FIX_SIGN);
        }
    }

    static String abbreviate(String value) {
        return value.length() <= 120 ? value : value.substring(0, 120) + "...(" + value.length() + " chars)";
    }
}
