package org.casehub.writeback;

/** A platform that takes results back for the records it sent (its feed's name). */
interface SourcePlatform {

    String feed();

    /** Writes one result for one of the platform's records; never throws for the platform's own answers. */
    Answer write(Result result);
}
