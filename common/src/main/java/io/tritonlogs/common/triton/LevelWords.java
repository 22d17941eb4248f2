package io.tritonlogs.common.triton;

/** Reads a level from a leading word of a foreign line: {@code error: …}, {@code [WARNING] …}, {@code ERROR:root:…}. */
final class LevelWords {
    private LevelWords() {
    }

    static Level leadingLevel(String line) {
        int i = 0;
        int length = line.length();
        if (i < length && line.charAt(i) == '[') {
            i++;
        }
        int start = i;
        while (i < length && i - start <= 8 && Character.isLetter(line.charAt(i))) {
            i++;
        }
        int wordLength = i - start;
        if (wordLength < 3 || wordLength > 8) {
            return Level.UNKNOWN;
        }
        if (i < length) {
            char after = line.charAt(i);
            if (after != ':' && after != ']' && after != ' ' && after != '\t') {
                return Level.UNKNOWN;
            }
        }
        return switch (wordLength) {
            case 3 -> word(line, start, "err", Level.ERROR);
            case 4 -> firstOf(word(line, start, "warn", Level.WARNING), word(line, start, "info", Level.INFO));
            case 5 -> firstOf(word(line, start, "error", Level.ERROR), word(line, start, "fatal", Level.FATAL),
                    word(line, start, "panic", Level.FATAL), word(line, start, "debug", Level.VERBOSE),
                    word(line, start, "trace", Level.VERBOSE));
            case 7 -> firstOf(word(line, start, "warning", Level.WARNING), word(line, start, "verbose", Level.VERBOSE));
            case 8 -> word(line, start, "critical", Level.FATAL);
            default -> Level.UNKNOWN;
        };
    }

    private static Level word(String line, int start, String word, Level level) {
        return line.regionMatches(true, start, word, 0, word.length()) ? level : Level.UNKNOWN;
    }

    private static Level firstOf(Level... candidates) {
        for (Level candidate : candidates) {
            if (candidate != Level.UNKNOWN) {
                return candidate;
            }
        }
        return Level.UNKNOWN;
    }
}
