package org.casehub.steering;

/** No group of that id has a case in the caller's scope: answered 404, like a case outside the scope. */
public class GroupNotFoundException extends RuntimeException {

    public GroupNotFoundException(String message) {
        super(message);
    }
}
