package io.tritonlogs.common.loki;

import io.tritonlogs.common.loki.proto.EntryAdapter;
import io.tritonlogs.common.loki.proto.PushRequest;
import io.tritonlogs.common.loki.proto.StreamAdapter;
import com.google.protobuf.Timestamp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Our hand-written encoder against classes protoc generated from Loki's push.proto. */
class ProtobufPushEncoderTest {

    private final ProtobufPushEncoder encoder = new ProtobufPushEncoder();

    @Test
    void decodesWithLokisOwnSchema() throws Exception {
        LabelSet labels = LabelSet.of(Map.of("container", "triton", "level", "ERROR", "model_name", "resnet50", "stream", "stderr"));
        List<PushStream> streams = List.of(new PushStream(labels, List.of(
                new PushEntry(1_733_049_045_123_456_789L, "E1201 10:30:45.123456 1 a.cc:1] boom"),
                new PushEntry(1_733_049_046_000_000_000L, "second é \uD83D\uDE00"))));

        PushRequest request = LokiProto.decode(encoder.encodeToArray(streams));

        assertThat(request.getStreamsCount()).isEqualTo(1);
        StreamAdapter stream = request.getStreams(0);
        assertThat(stream.getLabels()).isEqualTo("{container=\"triton\", level=\"ERROR\", model_name=\"resnet50\", stream=\"stderr\"}");
        assertThat(stream.getEntriesList()).extracting(EntryAdapter::getLine)
                .containsExactly("E1201 10:30:45.123456 1 a.cc:1] boom", "second é \uD83D\uDE00");
        Timestamp ts = stream.getEntries(0).getTimestamp();
        assertThat(ts.getSeconds()).isEqualTo(1_733_049_045L);
        assertThat(ts.getNanos()).isEqualTo(123_456_789);
        assertThat(stream.getEntries(1).getTimestamp().getNanos()).isZero();
    }

    @Test
    void structuredMetadataDecodesAsLokisLabelPairs() throws Exception {
        LabelSet labels = LabelSet.of(Map.of("container", "triton"));
        List<PushStream> streams = List.of(new PushStream(labels, List.of(
                new PushEntry(1, "I1201 10:30:45.123456 1 a.cc:1] x", List.of(new Label("pid", "1"), new Label("source", "a.cc:1"),
                        new Label("request_id", "é-\uD83D\uDE00"), new Label("model_version", ""))),
                new PushEntry(2, "plain"),
                new PushEntry(3, "lone", List.of(new Label("request_id", "bad \uD800 surrogate"))))));

        PushRequest request = LokiProto.decode(encoder.encodeToArray(streams));

        List<EntryAdapter> entries = request.getStreams(0).getEntriesList();
        assertThat(entries.get(0).getStructuredMetadataList()).extracting(p -> p.getName() + "=" + p.getValue())
                .containsExactly("pid=1", "source=a.cc:1", "request_id=é-\uD83D\uDE00", "model_version=");
        assertThat(entries.get(0).getLine()).isEqualTo("I1201 10:30:45.123456 1 a.cc:1] x");
        assertThat(entries.get(1).getStructuredMetadataList()).isEmpty();
        // A lone surrogate is written as U+FFFD: valid UTF-8, the size computed in advance still right.
        assertThat(entries.get(2).getStructuredMetadata(0).getValue()).isEqualTo("bad \uFFFD surrogate");
        assertThat(entries.get(2).getLine()).isEqualTo("lone");
    }

    @Test
    void entriesAreSortedPerStreamKeepingEqualTimestampsInOrder() throws Exception {
        LabelSet labels = LabelSet.of(Map.of("container", "c"));
        List<PushStream> streams = List.of(new PushStream(labels, List.of(
                new PushEntry(30, "c"), new PushEntry(10, "a1"), new PushEntry(20, "b"), new PushEntry(10, "a2"))));
        PushRequest request = LokiProto.decode(encoder.encodeToArray(streams));
        assertThat(request.getStreams(0).getEntriesList()).extracting(EntryAdapter::getLine).containsExactly("a1", "a2", "b", "c");
    }

    @Test
    void labelValuesAreEscapedAndLoneSurrogatesNeverMakeInvalidUtf8() throws Exception {
        LabelSet labels = LabelSet.of(Map.of("container", "we\"ird\\name\nx"));
        PushRequest request = LokiProto.decode(encoder.encodeToArray(List.of(
                new PushStream(labels, List.of(new PushEntry(1, "bad \uD800 surrogate"), new PushEntry(2, ""))))));
        assertThat(request.getStreams(0).getLabels()).isEqualTo("{container=\"we\\\"ird\\\\name\\nx\"}");
        // A lone surrogate cannot be UTF-8; Java's encoder writes '?'. The bytes stay valid UTF-8
        // (protobuf-java's parse would refuse invalid UTF-8 in a proto3 string).
        assertThat(request.getStreams(0).getEntries(0).getLine()).isEqualTo("bad ? surrogate");
        assertThat(request.getStreams(0).getEntries(1).getLine()).isEmpty();
    }

    @Test
    void buffersGrowForLargeBatchesAndAreReused() throws Exception {
        List<PushStream> streams = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            List<PushEntry> entries = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                entries.add(new PushEntry(1_700_000_000_000_000_000L + i, "stream " + s + " line " + i + " " + "x".repeat(i % 300)));
            }
            streams.add(new PushStream(LabelSet.of(Map.of("container", "c" + s)), entries));
        }
        PushRequest big = LokiProto.decode(encoder.encodeToArray(streams));
        assertThat(big.getStreamsCount()).isEqualTo(50);
        assertThat(big.getStreams(49).getEntriesCount()).isEqualTo(2_000);
        assertThat(big.getStreams(49).getEntries(1999).getLine()).startsWith("stream 49 line 1999 ");

        PushRequest small = LokiProto.decode(encoder.encodeToArray(List.of(
                new PushStream(LabelSet.of(Map.of("container", "again")), List.of(new PushEntry(5, "after"))))));
        assertThat(small.getStreamsCount()).isEqualTo(1);
        assertThat(small.getStreams(0).getEntries(0).getLine()).isEqualTo("after");
    }

    @Test
    void uncompressedBytesMatchTheGeneratedEncoderByteForByte() {
        LabelSet labels = LabelSet.of(Map.of("container", "triton", "level", "INFO"));
        List<PushStream> streams = List.of(new PushStream(labels, List.of(
                new PushEntry(1_733_049_045_123_456_789L, "line one"), new PushEntry(1_733_049_046_000_000_000L, ""))));
        PushRequest expected = PushRequest.newBuilder().addStreams(StreamAdapter.newBuilder()
                .setLabels(labels.render())
                .addEntries(EntryAdapter.newBuilder().setTimestamp(Timestamp.newBuilder().setSeconds(1_733_049_045L).setNanos(123_456_789)).setLine("line one"))
                .addEntries(EntryAdapter.newBuilder().setTimestamp(Timestamp.newBuilder().setSeconds(1_733_049_046L))))
                .build();
        assertThat(encoder.encodeUncompressedToArray(streams)).isEqualTo(expected.toByteArray());
    }
}
