package io.tritonlogs.common.logql.ast;

import java.util.List;

/** One stage of a log pipeline. */
public sealed interface Stage {

    /**
     * One line filter, {@code |= "a"} or {@code |= "a" or "b"}: one operator and one or more
     * alternatives joined by {@code or}. Chained filters are consecutive stages.
     */
    record LineFilter(LineFilterOp op, List<FilterValue> alternatives) implements Stage {
        public LineFilter {
            if (op == null || alternatives == null || alternatives.isEmpty()) {
                throw new IllegalArgumentException("a line filter needs an operator and a value");
            }
            alternatives = List.copyOf(alternatives);
        }

        public static LineFilter of(LineFilterOp op, String value) {
            return new LineFilter(op, List.of(new FilterValue(value, false)));
        }
    }

    /** A line filter operand: a string, or {@code ip("...")} when {@code ip} is set. */
    record FilterValue(String value, boolean ip) {
        public FilterValue {
            if (value == null) {
                throw new IllegalArgumentException("a line filter value is required");
            }
        }
    }

    /** {@code | json} or {@code | json a="expr", b}. */
    record Json(List<Extraction> extractions) implements Stage {
        public Json {
            extractions = extractions == null ? List.of() : List.copyOf(extractions);
        }
    }

    /** {@code | logfmt --strict --keep-empty a, b="key"}; flags in any order and repeated mean the same. */
    record Logfmt(boolean strict, boolean keepEmpty, List<Extraction> extractions) implements Stage {
        public Logfmt {
            extractions = extractions == null ? List.of() : List.copyOf(extractions);
        }
    }

    /** One parameter of {@code json}/{@code logfmt}: {@code label="expression"}, or just {@code label} (expression null). */
    record Extraction(String label, String expression) {
        public Extraction {
            Names.requireLabelName(label);
        }
    }

    record Regexp(String regex) implements Stage {
        public Regexp {
            if (regex == null) {
                throw new IllegalArgumentException("regexp needs an expression");
            }
        }
    }

    record Pattern(String pattern) implements Stage {
        public Pattern {
            if (pattern == null) {
                throw new IllegalArgumentException("pattern needs an expression");
            }
        }
    }

    record Unpack() implements Stage {
    }

    record Decolorize() implements Stage {
    }

    record LabelFilterStage(LabelFilter filter) implements Stage {
        public LabelFilterStage {
            if (filter == null) {
                throw new IllegalArgumentException("label filter is required");
            }
        }
    }

    record LineFormat(String template) implements Stage {
        public LineFormat {
            if (template == null) {
                throw new IllegalArgumentException("line_format needs a template");
            }
        }
    }

    /** {@code | label_format dst=src, dst2="{{.tmpl}}"}. */
    record LabelFormat(List<LabelAssignment> assignments) implements Stage {
        public LabelFormat {
            if (assignments == null || assignments.isEmpty()) {
                throw new IllegalArgumentException("label_format needs at least one assignment");
            }
            assignments = List.copyOf(assignments);
        }
    }

    /** {@code dst=src} when {@code rename}, else {@code dst="template"}. */
    record LabelAssignment(String label, String value, boolean rename) {
        public LabelAssignment {
            Names.requireLabelName(label);
            if (rename) {
                Names.requireLabelName(value);
            } else if (value == null) {
                throw new IllegalArgumentException("label_format " + label + " needs a template");
            }
        }
    }

    record Drop(List<LabelRef> labels) implements Stage {
        public Drop {
            labels = requireLabels(labels);
        }
    }

    record Keep(List<LabelRef> labels) implements Stage {
        public Keep {
            labels = requireLabels(labels);
        }
    }

    /** A {@code drop}/{@code keep} operand: a bare name (matcher null) or a matcher. */
    record LabelRef(String name, Matcher matcher) {
        public LabelRef {
            if (matcher != null) {
                name = matcher.name();
            } else {
                Names.requireLabelName(name);
            }
        }
    }

    private static List<LabelRef> requireLabels(List<LabelRef> labels) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("drop/keep needs at least one label");
        }
        return List.copyOf(labels);
    }
}
