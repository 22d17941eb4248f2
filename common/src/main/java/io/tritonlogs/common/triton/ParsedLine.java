package io.tritonlogs.common.triton;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * One physical line as the parser understood it. Offsets point into {@link #line()}, so parsing
 * allocates nothing but this record; substrings are made only when asked for.
 *
 * @param line          the line as read, without its line terminator
 * @param kind          record, continuation or foreign
 * @param shape         which preamble the line carries
 * @param level         severity; {@link Level#UNKNOWN} when the line does not say
 * @param threadId      the number after the time (glog's thread id; Triton prints its process id), or -1
 * @param sourceStart   start of {@code file:line} in the preamble, or -1
 * @param sourceEnd     end (exclusive) of {@code file:line}, or -1
 * @param messageStart  start of the message
 * @param messageEnd    end (exclusive) of the message
 * @param quoted        whether the message is JSON-escaped in double quotes (Triton since mid-2024)
 */
public record ParsedLine(String line, LineKind kind, LineShape shape, Level level, long threadId,
                         int sourceStart, int sourceEnd, int messageStart, int messageEnd, boolean quoted) {

    public ParsedLine {
        if (line == null || kind == null || shape == null || level == null) {
            throw new IllegalArgumentException("line, kind, shape and level are required");
        }
    }

    /** A line with no preamble at all. */
    static ParsedLine plain(String line, LineKind kind, Level level) {
        return new ParsedLine(line, kind, LineShape.NONE, level, -1, -1, -1, 0, line.length(), false);
    }

    /** The same line, reclassified (the classifier decides continuations from context). */
    public ParsedLine withKind(LineKind newKind) {
        return newKind == kind ? this
                : new ParsedLine(line, newKind, shape, level, threadId, sourceStart, sourceEnd, messageStart, messageEnd, quoted);
    }

    /** Whether the line starts with a Triton preamble (default, ISO8601 or the level-less stub form). */
    public boolean hasTritonPreamble() {
        return shape == LineShape.GLOG || shape == LineShape.GLOG_WITHOUT_LEVEL || shape == LineShape.ISO8601;
    }

    /** {@code file:line} of the preamble, or {@code null}. */
    public String source() {
        return sourceStart < 0 ? null : line.substring(sourceStart, sourceEnd);
    }

    /** The message as written, with its quotes and escapes if Triton escaped it. */
    public String rawMessage() {
        return line.substring(messageStart, messageEnd);
    }

    /** The message as Triton meant it: JSON escapes resolved and quotes removed. */
    public String message() {
        if (!quoted) {
            return rawMessage();
        }
        return JsonString.unescape(line, messageStart + 1, messageEnd - 1);
    }

    /**
     * When the line says it was written, in UTC. The default format has no year:
     * {@code yearOfShortFormat} supplies it (the year of the runtime's own timestamp, say).
     */
    public Optional<Instant> timestamp(int yearOfShortFormat) {
        try {
            return Optional.ofNullable(switch (shape) {
                case GLOG -> shortTime(1, yearOfShortFormat);
                case GLOG_WITHOUT_LEVEL -> shortTime(0, yearOfShortFormat);
                case ISO8601, TENSORFLOW -> longTime();
                case NONE -> null;
            });
        } catch (DateTimeException e) {
            return Optional.empty(); // a preamble with an impossible date, e.g. 0231
        }
    }

    private Instant shortTime(int at, int year) {
        int month = Digits.value(line, at, 2);
        int day = Digits.value(line, at + 2, 2);
        int hour = Digits.value(line, at + 5, 2);
        int minute = Digits.value(line, at + 8, 2);
        int second = Digits.value(line, at + 11, 2);
        int micros = Digits.value(line, at + 14, 6);
        return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000).toInstant(ZoneOffset.UTC);
    }

    private Instant longTime() {
        int year = Digits.value(line, 0, 4);
        int month = Digits.value(line, 5, 2);
        int day = Digits.value(line, 8, 2);
        int hour = Digits.value(line, 11, 2);
        int minute = Digits.value(line, 14, 2);
        int second = Digits.value(line, 17, 2);
        int nanos = 0;
        if (line.length() > 19 && line.charAt(19) == '.') {
            int end = 20;
            while (end < line.length() && Digits.is(line.charAt(end))) {
                end++;
            }
            int count = Math.min(end - 20, 9);
            nanos = Digits.value(line, 20, count);
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    }
}
