package io.tritonlogs.alert.api;

/** A receiver name that the receivers file does not define. */
public class UnknownReceiverException extends RuntimeException {
    public UnknownReceiverException(String name) {
        super("no receiver named \"" + name + "\" in the receivers file");
    }
}
