package org.casehub.quarantine;

/** The row is no longer open (replayed or discarded already): answered 409. */
public class QuarantineConflictException extends RuntimeException {

    public QuarantineConflictException(String message) {
        super(message);
    }
}
