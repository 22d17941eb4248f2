package io.tritonlogs.alert.notify;

import io.tritonlogs.alert.eval.Alert;
import io.tritonlogs.alert.eval.AlertState;
import io.tritonlogs.alert.eval.AlertStateMachine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns alert states into notifications, Alertmanager-style: alerts are routed, grouped by the
 * route's {@code group_by} labels, and a group is notified when it first fires (after
 * {@code group_wait}), when its set of firing alerts changes, again after {@code repeat_interval},
 * and once resolved when nothing in it fires any more ({@code send_resolved}). Pure apart from
 * {@code enqueue}; the caller persists the returned group states.
 * <p>
 * Routing for {@code alertmanager-api} receivers: the route tree still chooses which alerts go to
 * them (matchers, first match wins), but grouping, {@code group_wait}, {@code repeat_interval} and
 * {@code send_resolved} are Alertmanager's to apply with its own route; applied here too they would
 * hold back the resends that keep an alert alive in Alertmanager. So the alerts of such a route form
 * one feed: a firing alert is sent at once, every firing alert again each resend delay (all of them
 * whenever one is sent: a single cadence), and a resolved one once, as Prometheus does.
 */
public final class Dispatcher {

    /** Ends the group key of a route's feed; other group keys end in their labels, {@code {...}}. */
    static final String FEED = ":alertmanager-api";

    private Dispatcher() {
    }

    public static Collection<GroupState> dispatch(Instant now, Collection<Alert> alerts, Map<String, GroupState> previous,
                                                  Route root, Consumer<Notification> enqueue) {
        return dispatch(now, alerts, previous, root, AlertmanagerFeed.NONE, enqueue);
    }

