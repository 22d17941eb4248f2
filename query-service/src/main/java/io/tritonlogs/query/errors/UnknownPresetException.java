package io.tritonlogs.query.errors;

/** No preset by that name: answers 404. */
public final class UnknownPresetException extends RuntimeException {
    public UnknownPresetException(String name) {
        super("there is no preset named '" + name + "'; GET /api/v1/presets lists them");
    }
}
