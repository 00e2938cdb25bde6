package org.casehub.cases;

/** A client without the personal-data flag asked for persons in the clear: answered 403. */
public class PersonalDataNotAllowedException extends RuntimeException {

    public PersonalDataNotAllowedException() {
        super("this client may not read personal data in the clear");
    }
}
