package io.tritonlogs.common.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonPushEncoderTest {

    @Test
    void writesLokisJsonPushShape() throws Exception {
        List<PushStream> streams = List.of(new PushStream(LabelSet.of(Map.of("container", "triton", "level", "ERROR")),
                List.of(new PushEntry(20, "second \"quoted\"\n\tline\u0001"), new PushEntry(10, "first é"))));
        JsonNode root = new ObjectMapper().readTree(new JsonPushEncoder().encode(streams));
        JsonNode stream = root.get("streams").get(0);
        assertThat(stream.get("stream").get("container").asText()).isEqualTo("triton");
        assertThat(stream.get("stream").get("level").asText()).isEqualTo("ERROR");
        assertThat(stream.get("values").get(0).get(0).asText()).isEqualTo("10");
        assertThat(stream.get("values").get(0).get(1).asText()).isEqualTo("first é");
        assertThat(stream.get("values").get(1).get(1).asText()).isEqualTo("second \"quoted\"\n\tline\u0001");
    }
}
