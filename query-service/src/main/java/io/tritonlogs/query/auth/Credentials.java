package io.tritonlogs.query.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the caller's token from an {@code Authorization} header: {@code Bearer <token>}, or HTTP
 * Basic {@code <token-name>:<token>} because Grafana's Loki data source and logcli both offer
 * Basic. With Basic the user name must be the token's configured name, so a token copied into the
 * wrong data source fails loudly instead of reading as someone else.
 */
public final class Credentials {

    /** What the header proved: a caller, or a refusal with one sentence for the caller. */
    public sealed interface Outcome {
    }

    public record Accepted(Caller caller) implements Outcome {
    }

    public record Refused(String reason) implements Outcome {
    }

    private Credentials() {
    }

    /** The caller, or the refusal to answer with 401. */
    public static Outcome authenticate(String header, TokenRegistry tokens) {
        if (header == null || header.isBlank()) {
            return new Refused("this API needs a token: send Authorization: Bearer <token>, or Basic with the token's name as user and the token as password");
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).strip();
            return token.isEmpty() ? new Refused("the bearer token is empty")
                    : tokens.find(token).<Outcome>map(Accepted::new).orElse(new Refused("the token is not one this service knows"));
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            Optional<String[]> pair = decodeBasic(header.substring(6).strip());
            if (pair.isEmpty()) {
                return new Refused("the Basic credentials are not base64 of <token-name>:<token>");
            }
            Optional<Caller> caller = tokens.find(pair.get()[1]);
            return caller.isPresent() && caller.get().name().equals(pair.get()[0]) ? new Accepted(caller.get())
                    : new Refused("the Basic credentials are not a known token under its own name (user = the token's name, password = the token)");
        }
        return new Refused("only Bearer and Basic authorization are accepted");
    }

    private static Optional<String[]> decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
