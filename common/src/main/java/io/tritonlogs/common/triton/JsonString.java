package io.tritonlogs.common.triton;

/** Resolves the JSON string escapes Triton writes into quoted messages. */
final class JsonString {
    private JsonString() {
    }

    /** Unescapes {@code s[from, to)}; malformed escapes are kept as written rather than failing. */
    static String unescape(String s, int from, int to) {
        int backslash = s.indexOf('\\', from);
        if (backslash < 0 || backslash >= to) {
            return s.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        out.append(s, from, backslash);
        int i = backslash;
        while (i < to) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= to) {
                out.append(c);
                i++;
                continue;
            }
            char e = s.charAt(i + 1);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 6 <= to && isHex(s, i + 2, 4)) {
                        out.append((char) Integer.parseInt(s, i + 2, i + 6, 16));
                        i += 6;
                        continue;
                    }
                    out.append("\\u");
                }
                default -> out.append('\\').append(e);
            }
            i += 2;
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
