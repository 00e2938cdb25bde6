package org.casehub.progress;

/** A report the case's process does not allow any more: nothing follows 办结. */
public class ProgressConflictException extends RuntimeException {

    public ProgressConflictException(String message) {
        super(message);
    }
}
