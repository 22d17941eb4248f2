package io.tritonlogs.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a Quarkus native build hands to {@code native-image}, read from a service's
 * {@code target/native-sources/}: the services' {@code native-sources} build execution (parent pom) runs every
 * Quarkus build step of a native build but {@code native-image} itself
 * ({@code quarkus.native.sources-only=true}), which needs no GraalVM. The runner jar there holds the generated
 * {@code META-INF/native-image/reflect-config.json} and {@code resource-config.json}; {@code lib/} the libraries.
 */
public final class NativeSources {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, JsonNode> reflection = new TreeMap<>();
    private final List<Pattern> resourceIncludes = new ArrayList<>();
    private final String args;

    private NativeSources(Path dir) throws IOException {
        this.dir = dir;
        Path runner;
        try (Stream<Path> files = Files.list(dir)) {
            runner = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-runner.jar in " + dir));
        }
        try (ZipFile jar = new ZipFile(runner.toFile())) {
            for (JsonNode entry : read(jar, "META-INF/native-image/reflect-config.json")) {
                reflection.put(entry.path("name").asText(), entry);
            }
            JsonNode resources = read(jar, "META-INF/native-image/resource-config.json");
            for (JsonNode include : resources.path("resources").path("includes")) {
                if (include.has("pattern")) {
                    resourceIncludes.add(Pattern.compile(include.path("pattern").asText()));
                } else if (include.has("glob")) {
                    resourceIncludes.add(globToRegex(include.path("glob").asText()));
                }
            }
        }
        this.args = Files.readString(dir.resolve("native-image.args"));
        // Older builds pass resource patterns on the command line instead.
        for (String arg : args.split("\\s+")) {
            if (arg.startsWith("-H:IncludeResources=")) {
                resourceIncludes.add(Pattern.compile(arg.substring("-H:IncludeResources=".length())));
            }
        }
    }

    /** {@code target/native-sources} of the module the test runs in (failsafe's working directory). */
    public static NativeSources ofThisModule() {
        Path dir = Path.of("target", "native-sources").toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: it is written in the package phase by the quarkus-maven-plugin's "
                    + "native-sources execution (parent pom), unless -Dnative-sources.skip=true");
        }
        try {
            return new NativeSources(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(ZipFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        if (entry == null) {
            throw new IllegalStateException(name + " is missing from " + jar.getName());
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return JSON.readTree(in);
        }
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** Classes registered so that Jackson can build and read them: constructors, methods (accessors) and fields. */
    public Set<String> registeredForJackson() {
        Set<String> names = new LinkedHashSet<>();
        reflection.forEach((name, entry) -> {
            boolean constructors = entry.path("allDeclaredConstructors").asBoolean() || entry.path("allPublicConstructors").asBoolean();
            boolean methods = entry.path("allDeclaredMethods").asBoolean() || entry.path("allPublicMethods").asBoolean();
            boolean fields = entry.path("allDeclaredFields").asBoolean() || entry.path("allPublicFields").asBoolean();
            if (constructors && methods && fields) {
                names.add(name);
            }
        });
        return names;
    }

    /** Whether a class path resource (e.g. {@code default-rules/triton.yaml}) is included in the executable. */
    public boolean includesResource(String path) {
        return resourceIncludes.stream().anyMatch(p -> p.matcher(path).matches());
    }

    /** The file names of the libraries the native build gets ({@code native-sources/lib/}). */
    public List<String> libraries() {
        try (Stream<Path> files = Files.list(dir.resolve("lib"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String args() {
        return args;
    }

    /**
     * The given classes and every record and enum of ours ({@code io.tritonlogs.}) they hold, followed through
     * record components, their type arguments and arrays: what Jackson needs to read or write the roots.
     */
    public static Set<String> withTheTypesTheyHold(Class<?>... roots) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<Type> todo = new ArrayDeque<>(List.of(roots));
        while (!todo.isEmpty()) {
            Type type = todo.pop();
            if (type instanceof ParameterizedType p) {
                todo.push(p.getRawType());
                todo.addAll(List.of(p.getActualTypeArguments()));
            } else if (type instanceof GenericArrayType a) {
                todo.push(a.getGenericComponentType());
            } else if (type instanceof WildcardType w) {
                todo.addAll(List.of(w.getUpperBounds()));
            } else if (type instanceof Class<?> c) {
                if (c.isArray()) {
                    todo.push(c.getComponentType());
                } else if (c.getName().startsWith("io.tritonlogs.") && (c.isRecord() || c.isEnum()) && seen.add(c.getName())) {
                    if (c.isRecord()) {
                        for (RecordComponent component : c.getRecordComponents()) {
                            todo.push(component.getGenericType());
                        }
                    }
                }
            }
        }
        return seen;
    }
}
