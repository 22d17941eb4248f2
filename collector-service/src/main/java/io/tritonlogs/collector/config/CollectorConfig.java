package io.tritonlogs.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the collector. Each property can be set by environment variable, e.g.
 * {@code collector.shipping.batch-max-bytes} as {@code COLLECTOR_SHIPPING_BATCH_MAX_BYTES}.
 */
@ConfigMapping(prefix = "collector")
public interface CollectorConfig {

    /** Where logs come from: {@code docker} (default) or {@code files} (Kubernetes pod logs). Env: COLLECTOR_SOURCE. */
    @WithDefault("docker")
    String source();

    /**
     * Directory for the positions file: an absolute path, never one that appears wherever the
     * collector happens to be started. The images set their volume, {@code /work/data}.
     * Default {@code /var/lib/triton-logs-collector}. Env: COLLECTOR_DATA_DIR.
     */
    @WithName("data-dir")
    @WithDefault("/var/lib/triton-logs-collector")
    Path dataDir();

    Docker docker();

    Files files();

    Pipeline pipeline();

    Shipping shipping();

    Redaction redaction();

    interface Docker {
        /** The Engine API: {@code unix:///var/run/docker.sock} (default) or {@code tcp://host:port} (a socket proxy). Env: DOCKER_HOST. */
        @WithDefault("unix:///var/run/docker.sock")
        String host();

        /** Follow only containers whose name matches this regex. Default: all. */
        Optional<String> includeNames();

        /** Skip containers whose name matches this regex. Default: none. */
        Optional<String> excludeNames();

        /** Follow only containers that carry all these labels ({@code key} or {@code key=value}). Default: all. */
        Optional<List<String>> includeLabels();

        /** Skip containers that carry any of these labels ({@code key} or {@code key=value}). Default: none. */
        Optional<List<String>> excludeLabels();

        /** Skip the collector's own container (by hostname). Default true. */
        @WithDefault("true")
        boolean excludeSelf();

        /** Longest wait between reconnects to Docker after it went away. Default 10s. */
        @WithDefault("10s")
        Duration maxReconnectDelay();
    }

    interface Files {
        /** Kubelet's pod log directory. Env: COLLECTOR_PODS_DIR. Default /var/log/pods. */
        @WithDefault("/var/log/pods")
        Path podsDir();

        /** Docker's container directory, to also tail {@code <id>/<id>-json.log} files. Default: not tailed. */
        Optional<Path> dockerContainersDir();

        /** How often to look for new files. Default 250ms (new files are followed within a second). */
        @WithDefault("250ms")
        Duration pollInterval();

        /** Kubernetes API base URL for pod labels. Default: from KUBERNETES_SERVICE_HOST/PORT when in a cluster, else none. */
        Optional<String> kubernetesApi();

        /** Service account token for the Kubernetes API. */
        @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/token")
        Path kubernetesTokenFile();

        /** CA bundle of the Kubernetes API. */
        @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt")
        Path kubernetesCaFile();
    }

    interface Pipeline {
        /** Longest entry shipped, in UTF-8 bytes; longer ones are cut with a marker and counted. Default 256 KiB. */
        @WithDefault("262144")
        int maxLineBytes();

        /** Most physical lines joined into one entry. Default 500. */
        @WithDefault("500")
        int maxJoinedLines();

        /**
         * How long a record waits for continuation lines before it is shipped alone. Triton writes
         * a record and its table in one call, so they arrive together; the wait only delays the
         * last record before a quiet spell (often the last words before a crash). Default 300ms.
         */
        @WithDefault("300ms")
        Duration joinTimeout();

        /** Most distinct {@code model_name} values per container; past it the label is left off. Default 200. */
        @WithDefault("200")
        int maxModelsPerContainer();

        /** Extra regexes for model names (group {@code model} or group 1). Default none. */
        Optional<List<String>> modelPatterns();

        /** Key names whose values are redacted, replacing the defaults (password, token, key, secret, …). */
        Optional<List<String>> redactKeys();
    }

    /** Secrets masked before anything leaves the collector, beyond the built-in rules (docs/collector-service.md). */
    interface Redaction {
        /**
         * Extra regular-expression rules by name, applied after the built-in ones, in name order, to
         * each entry's line and structured metadata. Each is compiled once at start; a bad pattern or
         * replacement stops the start with a sentence naming the rule. Default none.
         */
        Map<String, ExtraRule> extraRules();
    }

    interface ExtraRule {
        /** A Java regular expression matching the secret itself (e.g. {@code (session_id)=[^\s"]+}). */
        String pattern();

        /**
         * What each whole match becomes; {@code $1} / {@code ${name}} bring back a group (only groups
         * that hold no secret), {@code \$} is a dollar sign. Default {@code ***REDACTED***}.
         */
        @WithDefault("***REDACTED***")
        String replacement();
    }

    interface Shipping {
        /** A batch is sent when it reaches this many bytes of log lines. Default 1 MiB. */
        @WithDefault("1048576")
        int batchMaxBytes();

        /** …or when its oldest entry has waited this long. Default 1s. */
        @WithDefault("1s")
        Duration batchMaxWait();

        /**
         * Bytes of entries waiting to be sent before the readers pause (backpressure: the lines wait
         * in Docker's log or the node's files, nothing is dropped). Small on purpose: the queued
         * entries live on a 64 MiB heap (see the images' JVM settings). Default 4 MiB.
         */
        @WithDefault("4194304")
        long bufferMaxBytes();

        /** First retry delay; doubles per attempt, each wait between half and all of it (equal jitter). Default 500ms. */
        @WithDefault("500ms")
        Duration minBackoff();

        /** Longest retry delay. Default 30s. Retries go on until Loki accepts: only connect errors, timeouts, 429 and 5xx are retried. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** Timeout of one push request. Default 30s. */
        @WithDefault("30s")
        Duration timeout();
    }
}
