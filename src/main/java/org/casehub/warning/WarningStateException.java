package org.casehub.warning;

/** The warning is not in a state that allows the request: acknowledged or closed already (409). */
public class WarningStateException extends RuntimeException {

    public WarningStateException(String message) {
        super(message);
    }
}
