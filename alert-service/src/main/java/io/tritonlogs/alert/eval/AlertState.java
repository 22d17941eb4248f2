package io.tritonlogs.alert.eval;

/** inactive (no alert) → pending (waiting out {@code for}) → firing → resolved. */
public enum AlertState {
    PENDING, FIRING, RESOLVED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
