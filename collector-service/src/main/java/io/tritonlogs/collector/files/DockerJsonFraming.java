package io.tritonlogs.collector.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tritonlogs.common.time.Timestamps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code {"log":"text\n","stream":"stderr","time":"…"}}: Docker's json-file driver; an entry whose
 * text lacks the trailing newline is a piece of a longer line.
 */
final class DockerJsonFraming implements LineFraming {

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NO_TIME = new byte[0];

    private final long[] parsed = new long[1];

    @Override
    public void frame(byte[] b, int from, int to, long endOffset, Frames out) {
        String log = null;
        String stream = "stdout";
        String time = null;
        try (JsonParser parser = JSON.createParser(b, from, to - from)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "log" -> log = parser.getText();
                    case "stream" -> stream = parser.getText();
                    case "time" -> time = parser.getText();
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            out.malformed(System.currentTimeMillis() * 1_000_000L, b, from, to, endOffset);
            return;
        }
        if (log == null) {
            out.malformedWithoutText();
            return;
        }
        byte[] timeBytes = time == null ? NO_TIME : time.getBytes(StandardCharsets.US_ASCII);
        long ts = Timestamps.parseRfc3339(timeBytes, 0, timeBytes.length, parsed) > 0 ? parsed[0] : System.currentTimeMillis() * 1_000_000L;
        boolean stderr = "stderr".equals(stream);
        boolean complete = log.endsWith("\n");
        byte[] text = (complete ? log.substring(0, log.length() - 1) : log).getBytes(StandardCharsets.UTF_8);
        if (complete) {
            out.line(stderr, ts, text, 0, text.length, endOffset);
        } else {
            out.piece(stderr, ts, text, 0, text.length, endOffset - (to - from) - 1);
        }
    }
}
