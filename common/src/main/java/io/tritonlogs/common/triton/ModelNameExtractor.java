package io.tritonlogs.common.triton;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the model a Triton message is about. Built-in shapes, tried in this order:
 * <ol>
 *   <li>a quoted name after a keyword: {@code successfully loaded 'NAME'}, {@code failed to load
 *       'NAME' version N}, {@code successfully unloaded 'NAME'}, {@code model 'NAME'},
 *       {@code inference failed for model 'NAME'}, {@code unloading 'NAME'}, …;</li>
 *   <li>{@code loading: NAME:VERSION} and {@code unloading: NAME:VERSION};</li>
 *   <li>{@code TRITONBACKEND_ModelInitialize: NAME (version N)};</li>
 *   <li>a request path {@code /v2/models/NAME/…}.</li>
 * </ol>
 * Then the configured extra patterns, each with a group named {@code model} (or group 1).
 * Model names are letters, digits, {@code _}, {@code -} and {@code .}. Thread-safe.
 */
public final class ModelNameExtractor {

    private static final String[] QUOTE_KEYWORDS = {
        "model '", "loaded '", "load '", "unloading '", "loading '", "unload '", "for '",
    };
    private static final String[] COLON_KEYWORDS = {"loading: ", "unloading: "};
    private static final String BACKEND_INIT = "TRITONBACKEND_ModelInitialize: ";
    private static final String MODELS_PATH = "/v2/models/";
    private static final int MAX_NAME_LENGTH = 256;

    private final List<Pattern> extraPatterns;

    public ModelNameExtractor() {
        this(List.of());
    }

    /** @param extraPatterns regular expressions with a group {@code model} or a first group giving the name */
    public ModelNameExtractor(List<String> extraPatterns) {
        List<Pattern> compiled = new ArrayList<>();
        for (String pattern : extraPatterns) {
            compiled.add(Pattern.compile(pattern));
        }
        this.extraPatterns = List.copyOf(compiled);
    }

    /** The model named by the line's message, or {@code null}. */
    public String extract(ParsedLine parsed) {
        return extract(parsed.line(), parsed.messageStart(), parsed.messageEnd());
    }

    /** The model named in {@code text[from, to)}, or {@code null}. */
    public String extract(String text, int from, int to) {
        String name = quotedAfterKeyword(text, from, to);
        if (name == null) {
            name = colonForm(text, from, to);
        }
        if (name == null) {
            name = backendInitialize(text, from, to);
        }
        if (name == null) {
            name = requestPath(text, from, to);
        }
        if (name == null && !extraPatterns.isEmpty()) {
            name = extraPattern(text, from, to);
        }
        return name;
    }

    /** The model of a status table row {@code | NAME | VERSION | STATUS |}, or {@code null}. */
    public static String fromStatusTableRow(String row) {
        if (!row.startsWith("|")) {
            return null;
        }
        int nameEnd = row.indexOf('|', 1);
        if (nameEnd < 0) {
            return null;
        }
        int versionEnd = row.indexOf('|', nameEnd + 1);
        if (versionEnd < 0) {
            return null;
        }
        String name = row.substring(1, nameEnd).trim();
        String version = row.substring(nameEnd + 1, versionEnd).trim();
        if (version.isEmpty() || !Digits.at(version, 0, version.length()) || !isName(name, 0, name.length())) {
            return null;
        }
        return name;
    }

    /** Every model in a joined status table entry (the {@code Model | Version | Status} table). */
    public static List<String> modelsInStatusTable(String entryText) {
        List<String> models = new ArrayList<>();
        for (String row : entryText.split("\n")) {
            String model = fromStatusTableRow(row);
            if (model != null) {
                models.add(model);
            }
        }
        return models;
    }

    private static String quotedAfterKeyword(String text, int from, int to) {
        for (int quote = text.indexOf('\'', from); quote >= 0 && quote < to; quote = text.indexOf('\'', quote + 1)) {
            if (!endsWithKeyword(text, from, quote + 1)) {
                continue;
            }
            int close = text.indexOf('\'', quote + 1);
            if (close > quote + 1 && close < to && isName(text, quote + 1, close)) {
                return text.substring(quote + 1, close);
            }
        }
        return null;
    }

    private static boolean endsWithKeyword(String text, int from, int end) {
        for (String keyword : QUOTE_KEYWORDS) {
            int start = end - keyword.length();
            if (start >= from && text.startsWith(keyword, start)) {
                return true;
            }
        }
        return false;
    }

    private static String colonForm(String text, int from, int to) {
        for (String keyword : COLON_KEYWORDS) {
            int at = text.indexOf(keyword, from);
            if (at < 0 || at >= to) {
                continue;
            }
            int start = at + keyword.length();
            int end = start;
            while (end < to && isNameChar(text.charAt(end)) || end < to && text.charAt(end) == ':') {
                end++;
            }
            int colon = text.lastIndexOf(':', end - 1);
            if (colon > start && Digits.at(text, colon + 1, end - colon - 1) && end > colon + 1) {
                return nameOrNull(text, start, colon);
            }
        }
        return null;
    }

    private static String backendInitialize(String text, int from, int to) {
        int at = text.indexOf(BACKEND_INIT, from);
        if (at < 0 || at >= to) {
            return null;
        }
        int start = at + BACKEND_INIT.length();
        int end = start;
        while (end < to && isNameChar(text.charAt(end))) {
            end++;
        }
        return text.startsWith(" (version", end) ? nameOrNull(text, start, end) : null;
    }

    private static String requestPath(String text, int from, int to) {
        int at = text.indexOf(MODELS_PATH, from);
        if (at < 0 || at >= to) {
            return null;
        }
        int start = at + MODELS_PATH.length();
        int end = start;
        while (end < to && isNameChar(text.charAt(end))) {
            end++;
        }
        boolean terminated = end == to || text.charAt(end) == '/' || text.charAt(end) == ' ' || text.charAt(end) == '"';
        return terminated ? nameOrNull(text, start, end) : null;
    }

    private String extraPattern(String text, int from, int to) {
        CharSequence region = text.subSequence(from, to);
        for (Pattern pattern : extraPatterns) {
            Matcher matcher = pattern.matcher(region);
            if (matcher.find()) {
                String name = namedOrFirstGroup(matcher);
                if (name != null && isName(name, 0, name.length())) {
                    return name;
                }
            }
        }
        return null;
    }

    private static String namedOrFirstGroup(Matcher matcher) {
        try {
            return matcher.group("model");
        } catch (IllegalArgumentException noSuchGroup) {
            return matcher.groupCount() >= 1 ? matcher.group(1) : null;
        }
    }

    private static String nameOrNull(String text, int start, int end) {
        return isName(text, start, end) ? text.substring(start, end) : null;
    }

    private static boolean isName(String text, int start, int end) {
        if (end <= start || end - start > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (!isNameChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    }
}
