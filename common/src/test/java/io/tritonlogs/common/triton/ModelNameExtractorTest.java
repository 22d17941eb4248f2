package io.tritonlogs.common.triton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.regex.PatternSyntaxException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelNameExtractorTest {

    private final ModelNameExtractor extractor = new ModelNameExtractor();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "loading: resnet_model:1                                             | resnet_model",
        "loading: text_encoder.v2:12                                         | text_encoder.v2",
        "unloading: bert-large:1                                             | bert-large",
        "successfully loaded 'yolov8n'                                       | yolov8n",
        "successfully loaded 'yolov8n' version 3                             | yolov8n",
        "failed to load 'simple_identity' version 1: Invalid argument: x     | simple_identity",
        "successfully unloaded 'whisper_small' version 1                     | whisper_small",
        "TRITONBACKEND_ModelInitialize: densenet_onnx (version 1)            | densenet_onnx",
        "model 'ensemble_preprocess': inference request timed out            | ensemble_preprocess",
        "[request id: 1] inference failed for model 'm.v2': in ensemble 'x'  | m.v2",
        "HTTP request: 2 /v2/models/densenet_onnx/infer                      | densenet_onnx",
        "HTTP request: 0 /v2/models/densenet_onnx                            | densenet_onnx",
        "\"successfully loaded 'quoted'\"                                     | quoted",
    })
    void builtInShapes(String message, String model) {
        assertThat(extractor.extract(message.trim(), 0, message.trim().length())).isEqualTo(model);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Pinned memory pool is created at '0x7f1411b2375' with size 268435456",
        "Started HTTPService at 0.0.0.0:8000",
        "loading: not a model",
        "model 'has space'",
        "TRITONBACKEND_ModelInitialize: x",
        "Collecting metrics for GPU 0: NVIDIA A100-SXM4-80GB",
    })
    void linesThatNameNoModel(String message) {
        assertThat(extractor.extract(message, 0, message.length())).isNull();
    }

    @Test
    void extraPatternsApplyWhenNoBuiltInShapeMatches() {
        ModelNameExtractor custom = new ModelNameExtractor(List.of("served by (?<model>[a-z_]+)", "pipeline=(\\w+)"));
        assertThat(custom.extract("request served by my_model ok", 0, 29)).isEqualTo("my_model");
        assertThat(custom.extract("pipeline=abc", 0, 12)).isEqualTo("abc");
        assertThat(custom.extract("successfully loaded 'first'", 0, 27)).isEqualTo("first");
    }

    @Test
    void invalidExtraPatternIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new ModelNameExtractor(List.of("(unclosed"))).isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void statusTableRows() {
        assertThat(ModelNameExtractor.fromStatusTableRow("| text_encoder.v2 | 1       | READY  |")).isEqualTo("text_encoder.v2");
        assertThat(ModelNameExtractor.fromStatusTableRow("| Model           | Version | Status |")).isNull();
        assertThat(ModelNameExtractor.fromStatusTableRow("| server_id                | triton  |")).isNull();
        assertThat(ModelNameExtractor.fromStatusTableRow("+-----+")).isNull();
    }

    @Test
    void extractsFromTheMessageRegionOnly() {
        ParsedLine p = new TritonLineParser().parse("I0816 01:03:26.790119 90210 model_lifecycle.cc:839] successfully loaded 'yolov8n'");
        assertThat(extractor.extract(p)).isEqualTo("yolov8n");
    }
}
