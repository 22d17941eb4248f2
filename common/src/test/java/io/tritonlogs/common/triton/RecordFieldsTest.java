package io.tritonlogs.common.triton;

import io.tritonlogs.common.loki.Label;
import io.tritonlogs.common.redact.Redactor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordFieldsTest {

    private final TritonLineParser parser = new TritonLineParser();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`E1201 10:30:45.123456 1 infer_handler.cc:773] [request id: 63059] inference failed for model 'simple'`|63059|",
        "`E1201 10:30:45.123456 1 infer_handler.cc:773] \"[request id: abc-7] inference failed for model 'simple'\"`|abc-7|",
        "`I1201 10:30:45.123456 1 infer_request.cc:131] [request id: <id_unknown>] Setting state from INITIALIZED`||",
        "`I1201 10:30:45.123456 1 model_lifecycle.cc:472] loading: resnet50:1`||1",
        "`I1201 10:30:45.123456 1 model_lifecycle.cc:472] \"loading: text_encoder.v2:12\"`||12",
        "`E1201 10:30:45.123456 1 model_lifecycle.cc:626] failed to load 'bert-large' version 3: Invalid argument`||3",
        "`I1201 10:30:45.123456 1 backend.cc:100] TRITONBACKEND_ModelInitialize: yolov8n (version 1)`||1",
        "`2024-12-01T10:30:45Z I 1 model_lifecycle.cc:839] \"successfully loaded 'resnet50'\"`||",
        "`I1201 10:30:45.123456 1 server.cc:1] loading: resnet50:latest`||",
    })
    void requestIdAndModelVersionFromTheMessage(String line, String requestId, String version) {
        ParsedLine parsed = parser.parse(line);
        assertThat(RecordFields.requestId(parsed)).isEqualTo(requestId);
        assertThat(RecordFields.modelVersion(parsed)).isEqualTo(version);
    }

    @Test
    void structuredMetadataOfARecordAndOfAForeignLine() {
        ParsedLine record = parser.parse("E1201 10:30:45.123456 412 infer_handler.cc:773] [request id: token=s3cret] inference failed for model 'm' version 2");
        List<Label> metadata = RecordFields.structuredMetadata(record, Redactor.withDefaults()::redact);
        assertThat(metadata).extracting(l -> l.name() + "=" + l.value())
                .containsExactly("pid=412", "source=infer_handler.cc:773", "request_id=token=***REDACTED***", "model_version=2");
        assertThat(RecordFields.structuredMetadata(parser.parse("Traceback (most recent call last):"), s -> s)).isEmpty();
    }
}
