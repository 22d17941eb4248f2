package io.tritonlogs.alert.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A routing node in the spirit of Alertmanager: an alert goes to the first child route whose
 * matchers all hold (recursively), else to this route. {@code groupBy} containing {@code ...}
 * groups by every label. {@code path} names the route in group keys, e.g. {@code {}/{severity="critical"}}.
 */
public record Route(String path, String receiver, List<String> groupBy, Duration groupWait, Duration repeatInterval,
                    boolean sendResolved, Map<String, String> match, Map<String, Pattern> matchRe, List<Route> routes) {

    public Route {
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        match = match == null ? Map.of() : Map.copyOf(match);
        matchRe = matchRe == null ? Map.of() : Map.copyOf(matchRe);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    public boolean matches(Map<String, String> labels) {
        for (var m : match.entrySet()) {
            if (!m.getValue().equals(labels.getOrDefault(m.getKey(), ""))) {
                return false;
            }
        }
        for (var m : matchRe.entrySet()) {
            if (!m.getValue().matcher(labels.getOrDefault(m.getKey(), "")).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The route that handles {@code labels}: the deepest first-matching child. */
    public Route select(Map<String, String> labels) {
        for (Route child : routes) {
            if (child.matches(labels)) {
                return child.select(labels);
            }
        }
        return this;
    }

    public Optional<Route> find(String routePath) {
        if (path.equals(routePath)) {
            return Optional.of(this);
        }
        return routes.stream().map(r -> r.find(routePath)).flatMap(Optional::stream).findFirst();
    }
}
