package io.tritonlogs.common.triton;

/** Which preamble a line carries. */
public enum LineShape {
    /** {@code I1201 10:30:45.123456 1 file.cc:12] msg} (glog style, the default). */
    GLOG,
    /** {@code 1028 08:21:03.012132 581 pb_stub.cc:309] msg}: the Python stub of 21.x–22.08, no level letter. */
    GLOG_WITHOUT_LEVEL,
    /** {@code 2024-12-01T10:30:45Z I 1 file.cc:12] msg} ({@code --log-format ISO8601}). */
    ISO8601,
    /** {@code 2024-12-01 10:30:45.123456: E tensorflow/core/x.cc:12] msg}: TensorFlow's own lines, foreign to Triton. */
    TENSORFLOW,
    /** No recognised preamble. */
    NONE
}
