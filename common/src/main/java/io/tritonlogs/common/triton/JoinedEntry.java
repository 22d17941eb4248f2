package io.tritonlogs.common.triton;

/**
 * One log entry: a record or foreign line with its continuation lines joined by {@code \n}.
 *
 * @param timestampNanos the runtime's timestamp of the first line
 * @param text           the lines as written, joined with {@code \n}
 * @param head           the line that gives the entry its level, source and model
 * @param lineCount      physical lines in {@code text}
 * @param continued      true when this entry continues an earlier one that hit a limit or timed out;
 *                       {@code head} is then that earlier entry's first line
 */
public record JoinedEntry(long timestampNanos, String text, ParsedLine head, int lineCount, boolean continued) {

    public Level level() {
        return head.level();
    }
}
