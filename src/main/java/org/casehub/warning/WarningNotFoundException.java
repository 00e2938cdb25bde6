package org.casehub.warning;

/** No warning of that id in the caller's scope (404). */
public class WarningNotFoundException extends RuntimeException {

    public WarningNotFoundException(String message) {
        super(message);
    }
}
