package io.tritonlogs.collector.files;

/** The two node log file formats. */
public enum LogFileFormat {
    /** {@code <RFC3339Nano> <stdout|stderr> <P|F> <text>}: containerd/CRI-O under /var/log/pods. */
    CRI,
    /** {@code {"log":"text\n","stream":"stderr","time":"…"}}: Docker's json-file driver. */
    DOCKER_JSON
}
