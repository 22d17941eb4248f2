package io.tritonlogs.support.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTest {

    @Test
    void extensionMembersSitBesideTheStandardOnesAndAbsentOnesAreLeftOut() throws Exception {
        Problem problem = Problem.of("invalid-logql", "Invalid LogQL", 400, "parse error at line 1, col 8")
                .withParameter("query").at(1, 8).with("file", null);
        String json = new ObjectMapper().writeValueAsString(problem);
        assertThat(json).isEqualTo("{\"type\":\"urn:tritonlogs:problem:invalid-logql\",\"title\":\"Invalid LogQL\",\"status\":400,"
                + "\"detail\":\"parse error at line 1, col 8\",\"parameter\":\"query\",\"line\":1,\"column\":8}");
        assertThat(new ObjectMapper().writeValueAsString(Problem.of("internal", "Internal error", 500, null).with("errors", List.of("a"))))
                .isEqualTo("{\"type\":\"urn:tritonlogs:problem:internal\",\"title\":\"Internal error\",\"status\":500,\"errors\":[\"a\"]}");
    }

    @Test
    void itIsAnsweredAsProblemJson() {
        var response = Problem.of("http-404", "Not Found", 404, "nothing here").response();
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
    }
}
