package io.tritonlogs.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A traffic mix as a serving Triton writes it (the shape of fixtures/triton-logs/*-traffic.log):
 * mostly request and scheduler lines, some warnings and errors, in all three formats, with
 * varying ids so no two lines are equal.
 */
final class TypicalLines {
    private TypicalLines() {
    }

    private static final String[] MESSAGES = {
        "HTTP request: 2 /v2/models/densenet_onnx/infer",
        "[request id: <id_unknown>] Setting state from INITIALIZED to PENDING",
        "HTTP request: 2 /v2/models/text_encoder.v2/infer",
        "Starting dynamic-batch scheduler thread 0 at nice 5...",
        "[request id: <id_unknown>] Setting state from PENDING to EXECUTING",
        "HTTP request: 2 /v2/models/whisper_small/infer",
        "model 'whisper_small': inference request timed out after 2000000 us, token=tk_%d",
        "[request id: %d] inference failed for model 'densenet_onnx': in ensemble 'densenet_onnx', onnx runtime error 6: Non-zero status code returned while running Conv node.",
        "CUDA error: an illegal memory access was encountered (cudaErrorIllegalAddress)",
        "successfully loaded 'resnet50'",
    };
    private static final char[] LEVELS = {'I', 'I', 'I', 'I', 'I', 'I', 'W', 'E', 'E', 'I'};

    static List<String> generate(int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = i % MESSAGES.length;
            String message = MESSAGES[kind].contains("%d") ? String.format(MESSAGES[kind], 10_000 + i) : MESSAGES[kind];
            int micros = 100_000 + (i * 37) % 900_000;
            int second = i % 60;
            lines.add(switch (i % 3) {
                case 0 -> String.format("%c0714 17:29:%02d.%06d 1 http_server.cc:4566] %s", LEVELS[kind], second, micros, message);
                case 1 -> String.format("%c0304 17:57:%02d.%06d 412 infer_handler.cc:773] \"%s\"", LEVELS[kind], second, micros, message);
                default -> String.format("2025-03-16T14:17:%02dZ %c 7 infer_request.cc:131] \"%s\"", second, LEVELS[kind], message);
            });
        }
        return lines;
    }
}
