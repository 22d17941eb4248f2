package io.tritonlogs.query.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tritonlogs.query.search.LogEntry;
import io.tritonlogs.support.rest.Problem;

/**
 * The types Jackson writes by reflection that Quarkus does not register for a native image on its own: it
 * registers what resource methods return, but not entities inside a {@code Response} (every problem, built
 * by {@link Problem#response()} and the exception mappers) nor server-sent event data ({@code GET /tail}
 * sends {@link LogEntry}s). {@code NativeConfigurationIT} checks, in the reflection
 * configuration the native build generates, that these and every record they hold are registered.
 */
@RegisterForReflection(targets = {Problem.class, LogEntry.class, LogEntry.Parsed.class})
public final class NativeReflection {
    private NativeReflection() {
    }
}
