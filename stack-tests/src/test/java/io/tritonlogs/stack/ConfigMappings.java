package io.tritonlogs.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a service declares, read from its Java sources the way SmallRye Config maps them:
 * every method of every {@code @ConfigMapping} interface (prefix + method name in kebab case, or
 * {@code @WithName}), following nested interfaces and {@code Map<String, X>} (as {@code <name>}),
 * plus every {@code @ConfigProperty(name = …)}, and the interfaces a mapping extends (its own, or
 * service-support's shared ones such as {@code LokiConnectionConfig}). Source text, not reflection,
 * so this module needs none of the services on its class path.
 */
final class ConfigMappings {

    /** One setting: its property name, its {@code @WithDefault} (empty when none) and where it is declared. */
    record Setting(String property, Optional<String> defaultValue, String declaredIn) {
    }

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"S(\\d+)\"\\s*\\)");
    private static final Pattern TYPE = Pattern.compile("\\b(interface|enum|class|record)\\s+(\\w+)[^{;]*\\{");
    private static final Pattern METHOD = Pattern.compile(
            "((?:@[\\w.]+(?:\\s*\\([^)]*\\))?\\s*)*)((?:[\\w.]+)(?:\\s*<[\\w\\s.,<>?]*>)?(?:\\[\\])?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"S(\\d+)\"\\s*\\)");
    private static final Pattern WITH_DEFAULT = Pattern.compile("@WithDefault\\s*\\(\\s*\"S(\\d+)\"\\s*\\)");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"S(\\d+)\"[^)]*\\)");
    private static final Pattern MAP_OF = Pattern.compile("Map\\s*<\\s*String\\s*,\\s*([\\w.]+)\\s*>");
    private static final Pattern EXTENDS = Pattern.compile("\\binterface\\s+(\\w+)\\s+extends\\s+([\\w.,\\s]+?)\\s*\\{");
    /** Where interfaces a service's mapping extends may live besides the service's own sources. */
    private static final String SHARED_SOURCES = "service-support/src/main/java";
    private static final Pattern OPTIONAL_OF = Pattern.compile("Optional\\s*<\\s*([\\w.]+)\\s*>");

    private ConfigMappings() {
    }

    /** Every setting of the service whose module is {@code module}, by property name. */
    static Map<String, Setting> of(String module) {
        Map<String, Setting> settings = new TreeMap<>();
        for (Path file : Repo.files(Repo.path(module + "/src/main/java"), ".java")) {
            Source source = Source.read(file);
            String where = Repo.relative(file);
            Matcher cp = CONFIG_PROPERTY.matcher(source.code);
            while (cp.find()) {
                String name = source.literal(cp.group(1));
                settings.putIfAbsent(name, new Setting(name, Optional.empty(), where));
            }
            Matcher mapping = MAPPING.matcher(source.code);
            if (!mapping.find()) {
                continue;
            }
            String prefix = source.literal(mapping.group(1));
            Map<String, String> types = source.types();
            Matcher root = TYPE.matcher(source.code);
            if (!root.find(mapping.end()) || !root.group(1).equals("interface")) {
                throw new AssertionError(where + ": @ConfigMapping not followed by an interface");
            }
            walk(source, types, root.group(2), prefix, where, settings, 0);
            walkSupertypes(source, root.group(2), prefix, module, settings);
        }
        return settings;
    }

    /** The methods a mapping interface inherits, under the same prefix, from interfaces in the module or service-support. */
    private static void walkSupertypes(Source source, String type, String prefix, String module, Map<String, Setting> out) {
        Matcher ext = EXTENDS.matcher(source.code);
        while (ext.find()) {
            if (!ext.group(1).equals(type)) {
                continue;
            }
            for (String parent : ext.group(2).split(",")) {
                String simple = parent.strip().substring(parent.strip().lastIndexOf('.') + 1);
                Path file = declaring(simple, module);
                Source parentSource = Source.read(file);
                walk(parentSource, parentSource.types(), simple, prefix, Repo.relative(file), out, 1);
                walkSupertypes(parentSource, simple, prefix, module, out);
            }
        }
    }

    private static Path declaring(String interfaceName, String module) {
        for (String root : List.of(module + "/src/main/java", SHARED_SOURCES)) {
            for (Path file : Repo.files(Repo.path(root), ".java")) {
                if (file.getFileName().toString().equals(interfaceName + ".java")) {
                    return file;
                }
            }
        }
        throw new AssertionError(module + ": a config mapping extends " + interfaceName + ", declared neither in " + module + " nor in " + SHARED_SOURCES);
    }

    private static void walk(Source source, Map<String, String> types, String type, String prefix, String where,
                             Map<String, Setting> out, int depth) {
        if (depth > 10) {
            throw new AssertionError(where + ": interfaces nest deeper than 10 levels at " + prefix);
        }
        String body = types.get(type);
        Matcher m = METHOD.matcher(body);
        while (m.find()) {
            String annotations = m.group(1);
            String returnType = m.group(2).replaceAll("\\s+", "");
            String method = m.group(3);
            Matcher withName = WITH_NAME.matcher(annotations);
            String name = withName.find() ? source.literal(withName.group(1)) : kebab(method);
            String property = annotations.contains("@WithParentName") ? prefix : prefix + "." + name;
            Matcher map = MAP_OF.matcher(returnType);
            Matcher optional = OPTIONAL_OF.matcher(returnType);
            String element = map.matches() ? map.group(1) : optional.matches() ? optional.group(1) : returnType;
            if (map.matches()) {
                property = property + ".<name>";
            }
            String simple = element.substring(element.lastIndexOf('.') + 1);
            if (types.containsKey(simple) && source.isInterface(simple)) {
                walk(source, types, simple, property, where, out, depth + 1);
            } else {
                Matcher def = WITH_DEFAULT.matcher(annotations);
                Optional<String> defaultValue = def.find() ? Optional.of(source.literal(def.group(1))) : Optional.empty();
                out.put(property, new Setting(property, defaultValue, where));
            }
        }
    }

    /** SmallRye's default naming: {@code maxLineBytes} → {@code max-line-bytes}. */
    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean afterLower = i > 0 && !Character.isUpperCase(camel.charAt(i - 1));
                boolean beforeLower = i > 0 && i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                if (afterLower || beforeLower) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Quarkus' rule for a property's environment variable: uppercase, every non-alphanumeric character an underscore. */
    static String envVar(String property) {
        StringBuilder out = new StringBuilder();
        for (String part : property.split("(?=<name>)|(?<=<name>)")) {
            if (part.equals("<name>")) {
                out.append("<NAME>");
            } else {
                out.append(part.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
            }
        }
        return out.toString();
    }

    /**
     * A Java file without comments, each string literal replaced by {@code "S<n>"}, so annotations
     * and defaults holding parentheses, braces, slashes or quotes cannot confuse the patterns above.
     */
    private static final class Source {
        final String code;
        final List<String> literals;

        private Source(String code, List<String> literals) {
            this.code = code;
            this.literals = literals;
        }

        static Source read(Path file) {
            String text = Repo.read(file);
            StringBuilder code = new StringBuilder(text.length());
            List<String> literals = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (text.startsWith("/*", i)) {
                    int end = text.indexOf("*/", i + 2);
                    i = end < 0 ? text.length() : end + 2;
                    code.append(' ');
                } else if (text.startsWith("//", i)) {
                    int end = text.indexOf('\n', i);
                    i = end < 0 ? text.length() : end;
                } else if (text.startsWith("\"\"\"", i)) {
                    int end = text.indexOf("\"\"\"", i + 3);
                    literals.add(text.substring(i + 3, end));
                    code.append("\"S").append(literals.size() - 1).append('"');
                    i = end + 3;
                } else if (c == '"' || c == '\'') {
                    StringBuilder literal = new StringBuilder();
                    int j = i + 1;
                    while (text.charAt(j) != c) {
                        if (text.charAt(j) == '\\') {
                            j++;
                            char e = text.charAt(j);
                            literal.append(switch (e) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                default -> e;
                            });
                        } else {
                            literal.append(text.charAt(j));
                        }
                        j++;
                    }
                    literals.add(literal.toString());
                    code.append(c).append('S').append(literals.size() - 1).append(c);
                    i = j + 1;
                } else {
                    code.append(c);
                    i++;
                }
            }
            return new Source(code.toString(), literals);
        }

        String literal(String index) {
            return literals.get(Integer.parseInt(index));
        }

        /** Each type declared in the file (nested ones too), by simple name: its body without the bodies of types nested in it. */
        Map<String, String> types() {
            Map<String, String> bodies = new LinkedHashMap<>();
            Matcher m = TYPE.matcher(code);
            while (m.find()) {
                int open = m.end() - 1;
                int close = matchingBrace(open);
                StringBuilder own = new StringBuilder(code.substring(open + 1, close));
                Matcher inner = TYPE.matcher(own);
                List<int[]> nested = new ArrayList<>();
                int from = 0;
                while (inner.find(from)) {
                    int innerOpen = inner.end() - 1;
                    int innerClose = innerOpen + (matchingBrace(open + 1 + innerOpen) - (open + 1 + innerOpen));
                    nested.add(new int[]{inner.start(), innerClose + 1});
                    from = innerClose + 1;
                }
                for (int k = nested.size() - 1; k >= 0; k--) {
                    own.replace(nested.get(k)[0], nested.get(k)[1], " ");
                }
                bodies.put(m.group(2), own.toString());
                kinds.put(m.group(2), m.group(1));
            }
            return bodies;
        }

        private final Map<String, String> kinds = new LinkedHashMap<>();

        boolean isInterface(String type) {
            return "interface".equals(kinds.get(type));
        }

        private int matchingBrace(int open) {
            int depth = 0;
            for (int i = open; i < code.length(); i++) {
                char c = code.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return i;
                }
            }
            throw new AssertionError("unbalanced braces");
        }
    }
}
