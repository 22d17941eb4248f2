package io.tritonlogs.query.auth;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Access control on: {@code team-a} may read only {@code namespace="team-a"}; {@code ops} reads everything. */
public class AuthProfile implements QuarkusTestProfile {

    public static final String TEAM_A = "team-a-7f3c9e1d2b";
    public static final String OPS = "ops-0a1b2c3d4e";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "query.auth.enabled", "true",
                "query.auth.tokens.team-a.token", TEAM_A,
                "query.auth.tokens.team-a.matchers", "namespace=\"team-a\"",
                "query.auth.tokens.ops.token", OPS);
    }
}
