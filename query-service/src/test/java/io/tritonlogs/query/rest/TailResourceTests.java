package io.tritonlogs.query.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tritonlogs.query.testing.StandInLokiResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(StandInLokiResource.class)
class TailResourceTests {

    /** Two messages in Loki's tail format: two entries, then one entry and a dropped entry. */
    static final List<String> MESSAGES = List.of("""
            {"streams":[{"stream":{"container":"triton_server","level":"ERROR","model_name":"resnet50"},
              "values":[["1795534409720961856","2025-03-25T16:43:35Z E 412 model_lifecycle.cc:626] \\"failed to load 'resnet50' version 1\\""],
                        ["1795534409720961857","I1201 10:30:45.123456 1 server.cc:1] models\\n+---+\\n| a |"]]}],"dropped_entries":null}""",
            """
            {"streams":[{"stream":{"container":"triton_server","level":"INFO"},
              "values":[["1795534409720961858","plain text"]]}],
             "dropped_entries":[{"labels":{"container":"triton_server"},"timestamp":"1795534409720961800"}]}""");

    @TestHTTPResource("/api/v1/tail")
    URL tail;

    @BeforeEach
    void reset() {
        StandInLokiResource.resetAll();
    }

    @Test
    void tailBridgesLokisWebsocketToServerSentEvents() throws Exception {
        StandInLokiResource.tail().script(MESSAGES);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(tail + "?container=triton_server&level=ERROR&contains=load&since=5m&limit=50"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            try (Stream<String> body = response.body()) {
                assertThat(response.statusCode()).as(String.join("\n", body.toList())).isEqualTo(200);
            }
        }
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> lines = new ArrayList<>();
        try (Stream<String> body = response.body()) {
            Iterator<String> it = body.iterator();
            int data = 0;
            while (data < 4 && it.hasNext()) {
                String line = it.next();
                lines.add(line);
                if (line.startsWith("data:")) {
                    data++;
                }
            }
        }
        List<String> events = lines.stream().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip()).toList();
        List<String> data = lines.stream().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip()).toList();
        assertThat(events).containsExactly("entry", "entry", "entry", "dropped");
        assertThat(data.get(0)).contains("\"timestampNanos\":\"1795534409720961856\"")
                .contains("\"parsed\":{\"level\":\"ERROR\",\"source\":\"model_lifecycle.cc:626\",\"message\":\"failed to load 'resnet50' version 1\",\"model\":\"resnet50\"}");
        assertThat(data.get(1)).contains("\"source\":\"server.cc:1\"").contains("\"level\":\"INFO\"").contains("\"message\":\"models\\n+---+\\n| a |\"");
        assertThat(data.get(2)).contains("\"level\":\"UNKNOWN\"").contains("\"line\":\"plain text\"");
        assertThat(data.get(3)).isEqualTo("1");

        Map<String, String> sent = StandInLokiResource.tail().requests().get(0);
        assertThat(sent.get("query")).isEqualTo("{container=\"triton_server\", level=\"ERROR\"} |= \"load\"");
        assertThat(sent.get("limit")).isEqualTo("50");
        long startNanos = Long.parseLong(sent.get("start"));
        long ageNanos = System.currentTimeMillis() * 1_000_000L - startNanos;
        assertThat(ageNanos).isBetween(Duration.ofMinutes(5).toNanos(), Duration.ofMinutes(6).toNanos());
    }

    @Test
    void aTailThatLokiCutsOffEndsWithAnErrorEventNotSilently() throws Exception {
        StandInLokiResource.tail().script(MESSAGES.subList(1, 2));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tail + "?container=triton_server"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        try (Stream<String> body = response.body()) {
            Iterator<String> it = body.iterator();
            while (it.hasNext()) { // to its end: the service ends the stream after the error event
                String line = it.next();
                lines.add(line);
                if (line.startsWith("event:") && line.contains("dropped")) {
                    StandInLokiResource.tail().cutOpenTails(); // Loki dies mid-tail
                }
            }
        }
        List<String> events = lines.stream().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip()).toList();
        assertThat(events).containsExactly("entry", "dropped", "error");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("data:").contains("Loki's tail"));
    }

    @Test
    void tailChecksItsParametersBeforeConnecting() {
        given().queryParam("level", "LOUD").accept("text/event-stream").get("/api/v1/tail")
                .then().statusCode(400).contentType("application/problem+json").body("parameter", equalTo("level"));
        given().queryParam("regex", "(").accept("text/event-stream").get("/api/v1/tail")
                .then().statusCode(400).body("parameter", equalTo("regex"));
        assertThat(StandInLokiResource.tail().requests()).isEmpty();
    }
}
