package io.tritonlogs.query.auth;

import io.quarkus.logging.Log;
import io.tritonlogs.query.rest.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Access control, off unless {@code query.auth.enabled=true}: every /api/v1 request needs
 * {@code Authorization: Bearer <token>} naming a configured token (else 401), and runs as that
 * token's {@link Caller}.
 */
public class BearerTokenFilter {

    private final TokenRegistry tokens;
    private final CurrentCaller current;

    BearerTokenFilter(TokenRegistry tokens, CurrentCaller current) {
        this.tokens = tokens;
        this.current = current;
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!tokens.enabled() || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            return Optional.of(unauthorized("this API needs a bearer token: send Authorization: Bearer <token>"));
        }
        Optional<Caller> caller = tokens.find(header.substring(7).strip());
        if (caller.isEmpty()) {
            Log.debugf("rejected an unknown bearer token for %s", request.getUriInfo().getPath());
            return Optional.of(unauthorized("the bearer token is not one this service knows"));
        }
        current.set(caller.get());
        return Optional.empty();
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.of("unauthorized", "Unauthorized", 401, detail).response())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
