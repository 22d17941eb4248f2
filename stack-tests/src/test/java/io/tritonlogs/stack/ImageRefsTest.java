package io.tritonlogs.stack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageRefsTest {

    @Test
    void versionsAndDigestsArePinned() {
        assertThat(ImageRefs.unpinned("grafana/loki:3.4.2")).isNull();
        assertThat(ImageRefs.unpinned("nvcr.io/nvidia/tritonserver:25.01-py3")).isNull();
        assertThat(ImageRefs.unpinned("localhost:5000/busybox:1.36.1")).isNull();
        assertThat(ImageRefs.unpinned("busybox@sha256:" + "a".repeat(64))).isNull();
    }

    @Test
    void latestMissingAndVariableTagsAreNot() {
        assertThat(ImageRefs.unpinned("grafana/loki")).contains("no tag");
        assertThat(ImageRefs.unpinned("localhost:5000/busybox")).contains("no tag");
        assertThat(ImageRefs.unpinned("grafana/loki:latest")).contains("not a version");
        assertThat(ImageRefs.unpinned("grafana/loki:main")).contains("not a version");
        assertThat(ImageRefs.unpinned("grafana/loki:${LOKI_VERSION}")).contains("variable");
    }
}
