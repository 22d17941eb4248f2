package io.tritonlogs.common.triton;

/**
 * Reads the preamble of one physical line: the default glog-style format, {@code --log-format
 * ISO8601}, the level-less form of old Python backend stubs, and TensorFlow's own lines. It is
 * stateless and thread-safe; whether a preamble-less line continues the previous entry is decided
 * by {@link LineClassifier}, which knows the context.
 *
 * <p>Never throws for any input: a line it cannot read is a {@link LineKind#FOREIGN} line.
 */
public final class TritonLineParser {

    /** Length of {@code HH:MM:SS.uuuuuu}. */
    private static final int SHORT_TIME_LENGTH = 15;

    /** Parses {@code line} on its own, as a record or a foreign line. */
    public ParsedLine parse(String line) {
        if (line == null) {
            throw new IllegalArgumentException("line is required");
        }
        ParsedLine record = parseTritonPreamble(line, 0);
        if (record != null) {
            return record;
        }
        ParsedLine tensorflow = parseTensorflow(line);
        if (tensorflow != null) {
            return tensorflow;
        }
        return ParsedLine.plain(line, LineKind.FOREIGN, LevelWords.leadingLevel(line));
    }

    /**
     * Where a second record starts inside this record's message, or -1. Before Triton 22.06 the
     * logger had no lock, so two records could be written on one physical line.
     */
    public int gluedRecordStart(ParsedLine parsed) {
        if (!parsed.hasTritonPreamble()) {
            return -1;
        }
        String line = parsed.line();
        int end = parsed.messageEnd();
        for (int colon = line.indexOf(':', parsed.messageStart()); colon >= 0 && colon < end;
                colon = line.indexOf(':', colon + 1)) {
            // The first ':' of a glog time sits 8 characters after the level letter,
            // the first ':' of an ISO8601 time 13 characters after the year.
            int glogStart = colon - 8;
            if (glogStart >= parsed.messageStart() && parseTritonPreamble(line, glogStart) != null) {
                return glogStart;
            }
            int isoStart = colon - 13;
            if (isoStart >= parsed.messageStart() && Digits.charAt(line, colon - 3, 'T')
                    && parseTritonPreamble(line, isoStart) != null) {
                return isoStart;
            }
        }
        return -1;
    }

    /** A record whose Triton preamble starts at {@code at}, or null. */
    private static ParsedLine parseTritonPreamble(String line, int at) {
        int length = line.length();
        if (length - at < 20) {
            return null;
        }
        char first = line.charAt(at);
        Level letterLevel = Level.fromLetter(first);
        if (letterLevel != null && Digits.at(line, at + 1, 4) && Digits.charAt(line, at + 5, ' ')
                && isShortTime(line, at + 6)) {
            return parseTail(line, at + 6 + SHORT_TIME_LENGTH, LineShape.GLOG, letterLevel);
        }
        if (!Digits.is(first)) {
            return null;
        }
        if (Digits.at(line, at, 4) && Digits.charAt(line, at + 4, ' ') && isShortTime(line, at + 5)) {
            return parseTail(line, at + 5 + SHORT_TIME_LENGTH, LineShape.GLOG_WITHOUT_LEVEL, Level.UNKNOWN);
        }
        int afterDate = isoDateTime(line, at, 'T');
        if (afterDate < 0 || !Digits.charAt(line, afterDate, 'Z') || !Digits.charAt(line, afterDate + 1, ' ')
                || afterDate + 3 >= length || !Digits.charAt(line, afterDate + 3, ' ')) {
            return null;
        }
        Level level = Level.fromLetter(line.charAt(afterDate + 2));
        return level == null ? null : parseTail(line, afterDate + 3, LineShape.ISO8601, level);
    }

