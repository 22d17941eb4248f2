package io.tritonlogs.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Whether an image reference is pinned to a version: a tag with a digit (never latest) or a digest. */
final class ImageRefs {
    private static final Pattern DIGEST = Pattern.compile(".+@sha256:[0-9a-f]{64}");
    private static final Pattern VERSION_TAG = Pattern.compile("[A-Za-z0-9_.-]*[0-9][A-Za-z0-9_.-]*");

    private ImageRefs() {
    }

    /** Why {@code ref} is not pinned, or null when it is. */
    static String unpinned(String ref) {
        if (ref == null || ref.isBlank()) {
            return "empty image reference";
        }
        if (ref.contains("${")) {
            return ref + ": the version must not come from a variable";
        }
        if (DIGEST.matcher(ref).matches()) {
            return null;
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        if (colon <= slash) {
            return ref + ": no tag (means latest)";
        }
        String tag = ref.substring(colon + 1);
        if (tag.contains("latest") || !VERSION_TAG.matcher(tag).matches()) {
            return ref + ": tag '" + tag + "' is not a version";
        }
        return null;
    }

    static List<String> unpinned(List<String> refs) {
        List<String> problems = new ArrayList<>();
        for (String ref : refs) {
            String problem = unpinned(ref);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }
}
