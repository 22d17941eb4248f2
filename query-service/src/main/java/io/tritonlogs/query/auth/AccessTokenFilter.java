package io.tritonlogs.query.auth;

import io.quarkus.logging.Log;
import io.tritonlogs.support.rest.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Access control, off unless {@code query.auth.enabled=true}: every request to {@code /api/},
 * Loki's read API ({@code /loki/}) and the rules API ({@code /prometheus/}) needs a token
 * ({@link Credentials}), else 401, and runs as that token's {@link Caller}. The tail websocket is a
 * Vert.x route and checks the same credentials itself.
 */
public class AccessTokenFilter {

    static final String CHALLENGE_BEARER = "Bearer realm=\"triton-logs\"";
    static final String CHALLENGE_BASIC = "Basic realm=\"triton-logs\"";

    private final TokenRegistry tokens;
    private final CurrentCaller current;

    AccessTokenFilter(TokenRegistry tokens, CurrentCaller current) {
        this.tokens = tokens;
        this.current = current;
    }

    /** Whether requests to {@code path} need a token when access control is on. */
    public static boolean guarded(String path) {
        return path.startsWith("/api/") || path.startsWith("/loki/") || path.startsWith("/prometheus/");
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!tokens.enabled() || !guarded(path)) {
            return Optional.empty();
        }
        Credentials.Outcome outcome = Credentials.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION), tokens);
        if (outcome instanceof Credentials.Refused refused) {
            Log.debugf("refused %s: %s", path, refused.reason());
            return Optional.of(unauthorized(path, refused.reason()));
        }
        current.set(((Credentials.Accepted) outcome).caller());
        return Optional.empty();
    }

    /** Our own API answers problems; Loki's API answers plain text, as Loki does, so its clients show the sentence. */
    public static Response unauthorized(String path, String detail) {
        Response.ResponseBuilder response = path.startsWith("/api/")
                ? Response.fromResponse(Problem.of("unauthorized", "Unauthorized", 401, detail).response())
                : Response.status(401).type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).entity(detail + "\n");
        return response.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE_BEARER).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE_BASIC).build();
    }
}
