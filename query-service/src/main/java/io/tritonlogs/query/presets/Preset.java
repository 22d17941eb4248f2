package io.tritonlogs.query.presets;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.tritonlogs.common.logql.ast.LogExpr;

/** A named use case from the guide: a checked log query, its description and its reading direction. */
public record Preset(String name, String description, String query, String direction, @JsonIgnore LogExpr expr) {
}
