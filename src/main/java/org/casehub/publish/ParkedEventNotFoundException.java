package org.casehub.publish;

/** No parked outbox row of that id: answered 404. */
public class ParkedEventNotFoundException extends RuntimeException {

    public ParkedEventNotFoundException(String message) {
        super(message);
    }
}
