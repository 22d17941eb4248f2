package io.tritonlogs.alert.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * HMAC-SHA256 request signing: {@code X-Triton-Alerts-Signature: sha256=<hex>} over
 * {@code <timestamp>.<body>}, where the timestamp (Unix seconds) is sent as
 * {@code X-Triton-Alerts-Timestamp}. A receiver recomputes it and rejects old timestamps.
 */
public final class Signer {

    public static final String TIMESTAMP_HEADER = "X-Triton-Alerts-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Triton-Alerts-Signature";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private Signer() {
    }

    public static String sign(String key, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