    public static Collection<GroupState> dispatch(Instant now, Collection<Alert> alerts, Map<String, GroupState> previous,
                                                  Route root, AlertmanagerFeed feed, Consumer<Notification> enqueue) {
        if (root == null) {
            return List.of();
        }
        Map<String, List<Alert>> byGroup = new LinkedHashMap<>();
        Map<String, Route> routes = new LinkedHashMap<>();
        Map<String, Map<String, String>> groupLabels = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            if (alert.state() == AlertState.PENDING) {
                continue;
            }
            Route route = root.select(alert.labels());
            Map<String, String> labels = new TreeMap<>();
            if (feed.feeds(route.receiver())) {
                String key = route.path() + FEED;
                byGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(alert);
                routes.put(key, route);
                continue;
            }
            if (route.groupBy().contains("...")) {
                labels.putAll(alert.labels());
            } else {
                route.groupBy().forEach(name -> {
                    if (alert.labels().containsKey(name)) {
                        labels.put(name, alert.labels().get(name));
                    }
                });
            }
            String key = route.path() + ":" + render(labels);
            byGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(alert);
            routes.put(key, route);
            groupLabels.put(key, labels);
        }
        Map<String, GroupState> next = new TreeMap<>();
        Set<String> keys = new HashSet<>(byGroup.keySet());
        keys.addAll(previous.keySet());
        for (String key : keys) {
            GroupState state = previous.get(key);
            List<Alert> members = byGroup.getOrDefault(key, List.of());
            Route route = routes.get(key);
            if (route == null) {
                route = root.find(state.route()).orElse(root);
            }
            if (key.endsWith(FEED)) {
                GroupState fed = feed(key, route, state, members, feed, now, enqueue);
                if (fed != null) {
                    next.put(key, fed);
                }
                continue;
            }
            Map<String, String> labels = groupLabels.getOrDefault(key, state == null ? Map.of() : state.groupLabels());
            Map<String, Alert> firing = new TreeMap<>();
            members.stream().filter(a -> a.state() == AlertState.FIRING).forEach(a -> firing.put(a.fingerprint(), a));
            Map<String, Alert> notified = state == null ? Map.of() : state.notified();
            if (!firing.isEmpty()) {
                Instant first = state == null || state.firstFiringAt() == null ? now : state.firstFiringAt();
                boolean ready = !now.isBefore(first.plus(route.groupWait()));
                boolean added = !notified.keySet().containsAll(firing.keySet());
                boolean removed = !firing.keySet().containsAll(notified.keySet());
                boolean repeat = state != null && state.lastSentAt() != null && !now.isBefore(state.lastSentAt().plus(route.repeatInterval()));
                if (ready && (added || (removed && route.sendResolved()) || repeat)) {
                    long sequence = (state == null ? 0 : state.sequence()) + 1;
                    List<Alert> payload = new ArrayList<>(firing.values());
                    if (route.sendResolved()) {
                        notified.forEach((fp, a) -> {
                            if (!firing.containsKey(fp)) {
                                payload.add(resolvedCopy(a, members, now));
                            }
                        });
                    }
                    enqueue.accept(new Notification(id(key, sequence), route.receiver(), key, "firing", labels, payload, now));
                    next.put(key, new GroupState(key, route.path(), route.receiver(), labels, firing, first, now, sequence));
                } else {
                    next.put(key, new GroupState(key, route.path(), route.receiver(), labels, notified, first,
                            state == null ? null : state.lastSentAt(), state == null ? 0 : state.sequence()));
                }
            } else if (!notified.isEmpty() && route.sendResolved()) {
                long sequence = state.sequence() + 1;
                List<Alert> payload = new ArrayList<>();
                notified.values().forEach(a -> payload.add(resolvedCopy(a, members, now)));
                enqueue.accept(new Notification(id(key, sequence), route.receiver(), key, "resolved", labels, payload, now));
                next.put(key, new GroupState(key, route.path(), route.receiver(), labels, Map.of(), null, now, sequence));
            } else if (state != null) {
                // nothing firing: the next firing starts a new cycle, numbering goes on so ids stay unique
                next.put(key, new GroupState(key, route.path(), route.receiver(), labels, Map.of(), null, state.lastSentAt(), state.sequence()));
            }
        }
        return next.values();
    }

    private static GroupState feed(String key, Route route, GroupState state, List<Alert> members, AlertmanagerFeed feed, Instant now,
                                   Consumer<Notification> enqueue) {
        // A route no longer pointing at this receiver still tells it what it was told is over.
        String receiver = feed.feeds(route.receiver()) || state == null ? route.receiver() : state.receiver();
        Map<String, Alert> firing = new TreeMap<>();
        members.stream().filter(a -> a.state() == AlertState.FIRING).forEach(a -> firing.put(a.fingerprint(), a));
        Map<String, Alert> notified = state == null ? Map.of() : state.notified();
        long sequence = state == null ? 0 : state.sequence();
        Instant lastSent = state == null ? null : state.lastSentAt();
        List<Alert> resolved = new ArrayList<>();
        notified.forEach((fp, a) -> {
            if (!firing.containsKey(fp)) {
                resolved.add(resolvedCopy(a, members, now));
            }
        });
        // Resolved alerts go in a notification of their own: a firing one is superseded by the next
        // (see Deliverer), a resolution never is.
        if (!resolved.isEmpty()) {
            sequence++;
            Map<String, Notification.Handover> handover = new TreeMap<>();
            resolved.forEach(a -> handover.put(a.fingerprint(), new Notification.Handover(a.resolvedAt(), feed.generatorUrl().apply(a.ruleKey()))));
            enqueue.accept(new Notification(id(key, sequence), receiver, key, "resolved", Map.of(), resolved, now, handover));
        }
        boolean added = !notified.keySet().containsAll(firing.keySet());
        boolean due = lastSent == null || !now.isBefore(lastSent.plus(feed.resendDelay()));
        if (!firing.isEmpty() && (added || due)) {
            sequence++;
            Map<String, Notification.Handover> handover = new TreeMap<>();
            firing.forEach((fp, a) -> handover.put(fp, feed.handover(a, now)));
            enqueue.accept(new Notification(id(key, sequence), receiver, key, "firing", Map.of(), List.copyOf(firing.values()), now, handover));
            lastSent = now;
        }
        if (state == null && sequence == 0) {
            return null;
        }
        Instant first = firing.isEmpty() ? null : state == null || state.firstFiringAt() == null ? now : state.firstFiringAt();
        return new GroupState(key, route.path(), receiver, Map.of(), firing, first, lastSent, sequence);
    }

    private static Alert resolvedCopy(Alert notified, List<Alert> members, Instant now) {
        for (Alert a : members) {
            if (a.fingerprint().equals(notified.fingerprint()) && a.state() == AlertState.RESOLVED) {
                return a;
            }
        }
        return new Alert(notified.ruleKey(), notified.fingerprint(), notified.labels(), notified.annotations(), AlertState.RESOLVED,
                notified.value(), notified.activeAt(), notified.firedAt(), notified.lastSeenAt(), now);
    }

    /** Stable per group and notification number, so a crash between queuing and saving state cannot make a second id. */
    static String id(String groupKey, long sequence) {
        return AlertStateMachine.sha256Hex(groupKey + "\n" + sequence).substring(0, 32);
    }

    static String render(Map<String, String> labels) {
        StringBuilder text = new StringBuilder("{");
        labels.forEach((k, v) -> text.append(text.length() > 1 ? ", " : "").append(k).append("=\"").append(v.replace("\"", "\\\"")).append('"'));
        return text.append('}').toString();
    }
}
