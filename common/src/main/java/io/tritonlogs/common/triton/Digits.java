package io.tritonlogs.common.triton;

/** Tiny helpers for fixed-width digit fields; callers check bounds first. */
final class Digits {
    private Digits() {
    }

    static boolean is(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether {@code s} has {@code count} digits at {@code from} (false when out of bounds). */
    static boolean at(CharSequence s, int from, int count) {
        if (from < 0 || from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (!is(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static int value(CharSequence s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    static boolean charAt(CharSequence s, int i, char c) {
        return i >= 0 && i < s.length() && s.charAt(i) == c;
    }
}
