package io.tritonlogs.common.loki;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Loki wants each stream's entries in timestamp order; sort only when they are not already. */
final class EntryOrder {
    private static final Comparator<PushEntry> BY_TIME = Comparator.comparingLong(PushEntry::timestampNanos);

    private EntryOrder() {
    }

    static List<PushEntry> sorted(List<PushEntry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).timestampNanos() < entries.get(i - 1).timestampNanos()) {
                List<PushEntry> copy = new ArrayList<>(entries);
                copy.sort(BY_TIME); // stable: equal timestamps keep their order
                return copy;
            }
        }
        return entries;
    }
}
