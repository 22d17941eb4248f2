package io.tritonlogs.common.triton;

import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.loki.ProtobufPushEncoder;
import io.tritonlogs.common.loki.PushEntry;
import io.tritonlogs.common.loki.PushStream;
import io.tritonlogs.common.redact.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever arrives on a container's stdout, the library answers with a value, never an exception. */
class HostileInputTest {

    private final TritonLineParser parser = new TritonLineParser();
    private final ModelNameExtractor extractor = new ModelNameExtractor();
    private final Redactor redactor = Redactor.withDefaults();

    static Stream<String> hostileLines() {
        byte[] invalidUtf8 = {'E', '1', '2', '0', '1', ' ', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, 'x'};
        return Stream.of("", " ", "\t", "E", "I", "W", "F", "E1201", "E1201 ", "E1201 10:30:45.123456",
                "E1201 10:30:45.123456 ", "E1201 10:30:45.123456 1", "E1201 10:30:45.123456 1 ",
                "E1201 10:30:45.123456 1 a.cc:1", "E1201 10:30:45.123456 1 a.cc:1]", "E1399 99:99:99.999999 1 a.cc:1] bad date",
                "E1201 10:30:45.123456 99999999999999999999999 a.cc:1] huge id", "2024-12-01T10:30:45Z", "2024-12-01T10:30:45Z E",
                "2024-12-01T10:30:45Z E 1 a.cc:x] not a line number", "1028 08:21:03.012132", "\"", "\"\"", "'", "''",
                "loading: ", "loading: :1", "model '", "model ''", "/v2/models/", "TRITONBACKEND_ModelInitialize: ",
                "password=", "=", "==", "token=\"", "token=\\\"", "Bearer ", "Authorization:", "Authorization: Basic",
                "http://@", "://a:b@", "{\"password\":", "{\"password\":\"", "\\\"key\\\":",
                "\u0000\u0001\u0002\u001b[31mred\u001b[0m", "E1201 10:30:45.123456 1 a.cc:1] \"unterminated \\",
                "E1201 10:30:45.123456 1 a.cc:1] \"\\u12\"", "\uD800 lone surrogate", "tail surrogate \uDC00",
                new String(invalidUtf8, StandardCharsets.UTF_8), "x".repeat(1 << 20),
                "E1201 10:30:45.123456 1 a.cc:1] " + "'".repeat(100_000),
                "E1201 10:30:45.123456 1 a.cc:1] " + ":".repeat(100_000),
                "E1201 10:30:45.123456 1 a.cc:1] " + "password=".repeat(50_000),
                "I0816 01:03:26.983791 90210 " + "a".repeat(1 << 20) + ".cc:1] big source");
    }

    @ParameterizedTest
    @MethodSource("hostileLines")
    void everyPartAnswersWithAValue(String line) {
        ParsedLine parsed = parser.parse(line);
        assertThat(parsed.line()).isSameAs(line);
        assertThat(parsed.level()).isNotNull();
        assertThat(parsed.message()).isNotNull();
        parsed.source();
        parsed.timestamp(2024);
        parser.gluedRecordStart(parsed);
        extractor.extract(parsed);
        ModelNameExtractor.fromStatusTableRow(line);
        assertThat(redactor.redact(line)).isNotNull();

        List<JoinedEntry> out = new ArrayList<>();
        MultilineJoiner joiner = new MultilineJoiner(parser, JoinLimits.DEFAULT, out::add);
        joiner.accept(line, 1);
        joiner.accept(line, 2);
        joiner.flush();
        assertThat(out).isNotEmpty();

        List<PushStream> streams = List.of(new PushStream(LabelSet.of(Map.of("container", "c")),
                List.of(new PushEntry(1, line))));
        assertThat(new ProtobufPushEncoder().encodeToArray(streams)).isNotEmpty();
    }

    @Test
    void impossibleDatesGiveNoTimestampRatherThanAnError() {
        ParsedLine parsed = parser.parse("E1399 99:99:99.999999 1 a.cc:1] bad date");
        assertThat(parsed.kind()).isEqualTo(LineKind.RECORD);
        assertThat(parsed.timestamp(2024)).isEmpty();
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        String alphabet = "IWEF0123456789 :.]['\"\\=|+-_/TZ@\n\tpasswordtokenkeyBearerAuthorizationloading:model'\u00e9\uD83D\uDE00";
        List<JoinedEntry> out = new ArrayList<>();
        MultilineJoiner joiner = new MultilineJoiner(parser, new JoinLimits(5, 300, java.time.Duration.ZERO), out::add);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder();
            int length = random.nextInt(120);
            if (random.nextBoolean()) {
                line.append("E1201 10:30:45.123456 1 a.cc:1] ");
            }
            for (int j = 0; j < length; j++) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = line.toString();
            ParsedLine parsed = parser.parse(text);
            extractor.extract(parsed);
            parsed.message();
            redactor.redact(text);
            joiner.accept(text, i);
            joiner.flushIfIdle();
        }
        joiner.flush();
        assertThat(out.stream().mapToInt(JoinedEntry::lineCount).sum()).isGreaterThanOrEqualTo(20_000);
    }
}
