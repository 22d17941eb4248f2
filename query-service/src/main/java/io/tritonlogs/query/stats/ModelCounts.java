package io.tritonlogs.query.stats;

/** Entries of one model over a window: all of them, errors (ERROR and FATAL) and warnings. */
public record ModelCounts(String model, long entries, long errors, long warnings) {

    ModelCounts plus(String level, long n) {
        return new ModelCounts(model, entries + n, errors + ("ERROR".equals(level) || "FATAL".equals(level) ? n : 0),
                warnings + ("WARNING".equals(level) ? n : 0));
    }
}