    /** {@code 2024-12-01 10:30:45.123456: E tensorflow/core/x.cc:12] msg}: a foreign line with a readable level. */
    private static ParsedLine parseTensorflow(String line) {
        int afterDate = isoDateTime(line, 0, ' ');
        if (afterDate < 0 || !Digits.charAt(line, afterDate, ':') || !Digits.charAt(line, afterDate + 1, ' ')
                || !Digits.charAt(line, afterDate + 3, ' ')) {
            return null;
        }
        Level level = Level.fromLetter(line.charAt(afterDate + 2));
        if (level == null) {
            return null;
        }
        int sourceStart = afterDate + 4;
        int bracket = sourceEnd(line, sourceStart);
        if (bracket < 0) {
            return null;
        }
        int messageStart = Math.min(bracket + 2, line.length());
        return new ParsedLine(line, LineKind.FOREIGN, LineShape.TENSORFLOW, level, -1,
                sourceStart, bracket, messageStart, line.length(), false);
    }

    /** Reads {@code <spaces><id><spaces><file:line>] <message>} from {@code i}; null if it is not there. */
    private static ParsedLine parseTail(String line, int i, LineShape shape, Level level) {
        int length = line.length();
        int spaces = i;
        while (i < length && line.charAt(i) == ' ') {
            i++;
        }
        if (i == spaces) {
            return null;
        }
        long threadId = 0;
        int digits = i;
        while (i < length && Digits.is(line.charAt(i)) && i - digits < 18) {
            threadId = threadId * 10 + (line.charAt(i) - '0');
            i++;
        }
        if (i == digits || i >= length || line.charAt(i) != ' ') {
            return null;
        }
        while (i < length && line.charAt(i) == ' ') {
            i++;
        }
        int sourceStart = i;
        int bracket = sourceEnd(line, sourceStart);
        if (bracket < 0) {
            return null;
        }
        int messageStart = bracket + 1;
        if (messageStart < length && line.charAt(messageStart) == ' ') {
            messageStart++;
        }
        int messageEnd = length;
        boolean quoted = messageEnd - messageStart >= 2 && line.charAt(messageStart) == '"'
                && line.charAt(messageEnd - 1) == '"';
        return new ParsedLine(line, LineKind.RECORD, shape, level, threadId, sourceStart, bracket,
                messageStart, messageEnd, quoted);
    }

    /** Index of the {@code ]} closing a {@code file:line} token that starts at {@code from}, or -1. */
    private static int sourceEnd(String line, int from) {
        int length = line.length();
        int i = from;
        int lastColon = -1;
        while (i < length) {
            char c = line.charAt(i);
            if (c == ']') {
                break;
            }
            if (c == ' ' || c == '\t') {
                return -1;
            }
            if (c == ':') {
                lastColon = i;
            }
            i++;
        }
        if (i >= length || lastColon < from + 1 || lastColon + 1 >= i || !Digits.at(line, lastColon + 1, i - lastColon - 1)) {
            return -1;
        }
        return i;
    }

    /** {@code HH:MM:SS.uuuuuu} at {@code p}. */
    private static boolean isShortTime(String s, int p) {
        return Digits.at(s, p, 2) && Digits.charAt(s, p + 2, ':') && Digits.at(s, p + 3, 2)
                && Digits.charAt(s, p + 5, ':') && Digits.at(s, p + 6, 2) && Digits.charAt(s, p + 8, '.')
                && Digits.at(s, p + 9, 6) && Digits.charAt(s, p + 15, ' ');
    }

    /**
     * {@code YYYY-MM-DD<sep>HH:MM:SS} with optional fraction at {@code p}; returns the index after
     * it, or -1.
     */
    private static int isoDateTime(String s, int p, char separator) {
        if (!(Digits.at(s, p, 4) && Digits.charAt(s, p + 4, '-') && Digits.at(s, p + 5, 2)
                && Digits.charAt(s, p + 7, '-') && Digits.at(s, p + 8, 2) && Digits.charAt(s, p + 10, separator)
                && Digits.at(s, p + 11, 2) && Digits.charAt(s, p + 13, ':') && Digits.at(s, p + 14, 2)
                && Digits.charAt(s, p + 16, ':') && Digits.at(s, p + 17, 2))) {
            return -1;
        }
        int i = p + 19;
        if (Digits.charAt(s, i, '.')) {
            i++;
            while (i < s.length() && Digits.is(s.charAt(i))) {
                i++;
            }
        }
        return i;
    }
}
