package io.tritonlogs.common.logql.ast;

import java.util.List;

/** {@code | unwrap label}, {@code | unwrap duration(label)} etc., and the label filters after it. */
public record Unwrap(String label, Conversion conversion, List<LabelFilter> postFilters) {

    public enum Conversion {
        DURATION("duration"), DURATION_SECONDS("duration_seconds"), BYTES("bytes");

        private final String keyword;

        Conversion(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    public Unwrap {
        Names.requireLabelName(label);
        postFilters = postFilters == null ? List.of() : List.copyOf(postFilters);
    }
}
