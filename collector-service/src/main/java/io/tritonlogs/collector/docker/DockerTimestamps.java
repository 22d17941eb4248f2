package io.tritonlogs.collector.docker;

/**
 * RFC 3339 timestamps with up to nine fraction digits, as Docker ({@code …Z}) and CRI log files
 * ({@code …Z} or {@code …+02:00}) write them, to Unix nanoseconds without allocating.
 */
public final class DockerTimestamps {
    private DockerTimestamps() {
    }

    /**
     * Parses the timestamp at the start of {@code b[from, to)}; returns the index after it
     * (pointing at the separating space), or -1 if none is there. The value goes to {@code out[0]}.
     */
    public static int parse(byte[] b, int from, int to, long[] out) {
        if (to - from < 20 || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T'
                || b[from + 13] != ':' || b[from + 16] != ':') {
            return -1;
        }
        int year = digits(b, from, 4);
        int month = digits(b, from + 5, 2);
        int day = digits(b, from + 8, 2);
        int hour = digits(b, from + 11, 2);
        int minute = digits(b, from + 14, 2);
        int second = digits(b, from + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || minute < 0 || second < 0) {
            return -1;
        }
        int i = from + 19;
        long nanos = 0;
        if (i < to && b[i] == '.') {
            i++;
            int count = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (count < 9) {
                    nanos = nanos * 10 + (b[i] - '0');
                    count++;
                }
                i++;
            }
            for (; count < 9; count++) {
                nanos *= 10;
            }
        }
        long seconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
        if (i < to && b[i] == 'Z') {
            out[0] = seconds * 1_000_000_000L + nanos;
            return i + 1;
        }
        if (i + 6 <= to && (b[i] == '+' || b[i] == '-') && b[i + 3] == ':') {
            int offsetHours = digits(b, i + 1, 2);
            int offsetMinutes = digits(b, i + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0) {
                return -1;
            }
            long offset = offsetHours * 3600L + offsetMinutes * 60L;
            out[0] = (seconds - (b[i] == '+' ? offset : -offset)) * 1_000_000_000L + nanos;
            return i + 6;
        }
        return -1;
    }

    /** Formats Unix nanoseconds as Docker's {@code since} parameter: seconds with nine fraction digits. */
    static String since(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L);
        long nanos = Math.floorMod(unixNanos, 1_000_000_000L);
        return seconds + "." + String.format("%09d", nanos);
    }

    private static int digits(byte[] b, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
