package org.casehub.quarantine;

/** No quarantine row, or no background replay, of that id: answered 404. */
public class QuarantineNotFoundException extends RuntimeException {

    public QuarantineNotFoundException(String message) {
        super(message);
    }
}
