package io.tritonlogs.alert.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The most recent delivery attempts, newest first, for {@code GET /api/v1/deliveries}. Thread-safe. */
public final class DeliveryLog {

    private final int capacity;
    private final Deque<DeliveryRecord> records = new ArrayDeque<>();

    public DeliveryLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(DeliveryRecord record) {
        records.addFirst(record);
        while (records.size() > capacity) {
            records.removeLast();
        }
    }

    public synchronized List<DeliveryRecord> recent(int limit) {
        return new ArrayList<>(records).subList(0, Math.min(limit, records.size()));
    }
}
