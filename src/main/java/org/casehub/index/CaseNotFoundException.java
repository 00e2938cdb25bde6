package org.casehub.index;

/** Nothing of that id in the caller's scope: answered 404, whether it exists elsewhere or not at all. */
public class CaseNotFoundException extends RuntimeException {

    public CaseNotFoundException(String message) {
        super(message);
    }
}
