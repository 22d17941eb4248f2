package io.tritonlogs.alert.rules;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads YAML as SnakeYAML's node tree, which keeps the 1-based line and column of every value, so
 * that a fault in a rule or receivers file can say exactly where it is.
 */
public final class YamlNodes {

    private YamlNodes() {
    }

    /** The document's root node (null for an empty file); a syntax error becomes {@code onError(position, reason)}. */
    public static Node compose(String text, BiConsumer<int[], String> onError) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by fields(), with both positions
        options.setMaxAliasesForCollections(10);
        try {
            return new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            onError.accept(mark == null ? new int[] {1, 1} : new int[] {mark.getLine() + 1, mark.getColumn() + 1},
                    "YAML syntax: " + e.getProblem());
            return null;
        } catch (YAMLException e) {
            onError.accept(new int[] {1, 1}, "YAML: " + e.getMessage());
            return null;
        }
    }

    public static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    public static int column(Node node) {
        return node.getStartMark().getColumn() + 1;
    }

    /**
     * The keys of a mapping in order, each with its value node. Unknown keys and keys given twice
     * are reported through {@code onError(keyNode, reason)} and left out.
     */
    public static Map<String, Node> fields(MappingNode mapping, Set<String> allowed, String where, BiConsumer<Node, String> onError) {
        Map<String, Node> fields = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : null;
            if (key == null) {
                onError.accept(keyNode, "a key in " + where + " must be a plain string");
            } else if (!allowed.contains(key)) {
                onError.accept(keyNode, "field \"" + key + "\" not found in " + where + " (known fields: " + String.join(", ", allowed) + ")");
            } else if (fields.containsKey(key)) {
                onError.accept(keyNode, "field \"" + key + "\" given twice in " + where + " (first at line " + firstLine.get(key) + ")");
            } else {
                fields.put(key, tuple.getValueNode());
                firstLine.put(key, line(keyNode));
            }
        }
        return fields;
    }

    /** The text of a scalar, or null (reported) when the node is a list or a mapping. */
    public static String scalar(Node node, String field, BiConsumer<Node, String> onError) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        onError.accept(node, field + ": expected a single value, found a " + (node instanceof MappingNode ? "mapping" : "list"));
        return null;
    }

    /**
     * Where a position inside a scalar's text (1-based line and column of that text) is in the file,
     * for plain, quoted and block ({@code |}, {@code >}) scalars.
     */
    public static int[] positionInside(ScalarNode node, int innerLine, int innerColumn, String[] sourceLines) {
        int startLine = node.getStartMark().getLine(); // 0-based
        DumperOptions.ScalarStyle style = node.getScalarStyle();
        if (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED) {
            int line = startLine + innerLine; // content starts on the line after the indicator
            // the block's indentation is that of its first non-blank line; deeper lines keep their extra spaces as content
            int first = startLine + 1;
            while (first < sourceLines.length && sourceLines[first].isBlank()) {
                first++;
            }
            return new int[] {line + 1, indentation(sourceLines, first) + innerColumn};
        }
        if (innerLine == 1) {
            boolean quoted = style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED;
            return new int[] {startLine + 1, node.getStartMark().getColumn() + (quoted ? 1 : 0) + innerColumn};
        }
        int line = startLine + innerLine - 1;
        return new int[] {line + 1, indentation(sourceLines, line) + innerColumn};
    }

    private static int indentation(String[] lines, int index) {
        if (index < 0 || index >= lines.length) {
            return 0;
        }
        String line = lines[index];
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
