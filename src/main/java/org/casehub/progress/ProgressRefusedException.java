package org.casehub.progress;

/** A report its sender may not make: the case is not delivered to the unit, or the sender does not speak for it. */
public class ProgressRefusedException extends RuntimeException {

    public ProgressRefusedException(String message) {
        super(message);
    }
}
