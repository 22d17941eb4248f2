package io.tritonlogs.support.loki;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where Loki is and what every request to it carries: its base URL (no trailing slash), the tenant
 * ({@code X-Scope-OrgID}), the credentials ({@code Authorization}: bearer, else Basic) and the
 * timeouts. Blank values count as absent. {@link #toString()} never shows a secret.
 */
public record LokiConnection(String baseUrl, Optional<String> tenantId, Optional<String> authorization,
                             Duration connectTimeout, Duration requestTimeout) {

    public LokiConnection {
        baseUrl = baseUrl.strip().replaceAll("/+$", "");
        tenantId = tenantId.filter(t -> !t.isBlank());
        authorization = authorization.filter(a -> !a.isBlank());
    }

    public static LokiConnection of(LokiConnectionConfig config, Duration requestTimeout) {
        return of(config.url(), config.tenantId(), config.username(), config.password(), config.bearerToken(),
                config.connectTimeout(), requestTimeout);
    }

    public static LokiConnection of(String url, Optional<String> tenantId, Optional<String> username, Optional<String> password,
                                    Optional<String> bearerToken, Duration connectTimeout, Duration requestTimeout) {
        return new LokiConnection(url, tenantId, authorization(username, password, bearerToken), connectTimeout, requestTimeout);
    }

    /** A Loki with no tenant and no credentials. */
    public static LokiConnection anonymous(String url, Duration connectTimeout, Duration requestTimeout) {
        return new LokiConnection(url, Optional.empty(), Optional.empty(), connectTimeout, requestTimeout);
    }

    private static Optional<String> authorization(Optional<String> username, Optional<String> password, Optional<String> bearerToken) {
        Optional<String> token = bearerToken.filter(t -> !t.isBlank());
        if (token.isPresent()) {
            return Optional.of("Bearer " + token.get());
        }
        return username.filter(u -> !u.isBlank()).map(user -> "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
    }

    /** The headers every request carries: {@code X-Scope-OrgID} and {@code Authorization} when configured. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        tenantId.ifPresent(t -> headers.put("X-Scope-OrgID", t));
        authorization.ifPresent(a -> headers.put("Authorization", a));
        return headers;
    }

    /** The websocket base of {@code url} (default: this base URL): {@code ws://} or {@code wss://}. */
    public String websocketBase(Optional<String> url) {
        String base = url.filter(u -> !u.isBlank()).orElse(baseUrl).replaceAll("/+$", "");
        return base.startsWith("https://") ? "wss://" + base.substring(8) : base.startsWith("http://") ? "ws://" + base.substring(7) : base;
    }

    @Override
    public String toString() {
        return "LokiConnection[" + baseUrl + tenantId.map(t -> ", tenant " + t).orElse("")
                + authorization.map(a -> ", " + a.substring(0, a.indexOf(' ')) + " auth").orElse("") + "]";
    }
}
