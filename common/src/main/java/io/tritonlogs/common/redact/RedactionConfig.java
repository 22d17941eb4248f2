package io.tritonlogs.common.redact;

import java.util.List;
import java.util.Locale;

/**
 * What the {@link Redactor} masks.
 *
 * @param secretKeys           key names whose values are secrets in {@code KEY=value} and JSON
 *                             {@code "KEY": "value"} form; a key matches when it ends with one of
 *                             them, case-insensitively ({@code db_password}, {@code apiKey},
 *                             {@code x-auth-token}); keys of fewer than five letters ({@code key},
 *                             {@code pwd}) only after a non-letter or as a camel-case part, so
 *                             {@code monkey=} stays
 * @param bearerTokens         mask {@code Bearer <token>}
 * @param authorizationHeaders mask the credentials of {@code Authorization: <scheme> <credentials>}
 * @param urlCredentials       mask the password (or a lone token) in {@code scheme://user:password@host}
 * @param extraRules           further regular-expression rules, applied after the built-in ones
 */
public record RedactionConfig(List<String> secretKeys, boolean bearerTokens, boolean authorizationHeaders,
                              boolean urlCredentials, List<RedactionRule> extraRules) {

    /** The guide's {@code password}, {@code token} and {@code key}, plus common secret names. */
    public static final List<String> DEFAULT_SECRET_KEYS = List.of(
            "password", "passwd", "pwd", "token", "key", "secret", "apikey", "credential", "credentials", "authorization");

    public static final RedactionConfig DEFAULT = new RedactionConfig(DEFAULT_SECRET_KEYS, true, true, true, List.of());

    public RedactionConfig {
        secretKeys = secretKeys == null ? List.of()
                : secretKeys.stream().map(k -> k.trim().toLowerCase(Locale.ROOT)).filter(k -> !k.isEmpty()).toList();
        extraRules = extraRules == null ? List.of() : List.copyOf(extraRules);
    }
}
