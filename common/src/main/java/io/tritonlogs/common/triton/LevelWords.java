package io.tritonlogs.common.triton;

/**
 * Reads a level from the start of a foreign line, as the programs that share a Triton container
 * write it:
 * <ul>
 *   <li>a leading word: {@code error: …}, {@code WARNING …}, Python logging's {@code ERROR:root:…},
 *       vLLM's {@code INFO 03-01 12:00:01 [model_runner.py:1025] …};</li>
 *   <li>vLLM's worker prefix first: {@code (VllmWorkerProcess pid=42) WARNING 03-01 …};</li>
 *   <li>bracketed tags, the level in one of them: {@code [ERROR] …},
 *       {@code [TensorRT-LLM][WARNING] …}, TensorRT's {@code [12/01/2024-10:30:45] [TRT] [W] …}
 *       (a one-letter level only after another tag).</li>
 * </ul>
 * Allocates nothing.
 */
final class LevelWords {

    private static final int MAX_TAGS = 4;
    private static final int MAX_TAG_LENGTH = 48;

    private LevelWords() {
    }

    static Level leadingLevel(String line) {
        int length = line.length();
        int i = skipWorkerPrefix(line);
        for (int tags = 0; tags < MAX_TAGS && i < length && line.charAt(i) == '['; tags++) {
            int close = line.indexOf(']', i + 1);
            if (close < 0 || close - i - 1 > MAX_TAG_LENGTH) {
                i++; // "[WARNING: no closing bracket": read the word after it
                break;
            }
            Level level = tags > 0 && close == i + 2 ? letter(line.charAt(i + 1)) : word(line, i + 1, close);
            if (level != Level.UNKNOWN) {
                return level;
            }
            i = close + 1;
            if (i < length && line.charAt(i) == ' ') {
                i++;
            }
        }
        int start = i;
        while (i < length && i - start <= 8 && Character.isLetter(line.charAt(i))) {
            i++;
        }
        if (i < length) {
            char after = line.charAt(i);
            if (after != ':' && after != ']' && after != ' ' && after != '\t') {
                return Level.UNKNOWN;
            }
        }
        return word(line, start, i);
    }

    /** vLLM's worker processes print {@code (VllmWorkerProcess pid=42) } before their level. */
    private static int skipWorkerPrefix(String line) {
        if (line.isEmpty() || line.charAt(0) != '(') {
            return 0;
        }
        int close = line.indexOf(") ", 1);
        return close > 0 && close <= MAX_TAG_LENGTH ? close + 2 : 0;
    }

    /** The level the whole of {@code line[start, end)} names, or UNKNOWN. */
    private static Level word(String line, int start, int end) {
        return switch (end - start) {
            case 3 -> is(line, start, "err", Level.ERROR);
            case 4 -> firstOf(is(line, start, "warn", Level.WARNING), is(line, start, "info", Level.INFO));
            case 5 -> firstOf(is(line, start, "error", Level.ERROR), is(line, start, "fatal", Level.FATAL),
                    is(line, start, "panic", Level.FATAL), is(line, start, "debug", Level.VERBOSE),
                    is(line, start, "trace", Level.VERBOSE));
            case 7 -> firstOf(is(line, start, "warning", Level.WARNING), is(line, start, "verbose", Level.VERBOSE));
            case 8 -> is(line, start, "critical", Level.FATAL);
            default -> Level.UNKNOWN;
        };
    }

    /** TensorRT's one-letter severities: {@code [E]}, {@code [W]}, {@code [I]}, {@code [V]}, {@code [F]}. */
    private static Level letter(char c) {
        return switch (c) {
            case 'E' -> Level.ERROR;
            case 'W' -> Level.WARNING;
            case 'I' -> Level.INFO;
            case 'V' -> Level.VERBOSE;
            case 'F' -> Level.FATAL;
            default -> Level.UNKNOWN;
        };
    }

    private static Level is(String line, int start, String word, Level level) {
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
