package io.tritonlogs.query.auth;

import io.tritonlogs.common.logql.LogqlParser;
import io.tritonlogs.common.logql.ParseResult;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.query.config.QueryConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The configured bearer tokens ({@code query.auth.tokens.<name>.token}, optional
 * {@code .matchers}). Matcher text is read by common's LogQL parser as {@code {<matchers>}}, so a
 * typo stops the service at start. Tokens are compared by their SHA-256 digests in constant time,
 * every token every time, and never logged.
 */
@ApplicationScoped
public class TokenRegistry {

    private record Entry(String name, byte[] digest, List<Matcher> forced) {
    }

    private final boolean enabled;
    private final List<Entry> entries = new ArrayList<>();

    TokenRegistry(QueryConfig config) {
        this.enabled = config.auth().enabled();
        for (Map.Entry<String, QueryConfig.Token> e : new TreeMap<>(config.auth().tokens()).entrySet()) {
            String token = e.getValue().token();
            if (token == null || token.isBlank()) {
                throw new IllegalStateException("query.auth.tokens." + e.getKey() + ".token is empty");
            }
            List<Matcher> forced = e.getValue().matchers().filter(m -> !m.isBlank())
                    .map(m -> parseMatchers("query.auth.tokens." + e.getKey() + ".matchers", m)).orElse(List.of());
            entries.add(new Entry(e.getKey(), digest(token), forced));
        }
        if (enabled && entries.isEmpty()) {
            throw new IllegalStateException("query.auth.enabled=true but no query.auth.tokens.<name>.token is configured");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The caller holding {@code token}, or empty. */
    public Optional<Caller> find(String token) {
        byte[] presented = digest(token);
        Entry found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), presented) && found == null) {
                found = entry;
            }
        }
        return Optional.ofNullable(found).map(e -> new Caller(e.name(), e.forced()));
    }

    /** Matchers from LogQL matcher text such as {@code namespace="team-a", pod=~"triton-.*"}. */
    public static List<Matcher> parseMatchers(String property, String text) {
        ParseResult result = LogqlParser.parse("{" + text + "}");
        if (result instanceof ParseResult.Failed failed) {
            throw new IllegalStateException(property + " is not valid LogQL matcher text: " + failed.error().message());
        }
        return ((LogExpr) ((ParseResult.Parsed) result).expr()).selector().matchers();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
