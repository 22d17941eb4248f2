package io.tritonlogs.collector.shipping;

import io.quarkus.logging.Log;
import io.tritonlogs.collector.config.LokiConfig.StructuredMetadata;

import java.util.Optional;

/**
 * Whether pushes carry structured metadata. In {@code auto} mode the first push asks Loki its
 * version (a Loki before 3.0 has no structured metadata and would drop it silently) and a push
 * refused because Loki's {@code allow_structured_metadata} is off turns it off for good, after
 * which the same batch is sent again without it: nothing is dropped for want of the feature.
 * Used by the shipper thread only.
 */
final class StructuredMetadataSwitch {

    /** The start of Loki 3's {@code DisallowedStructuredMetadataErrorMsg} after the stream's labels. */
    private static final String DISALLOWED = "includes structured metadata, but this feature is disallowed";

    private final StructuredMetadata mode;
    private boolean send;
    private boolean detected;

    StructuredMetadataSwitch(StructuredMetadata mode) {
        this.mode = mode;
        this.send = mode != StructuredMetadata.OFF;
        this.detected = mode != StructuredMetadata.AUTO;
    }

    /** Whether the next push carries structured metadata; in auto mode the first call asks Loki. */
    boolean send(LokiPusher pusher) {
        if (!detected) {
            detected = true;
            Optional<String> version = pusher.lokiVersion();
            if (version.isPresent() && majorVersion(version.get()) < 3) {
                send = false;
                Log.infof("Loki %s predates structured metadata: pid, source, request_id and model_version stay in the line only"
                        + " (set LOKI_STRUCTURED_METADATA=on to send them anyway)", version.get());
            } else {
                Log.infof("sending pid, source, request_id and model_version as structured metadata (Loki %s)",
                        version.orElse("of unknown version"));
            }
        }
        return send;
    }

    /** True when Loki refused the push only because structured metadata is off there, and auto mode has now stopped sending it. */
    boolean turnedOffBy(PushOutcome.Rejected rejected) {
        if (mode != StructuredMetadata.AUTO || !send || rejected.status() != 400 || !rejected.reason().contains(DISALLOWED)) {
            return false;
        }
        send = false;
        Log.warnf("Loki refuses structured metadata (limits_config.allow_structured_metadata is off there): pushing without it from now on;"
                + " pid, source, request_id and model_version stay in the line only");
        return true;
    }

    static int majorVersion(String version) {
        String v = version.startsWith("v") ? version.substring(1) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end)) && end < 6) {
            end++;
        }
        return end == 0 ? Integer.MAX_VALUE : Integer.parseInt(v.substring(0, end));
    }
}
